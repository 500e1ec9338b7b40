"""Management in the Django admin: scoped by LAG, validated with clear messages."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kaimolink.projects.enums import PartnerRole
from kaimolink.projects.models import Agreement, Indicator, Project, ProjectDocument
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.projects.factories import (
    AgreementFactory,
    ProjectFactory,
    add_indicator,
    add_partner,
    pdf_bytes,
    png_bytes,
)

pytestmark = pytest.mark.django_db

ADMIN = "/lt/admin/projects"


@pytest.fixture
def world():
    lag_a, lag_b, lag_c = LagFactory(), LagFactory(), LagFactory()
    ours = ProjectFactory(title="Mūsų projektas")
    add_partner(ours, lag=lag_a, role=PartnerRole.LEAD)
    partnered = ProjectFactory(title="Partnerių projektas")
    add_partner(partnered, lag=lag_b, role=PartnerRole.LEAD)
    add_partner(partnered, lag=lag_a)
    theirs = ProjectFactory(title="Svetimas projektas")
    add_partner(theirs, lag=lag_c, role=PartnerRole.LEAD)
    return {
        "lag_a": lag_a, "lag_b": lag_b, "lag_c": lag_c,
        "ours": ours, "partnered": partnered, "theirs": theirs,
        "coordinator": make_coordinator(lag_a),
    }  # fmt: skip


def management(prefix, rows, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def project_post(project=None, *, partners=(), indicators=(), documents=(), **fields):
    """The admin form of a project as a browser would post it."""
    data = {
        "title": "Sumanaus kaimo link", "title_en": "", "slug": "sumanaus-kaimo-link",
        "number": "44TT-KK-21-1-00909-PR001", "programme": "", "status": "published",
        "start_year": "2021", "end_year": "2023", "start_date": "", "end_date": "",
        "budget": "98880.79", "summary": "", "goals": "", "target_groups": "",
    }  # fmt: skip
    data.update(fields)
    existing = list(project.partners.all()) if project else []
    rows = existing + list(partners)
    data.update(management("partners", rows, initial=len(existing)))
    for i, row in enumerate(rows):
        if hasattr(row, "pk"):
            row = {"id": row.pk, "role": row.role, "name": row.name, "country": row.country,
                   "lag": row.lag_id or "", "actor": "", "position": row.position}  # fmt: skip
        for key, value in {
            "country": "LT",
            "position": "0",
            "actor": "",
            "name": "",
            **row,
        }.items():
            data[f"partners-{i}-{key}"] = value
    old = list(project.indicators.all()) if project else []
    data.update(management("indicators", old + list(indicators), initial=len(old)))
    for i, row in enumerate(old + list(indicators)):
        if hasattr(row, "pk"):
            row = {"id": row.pk, "code": row.code, "name": row.name, "unit": row.unit,
                   "target": row.target, "achieved": ""}  # fmt: skip
        for key, value in {"position": "0", "unit": "", "achieved": "", **row}.items():
            data[f"indicators-{i}-{key}"] = value
    data.update(management("news", []))
    data.update(management("documents", documents))
    for i, row in enumerate(documents):
        for key, value in {"position": "0", **row}.items():
            data[f"documents-{i}-{key}"] = value
    return data


# --- Scope ----------------------------------------------------------------------------------


def test_coordinator_lists_projects_their_lag_leads_or_partners(client, world):
    client.force_login(world["coordinator"])
    html = client.get(f"{ADMIN}/project/").content.decode()
    assert "Mūsų projektas" in html and "Partnerių projektas" in html
    assert "Svetimas projektas" not in html


def test_other_lags_project_cannot_be_seen_changed_or_deleted(client, world):
    client.force_login(world["coordinator"])
    theirs = world["theirs"]
    assert client.get(f"{ADMIN}/project/{theirs.pk}/change/").status_code == 302
    response = client.post(
        f"{ADMIN}/project/{theirs.pk}/change/",
        project_post(theirs, title="Pakeista", slug=theirs.slug),
    )
    assert response.status_code in (302, 403, 404)
    client.post(f"{ADMIN}/project/{theirs.pk}/delete/", {"post": "yes"})
    theirs.refresh_from_db()
    assert theirs.title == "Svetimas projektas"


def test_partner_coordinator_edits_but_cannot_delete_the_leads_project(client, world):
    client.force_login(world["coordinator"])
    partnered = world["partnered"]
    response = client.post(
        f"{ADMIN}/project/{partnered.pk}/change/",
        project_post(partnered, title="Atnaujintas", slug=partnered.slug,
                     indicators=[{"code": "R1", "name": "Mokymai", "target": "33"}]),
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    partnered.refresh_from_db()
    assert partnered.title == "Atnaujintas"
    assert partnered.indicators.get().target == Decimal("33")
    client.post(f"{ADMIN}/project/{partnered.pk}/delete/", {"post": "yes"})
    assert Project.objects.filter(pk=partnered.pk).exists()
    ours = world["ours"]
    client.post(f"{ADMIN}/project/{ours.pk}/delete/", {"post": "yes"})
    assert not Project.objects.filter(pk=ours.pk).exists()


def test_coordinator_adds_a_project_with_own_lag_as_lead(client, world):
    client.force_login(world["coordinator"])
    response = client.post(
        f"{ADMIN}/project/add/",
        project_post(partners=[
            {"role": "lead", "lag": world["lag_a"].pk},
            {"role": "partner", "name": "Cesu rajona lauku partneriba", "country": "LV"},
        ], indicators=[{"code": "R1", "name": "Mokymai", "target": "33", "unit": "training"}]),
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(slug="sumanaus-kaimo-link")
    assert project.budget == Decimal("98880.79")
    lead = project.partners.get(role="lead")
    assert lead.lag == world["lag_a"] and lead.name == world["lag_a"].name
    assert project.partners.get(country="LV").lag is None


def test_coordinator_cannot_add_a_project_without_their_lag(client, world):
    client.force_login(world["coordinator"])
    response = client.post(
        f"{ADMIN}/project/add/",
        project_post(partners=[{"role": "lead", "lag": world["lag_c"].pk}]),
    )
    assert response.status_code == 200
    assert "Palikite savo VVG" in response.content.decode()
    assert not Project.objects.filter(slug="sumanaus-kaimo-link").exists()


def test_coordinator_cannot_remove_own_lag_from_a_project(client, world):
    client.force_login(world["coordinator"])
    partnered = world["partnered"]
    data = project_post(partnered, slug=partnered.slug)
    own_row = next(i for i in range(2) if data[f"partners-{i}-lag"] == world["lag_a"].pk)
    data[f"partners-{own_row}-DELETE"] = "on"
    response = client.post(f"{ADMIN}/project/{partnered.pk}/change/", data)
    assert response.status_code == 200
    assert partnered.partners.filter(lag=world["lag_a"]).exists()


# --- Validation -----------------------------------------------------------------------------


def _add(client, world, **fields):
    client.force_login(world["coordinator"])
    partners = fields.pop("partners", [{"role": "lead", "lag": world["lag_a"].pk}])
    indicators = fields.pop("indicators", [])
    documents = fields.pop("documents", [])
    data = project_post(partners=partners, indicators=indicators, **fields)
    for i, document in enumerate(documents):
        data.update(management("documents", documents))
        data[f"documents-{i}-title"] = document["title"]
        data[f"documents-{i}-position"] = "0"
        data[f"documents-{i}-file"] = document["file"]
    return client.post(f"{ADMIN}/project/add/", data)


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"start_year": "2023", "end_year": "2021"}, "negali baigtis anksčiau"),
        ({"start_date": "2023-05-01", "end_date": "2023-04-01", "start_year": "",
          "end_year": ""}, "negali baigtis anksčiau"),
        ({"budget": "-1"}, "Biudžetas negali būti neigiamas"),
        ({"indicators": [{"code": "R1", "name": "A", "target": "-5"}]},
         "Siektina reikšmė negali būti neigiama"),
        ({"indicators": [{"code": "R1", "name": "A", "target": "5"},
                         {"code": "R1", "name": "B", "target": "6"}]}, "„R1“"),
        ({"partners": [{"role": "lead", "lag": "LAG_A"}, {"role": "lead", "name": "X"}]},
         "tik vieną vadovaujantįjį partnerį"),
    ],
)  # fmt: skip
def test_bad_project_input_is_refused_with_a_message_and_nothing_saved(
    client, world, fields, message
):
    if "partners" in fields:
        fields["partners"][0]["lag"] = world["lag_a"].pk
    response = _add(client, world, **fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Sumanaus kaimo link" in html  # the entered text is kept in the form
    assert not Project.objects.filter(slug="sumanaus-kaimo-link").exists()
    assert not Indicator.objects.exists()


def test_png_renamed_pdf_is_refused_and_a_real_pdf_accepted(client, world):
    fake = SimpleUploadedFile("sutartis.pdf", png_bytes(), content_type="application/pdf")
    response = _add(client, world, documents=[{"title": "Sutartis", "file": fake}])
    assert response.status_code == 200
    assert "nėra PDF failas" in response.content.decode()
    assert not ProjectDocument.objects.exists()

    real = SimpleUploadedFile("sutartis.pdf", pdf_bytes(), content_type="application/pdf")
    response = _add(client, world, documents=[{"title": "Sutartis", "file": real}])
    assert response.status_code == 302, response.content.decode()[:3000]
    document = ProjectDocument.objects.get()
    assert document.uploaded_by == world["coordinator"]
    assert document.size == len(pdf_bytes()) or document.size > 0
    with document.file.open("rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert document.file.name.startswith("projects/documents/")


# --- Agreements -----------------------------------------------------------------------------


def agreement_post(lag, **fields):
    data = {
        "lag": lag.pk, "title": "Sutartis su Jonavos VVG", "date": "2010-07-27",
        "parties": [lag.pk], "other_parties": "Jonavos rajono savivaldybės VVG",
        "purpose": "Bendradarbiauti.", "valid_from": "", "valid_until": "",
        **management("signatories", []), **management("materials", []),
    }  # fmt: skip
    data.update(fields)
    return data


def test_coordinator_manages_only_own_lags_agreements(client, world):
    own = AgreementFactory(lag=world["lag_a"], title="Mūsų sutartis")
    theirs = AgreementFactory(lag=world["lag_b"], title="Jų sutartis")
    theirs.parties.set([world["lag_a"], world["lag_b"]])  # a party, but not the registrar
    client.force_login(world["coordinator"])
    html = client.get(f"{ADMIN}/agreement/").content.decode()
    assert "Mūsų sutartis" in html and "Jų sutartis" not in html
    assert client.get(f"{ADMIN}/agreement/{theirs.pk}/change/").status_code == 302
    client.post(f"{ADMIN}/agreement/{theirs.pk}/change/", agreement_post(world["lag_a"]))
    client.post(f"{ADMIN}/agreement/{theirs.pk}/delete/", {"post": "yes"})
    theirs.refresh_from_db()
    assert theirs.title == "Jų sutartis" and theirs.lag == world["lag_b"]
    response = client.post(
        f"{ADMIN}/agreement/{own.pk}/change/", agreement_post(world["lag_a"], title="Nauja")
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Nauja"


def test_coordinator_cannot_register_an_agreement_for_another_lag(client, world):
    client.force_login(world["coordinator"])
    response = client.post(f"{ADMIN}/agreement/add/", agreement_post(world["lag_b"]))
    assert response.status_code == 200
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"valid_from": "2011-01-01", "valid_until": "2010-01-01"}, "galiojimo pabaiga"),
        ({"valid_until": "2012-01-01", "indefinite": "on"}, "neterminuotai"),
    ],
)
def test_bad_agreement_validity_is_refused(client, world, fields, message):
    client.force_login(world["coordinator"])
    response = client.post(f"{ADMIN}/agreement/add/", agreement_post(world["lag_a"], **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Agreement.objects.exists()


def test_agreement_document_checked_and_uploader_recorded(client, world):
    client.force_login(world["coordinator"])
    fake = SimpleUploadedFile("sutartis.pdf", png_bytes())
    response = client.post(f"{ADMIN}/agreement/add/", agreement_post(world["lag_a"], document=fake))
    assert response.status_code == 200 and not Agreement.objects.exists()
    real = SimpleUploadedFile("sutartis.pdf", pdf_bytes())
    response = client.post(f"{ADMIN}/agreement/add/", agreement_post(world["lag_a"], document=real))
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.document_uploaded_by == world["coordinator"]
    assert agreement.date == datetime.date(2010, 7, 27)


def test_non_coordinator_staff_has_no_access(client, world):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(f"{ADMIN}/project/").status_code == 403
    assert client.get(f"{ADMIN}/project/{world['ours'].pk}/change/").status_code in (302, 403)


def test_indicator_code_may_repeat_across_projects(world):
    add_indicator(world["ours"], "R1")
    add_indicator(world["theirs"], "R1")
    assert Indicator.objects.filter(code="R1").count() == 2


def test_admin_pages_render_for_coordinator_and_administrator(client, world):
    own = world["ours"]
    add_indicator(own, "R1")
    AgreementFactory(lag=world["lag_a"])
    for user in (world["coordinator"], UserFactory(is_staff=True, is_superuser=True)):
        client.force_login(user)
        for url in (f"{ADMIN}/project/", f"{ADMIN}/project/add/",
                    f"{ADMIN}/project/{own.pk}/change/", f"{ADMIN}/agreement/",
                    f"{ADMIN}/agreement/add/"):  # fmt: skip
            response = client.get(url)
            assert response.status_code == 200, url
        html = client.get(f"{ADMIN}/project/{own.pk}/change/").content.decode()
        assert 'name="indicators-0-code"' in html and 'name="partners-0-lag"' in html


def test_gdpr_export_and_erase_of_uploaders(world):
    from kaimolink.projects import gdpr
    from kaimolink.projects.services import document_add

    person = world["coordinator"]
    document = document_add(
        project=world["ours"], title="Kortelė", filename="k.pdf", content=pdf_bytes(), by=person
    )
    agreement = AgreementFactory(lag=world["lag_a"], document_uploaded_by=person)
    from kaimolink.projects.editing import material_add

    material = material_add(
        agreement=agreement, kind="methodology", title="Metodika", by=person,
        file=SimpleUploadedFile("m.pdf", pdf_bytes()),
    )  # fmt: skip
    data = gdpr.personal_data(person)
    assert [d["title"] for d in data["project_documents_uploaded"]] == ["Kortelė"]
    assert [a["agreement"] for a in data["agreement_documents_uploaded"]] == [agreement.title]
    assert [m["title"] for m in data["agreement_materials_uploaded"]] == ["Metodika"]
    gdpr.erase(person)
    document.refresh_from_db()
    agreement.refresh_from_db()
    material.refresh_from_db()
    assert document.uploaded_by is None and agreement.document_uploaded_by is None
    assert material.uploaded_by is None and material.file  # the file stays
    assert ProjectDocument.objects.filter(pk=document.pk).exists()  # the document stays
    assert gdpr.personal_data(person) == {
        "project_documents_uploaded": [],
        "agreement_documents_uploaded": [],
        "agreement_materials_uploaded": [],
    }
