"""The desk's write services (projects/editing.py) and what the public side shows of
their new rows: signatories and materials in the registry and the API."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kaimolink.projects import editing
from kaimolink.projects.enums import MaterialKind, PartnerRole
from kaimolink.projects.models import AgreementSignatory, Project
from kaimolink.projects.services import ProjectError
from tests.factories import ActorFactory, LagFactory
from tests.files import PDF
from tests.projects.factories import AgreementFactory, ProjectFactory, add_partner, png_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _row(lag=None, name="", role=PartnerRole.PARTNER, pk=None, position=0):
    return editing.PartnerRow(
        pk=pk, name=name, country="LT", lag=lag, actor=None, role=role, position=position
    )


def test_unique_project_slug_skips_taken_and_reserved_names():
    ProjectFactory(slug="sumanaus-kaimo-link")
    ProjectFactory(slug="sumanaus-kaimo-link-2")
    assert editing.unique_project_slug("Sumanaus kaimo link") == "sumanaus-kaimo-link-3"
    assert editing.unique_project_slug("Documents") == "documents-projektas"
    assert editing.unique_project_slug("!!!") == "projektas"


def test_project_save_refusal_rolls_back_everything():
    ours, theirs = LagFactory(), LagFactory()
    with pytest.raises(ProjectError, match="Keep your own LAG"):
        editing.project_save(
            project=None, values={"title": "Naujas"}, partners=[_row(theirs, role="lead")],
            own_lag_ids={ours.pk},
        )  # fmt: skip
    assert not Project.objects.filter(title="Naujas").exists()


def test_project_save_moves_the_lead_between_rows():
    a, b = LagFactory(), LagFactory()
    project = ProjectFactory()
    first = add_partner(project, lag=a, role=PartnerRole.LEAD)
    second = add_partner(project, lag=b)
    editing.project_save(
        project=project, values={"title": project.title},
        partners=[_row(a, pk=first.pk), _row(b, role="lead", pk=second.pk)],
        own_lag_ids=None,
    )  # fmt: skip
    assert dict(project.partners.values_list("lag_id", "role")) == {a.pk: "partner", b.pk: "lead"}


def test_project_save_end_before_start_is_refused():
    lag = LagFactory()
    with pytest.raises(ProjectError, match="cannot end before it starts"):
        editing.project_save(
            project=None, values={"title": "X", "start_year": 2023, "end_year": 2021},
            partners=[_row(lag, role="lead")], own_lag_ids=None,
        )  # fmt: skip
    assert not Project.objects.filter(title="X").exists()


def test_document_upload_refuses_what_the_checker_refuses():
    project = ProjectFactory()
    with pytest.raises(ProjectError, match="not a PDF file"):
        editing.document_upload(
            project=project, title="A", file=SimpleUploadedFile("a.pdf", png_bytes()), by=None
        )
    assert not project.documents.exists()


def test_material_add_without_a_file_records_that_it_exists():
    agreement = AgreementFactory()
    material = editing.material_add(agreement=agreement, kind="methodology", title="Metodika")
    assert not material.file and material.size == 0 and material.position == 1


def test_public_registry_shows_signatories_parties_and_materials(client):
    lag = LagFactory()
    newspaper = ActorFactory(lag=lag, name="Kėdainių mugė")
    agreement = AgreementFactory(lag=lag, title="Sutartis su Raseinių VVG")
    agreement.actor_parties.set([newspaper])
    AgreementSignatory.objects.create(
        agreement=agreement, name="Vincas Blinstrubas", position="pirmininkas",
        organisation="Raseinių krašto bendrija",
    )  # fmt: skip
    with_file = editing.material_add(
        agreement=agreement, kind=MaterialKind.METHODOLOGY, title="Tyrimo metodika",
        file=SimpleUploadedFile("m.pdf", PDF),
    )  # fmt: skip
    editing.material_add(agreement=agreement, kind=MaterialKind.OTHER, title="Be failo")
    page = client.get(reverse("agreements:list")).content.decode()
    assert "Vincas Blinstrubas, pirmininkas, Raseinių krašto bendrija" in page
    assert "Kėdainių mugė" in page
    assert f'href="{with_file.file.url}"' in page and "Tyrimo metodika" in page
    assert "Be failo" in page and "the file is not in the registry" in page
    body = json.loads(client.get("/api/v1/agreements").content)
    (item,) = body["items"]
    assert item["signatories"] == [{
        "name": "Vincas Blinstrubas", "position": "pirmininkas",
        "organisation": "Raseinių krašto bendrija",
    }]  # fmt: skip
    assert {"name": "Kėdainių mugė", "lag": None} in item["parties"]
    assert [(m["title"], m["url"]) for m in item["materials"]] == [
        ("Tyrimo metodika", with_file.file.url), ("Be failo", None),
    ]  # fmt: skip
    assert client.get(with_file.file.url).status_code == 200
