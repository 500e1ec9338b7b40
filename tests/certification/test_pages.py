"""The applicant's pages: the list, starting an application, the self-assessment, evidence
upload and download, sending; 404 for everyone else; constant queries on the list."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kaimolink.certification.enums import ApplicationState
from kaimolink.certification.models import Application, SelfAssessment
from tests.certification.factories import application_in, licensed, make_world
from tests.factories import ActorFactory
from tests.helpers.queries import count_queries

S = ApplicationState
pytestmark = pytest.mark.django_db
PASSWORD = "slaptas-Zodis-42"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world():
    return make_world()


def login(client, user):
    client.force_login(user)
    return client


def test_a_member_starts_an_application_and_writes_the_self_assessment(client, world):
    login(client, world.applicant)
    response = client.post(
        "/lt/certification/applications/new/",
        {"actor": world.actor.pk, "scheme": world.scheme.pk},
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/lt/certification/applications/{application.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "K2" in page.content.decode()
    criterion = application.version.criteria.get(code="K1")
    data = {f"text_{criterion.pk}": "Pelną skiriame bendruomenei.", f"links_{criterion.pk}": ""}
    assert client.post(response["Location"], data).status_code == 302
    assert SelfAssessment.objects.get(application=application).text == data[f"text_{criterion.pk}"]


def test_a_bad_link_is_refused_and_what_was_typed_is_kept(client, world):
    application = application_in(world, S.DRAFT)
    criterion = application.version.criteria.get(code="K1")
    login(client, world.applicant)
    response = client.post(
        f"/lt/certification/applications/{application.pk}/",
        {f"text_{criterion.pk}": "Naujas tekstas", f"links_{criterion.pk}": "ne adresas"},
    )
    assert response.status_code == 400
    assert "Naujas tekstas" in response.content.decode()
    assert SelfAssessment.objects.get(criterion=criterion).text == "Atsakymas K1"


def test_upload_download_and_send(client, world):
    application = application_in(world, S.DRAFT)
    login(client, world.applicant)
    url = f"/lt/certification/applications/{application.pk}/"
    upload = SimpleUploadedFile("ataskaita.pdf", PDF, content_type="application/pdf")
    assert client.post(url + "evidence/", {"criterion": "", "file": upload}).status_code == 302
    evidence = application.evidence.get()
    download = client.get(f"/lt/certification/evidence/{evidence.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert client.post(url + "submit/").status_code == 302
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    assert client.post(url + "evidence/", {"file": upload}).status_code == 400


def test_a_fake_pdf_is_refused_with_a_message(client, world):
    application = application_in(world, S.DRAFT)
    login(client, world.applicant)
    fake = SimpleUploadedFile("ataskaita.pdf", b"<html></html>")
    response = client.post(
        f"/lt/certification/applications/{application.pk}/evidence/", {"file": fake}
    )
    assert response.status_code == 400 and not application.evidence.exists()


@pytest.mark.parametrize("persona", ["stranger", "other_coordinator", "second_evaluator"])
def test_others_get_404_for_the_application_and_its_files(client, world, persona):
    application = application_in(world, S.DRAFT)
    login(client, world.applicant)
    upload = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    client.post(f"/lt/certification/applications/{application.pk}/evidence/", {"file": upload})
    evidence = application.evidence.get()
    login(client, world.persona(persona))
    base = f"/lt/certification/applications/{application.pk}/"
    assert client.get(base).status_code == 404
    assert client.post(base + "submit/").status_code == 404
    assert client.get(f"/lt/certification/evidence/{evidence.pk}/").status_code == 404
    application.refresh_from_db()
    assert application.state == S.DRAFT


def test_the_lags_coordinator_reads_the_application_without_the_form(client, world):
    application = application_in(world, S.SUBMITTED)
    login(client, world.coordinator)
    response = client.get(f"/lt/certification/applications/{application.pk}/")
    assert response.status_code == 200
    assert "Atsakymas K1" in response.content.decode()
    assert 'name="text_' not in response.content.decode()


def test_my_applications_cost_the_same_queries_for_one_and_many(client, world):
    login(client, world.applicant)
    application_in(world, S.DRAFT)
    one = count_queries(client, "/lt/certification/applications/")
    for _ in range(3):
        application_in(world, S.DRAFT, actor=ActorFactory(lag=world.lag, owners=[world.applicant]))
    assert count_queries(client, "/lt/certification/applications/") == one


def test_a_member_renews_a_licence_in_force_from_the_list(client, world):
    licence = licensed(world)
    login(client, world.applicant)
    page = client.get("/lt/certification/applications/")
    assert licence.number in page.content.decode()
    assert f"/lt/certification/licences/{licence.pk}/renew/" in page.content.decode()

    response = client.post(f"/lt/certification/licences/{licence.pk}/renew/")
    renewal = Application.objects.get(renews=licence)
    assert response.status_code == 302
    assert response["Location"] == f"/lt/certification/applications/{renewal.pk}/"
    assert renewal.kind == "renewal" and renewal.state == S.DRAFT
    assert "/renew/" not in client.get("/lt/certification/applications/").content.decode()

    # Twice: refused with the reason in Lithuanian, nothing more is created.
    again = client.post(f"/lt/certification/licences/{licence.pk}/renew/")
    assert again.status_code == 400
    assert Application.objects.filter(renews=licence).count() == 1


@pytest.mark.parametrize("who", ["stranger", "other_coordinator"])
def test_only_the_holders_members_may_renew(client, world, who):
    licence = licensed(world)
    login(client, world.persona(who))
    assert client.post(f"/lt/certification/licences/{licence.pk}/renew/").status_code == 404
    assert client.get(f"/lt/certification/licences/{licence.pk}/renew/").status_code in (404, 405)
    assert not Application.objects.filter(renews=licence).exists()


def test_an_expired_licence_is_not_renewed(client, world):
    licence = licensed(world)
    today = datetime.date.today()
    licence.valid_from = today - datetime.timedelta(days=3 * 365)
    licence.valid_until = today - datetime.timedelta(days=365)
    licence.save(update_fields=["valid_from", "valid_until"])
    login(client, world.applicant)
    response = client.post(f"/lt/certification/licences/{licence.pk}/renew/")
    assert response.status_code == 400
    assert "Atnaujinti galima tik galiojančią licenciją" in response.content.decode()
    assert not Application.objects.filter(renews=licence).exists()
