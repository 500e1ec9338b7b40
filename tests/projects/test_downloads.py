"""Project and agreement documents: in the private storage, handed out by views that check
access as the project's page does (issue 8, finding 5)."""

import os

import pytest

from kaimolink.projects.enums import PartnerRole, ProjectStatus
from kaimolink.projects.services import agreement_set_document, document_add
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.files import DOCX, PDF
from tests.projects.factories import AgreementFactory, ProjectFactory, add_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    lag = LagFactory()
    project = ProjectFactory(status=ProjectStatus.DRAFT)
    add_partner(project, lag=lag, role=PartnerRole.LEAD)
    document = document_add(project=project, title="Sutartis", filename="sutartis.pdf", content=PDF)
    return {"lag": lag, "project": project, "document": document}


def test_draft_project_document_is_not_under_media_root(draft, settings):
    path = draft["document"].file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert path.startswith(str(settings.PRIVATE_ROOT))
    assert "sutartis" not in draft["document"].file.name


def test_draft_project_document_is_404_for_visitors_and_other_people(client, draft):
    url = draft["document"].file.url
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(make_coordinator(LagFactory()))
    assert client.get(url).status_code == 404
    # Nor under /media/, whatever the path.
    assert client.get(f"/media/{draft['document'].file.name}").status_code == 404
    # The same address answers the project's coordinator: the refusals above are the rule.
    client.force_login(make_coordinator(draft["lag"]))
    assert client.get(url).status_code == 200


def test_draft_project_document_is_a_download_for_its_coordinator(client, draft):
    client.force_login(make_coordinator(draft["lag"]))
    response = client.get(draft["document"].file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Sutartis.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF


def test_published_project_document_is_a_download_for_anyone(client, draft):
    draft["project"].status = ProjectStatus.PUBLISHED
    draft["project"].save(update_fields=["status"])
    response = client.get(draft["document"].file.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_project_page_links_the_download_view(client, draft):
    client.force_login(make_coordinator(draft["lag"]))
    page = client.get(draft["project"].get_absolute_url()).content.decode()
    assert f'href="/lt/projects/documents/{draft["document"].pk}/"' in page
    assert "/media/" not in page


def test_agreement_document_is_a_download_and_the_replaced_one_is_deleted(
    client, django_capture_on_commit_callbacks
):
    agreement = AgreementFactory()
    agreement = agreement_set_document(agreement=agreement, filename="a.pdf", content=PDF)
    old = agreement.document.path
    with django_capture_on_commit_callbacks(execute=True):
        agreement = agreement_set_document(agreement=agreement, filename="b.docx", content=DOCX)
    assert not os.path.exists(old)
    response = client.get(agreement.document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == DOCX


def test_project_admin_with_a_document_renders(client, draft):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(f"/lt/admin/projects/project/{draft['project'].pk}/change/")
    assert response.status_code == 200
    assert f"/lt/projects/documents/{draft['document'].pk}/" in response.content.decode()
