"""The desk's agreement pages: the LAG's registry, signatories, methodological material."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kaimolink.projects.enums import MaterialKind
from kaimolink.projects.models import Agreement, AgreementMaterial, AgreementSignatory
from tests.desk.test_projects import management
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.files import PDF
from tests.helpers.queries import count_queries
from tests.projects.factories import AgreementFactory, png_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def world():
    ours, theirs = LagFactory(name="Kėdainių VVG"), LagFactory(name="Raseinių VVG")
    own = AgreementFactory(lag=ours, title="Mūsų sutartis")
    other = AgreementFactory(lag=theirs, title="Jų sutartis")
    other.parties.set([ours, theirs])  # ours signed it, but it is in their registry
    return {
        "ours": ours, "theirs": theirs, "own": own, "other": other,
        "coordinator": make_coordinator(ours),
    }  # fmt: skip


def signatory(i, name="", position="", organisation="", pk="", delete=False):
    data = {
        f"signatories-{i}-name": name, f"signatories-{i}-position": position,
        f"signatories-{i}-organisation": organisation, f"signatories-{i}-order": str(i),
        f"signatories-{i}-id": pk,
    }  # fmt: skip
    if delete:
        data[f"signatories-{i}-DELETE"] = "on"
    return data


def agreement_post(*signatories, initial=0, **fields):
    data = {
        "title": "Dvišalė bendradarbiavimo sutartis su Raseinių VVG", "date": "2011-03-21",
        "other_parties": "Asociacija „Raseinių krašto bendrija“", "actor_parties": "",
        "purpose": "Dalintis gerąja patirtimi.", "valid_from": "2011-03-21", "valid_until": "",
        **management("signatories", len(signatories), initial),
    }  # fmt: skip
    for row in signatories:
        data.update(row)
    data.update(fields)
    return data


def test_agreements_member_gets_404(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("desk:agreements")).status_code == 404
    assert client.get(reverse("desk:agreement_create")).status_code == 404


def test_agreements_list_shows_only_the_lags_registry(client, world):
    client.force_login(world["coordinator"])
    response = client.get(reverse("desk:agreements"))
    assert [a.title for a in response.context["page"]] == ["Mūsų sutartis"]
    assert "Jų sutartis" not in response.content.decode()


def test_agreements_list_query_count_does_not_grow(client, world):
    client.force_login(world["coordinator"])
    url = reverse("desk:agreements")
    one = count_queries(client, url)
    for n in range(5):
        agreement = AgreementFactory(lag=world["ours"], other_parties="A\nB")
        agreement.parties.set([world["ours"], world["theirs"]])
        agreement.actor_parties.set([ActorFactory(lag=world["ours"])])
        AgreementSignatory.objects.create(agreement=agreement, name=f"Vardas {n}")
        AgreementMaterial.objects.create(agreement=agreement, title="Metodika")
    assert count_queries(client, url) == one


@pytest.mark.parametrize("name", ["desk:agreement_edit", "desk:agreement_materials"])
def test_agreement_of_another_lags_registry_is_404(client, world, name):
    client.force_login(world["coordinator"])
    assert client.get(reverse(name, args=[world["other"].pk])).status_code == 404
    assert client.get(reverse(name, args=[999999])).status_code == 404


def test_agreement_of_another_lag_post_changes_nothing(client, world):
    client.force_login(world["coordinator"])
    url = reverse("desk:agreement_edit", args=[world["other"].pk])
    assert client.post(url, agreement_post(title="Pakeista")).status_code == 404
    world["other"].refresh_from_db()
    assert world["other"].title == "Jų sutartis"


def test_agreement_create_with_parties_signatories_and_document(client, world):
    newspaper = ActorFactory(lag=world["ours"], name="Kėdainių mugė")
    client.force_login(world["coordinator"])
    page = client.get(reverse("desk:agreement_create")).content.decode()
    assert 'name="lag"' in page and f'<option value="{world["theirs"].pk}"' not in page.split(
        'name="lag"')[1].split("</select>")[0]  # fmt: skip
    response = client.post(reverse("desk:agreement_create"), agreement_post(
        signatory(0, "Vincas Blinstrubas", "pirmininkas", "Raseinių krašto bendrija"),
        signatory(1, "Aušra Vaidotienė", "pirmininkė", "Kėdainių rajono VVG"),
        lag=world["ours"].pk, parties=[world["ours"].pk, world["theirs"].pk],
        actor_parties=f"/lt/actors/{newspaper.slug}/",
        document=SimpleUploadedFile("sutartis.pdf", PDF),
    ))  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    agreement = Agreement.objects.get(title__startswith="Dvišalė")
    assert response["Location"] == reverse("desk:agreement_edit", args=[agreement.pk])
    assert agreement.lag == world["ours"]
    assert agreement.date == datetime.date(2011, 3, 21)
    assert set(agreement.parties.all()) == {world["ours"], world["theirs"]}
    assert list(agreement.actor_parties.all()) == [newspaper]
    assert [(s.name, s.position, s.organisation) for s in agreement.signatories.all()] == [
        ("Vincas Blinstrubas", "pirmininkas", "Raseinių krašto bendrija"),
        ("Aušra Vaidotienė", "pirmininkė", "Kėdainių rajono VVG"),
    ]
    assert agreement.document_uploaded_by == world["coordinator"]
    assert b"".join(client.get(agreement.document.url).streaming_content) == PDF


def test_agreement_create_in_another_lags_registry_is_refused(client, world):
    client.force_login(world["coordinator"])
    response = client.post(reverse("desk:agreement_create"), agreement_post(lag=world["theirs"].pk))
    assert response.status_code == 400
    assert response.context["form"].errors["lag"] == ["Choose one of your LAGs"]
    assert not Agreement.objects.filter(title__startswith="Dvišalė").exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": ""}, "title", "Enter the agreement's title"),
        ({"valid_until": "2010-01-01"}, "valid_until", "The end of validity is before its start."),
        ({"valid_until": "2020-01-01", "indefinite": "on"}, "valid_until",
         "An agreement valid indefinitely has no end date: clear one of the two."),
        ({"actor_parties": "/lt/actors/nera-tokio/"}, "actor_parties",
         "No actor has the address /lt/actors/nera-tokio/; copy it from the actor's page."),
    ],
)  # fmt: skip
def test_agreement_bad_input_names_the_field_and_keeps_the_typing(
    client, world, fields, field, message
):
    client.force_login(world["coordinator"])
    data = agreement_post(signatory(0, "Vincas Blinstrubas"), lag=world["ours"].pk, **fields)
    response = client.post(reverse("desk:agreement_create"), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    page = response.content.decode()
    assert 'value="Vincas Blinstrubas"' in page and "Dalintis gerąja patirtimi." in page
    assert not Agreement.objects.filter(purpose="Dalintis gerąja patirtimi.").exists()


def test_agreement_signatory_without_name_is_named(client, world):
    client.force_login(world["coordinator"])
    data = agreement_post(signatory(0, "", "pirmininkas"), lag=world["ours"].pk)
    response = client.post(reverse("desk:agreement_create"), data)
    assert response.status_code == 400
    errors = response.context["signatories"].forms[0].errors
    assert errors["name"] == ["Enter the signatory's name and surname"]
    assert 'href="#id_signatories-0-name"' in response.content.decode()


def test_agreement_edit_changes_signatories_and_removes_the_document(client, world):
    own = world["own"]
    from kaimolink.projects.services import agreement_set_document

    agreement_set_document(agreement=own, filename="s.pdf", content=PDF)
    kept = AgreementSignatory.objects.create(agreement=own, name="Aušra Vaidotienė")
    gone = AgreementSignatory.objects.create(agreement=own, name="Klaidingas")
    client.force_login(world["coordinator"])
    url = reverse("desk:agreement_edit", args=[own.pk])
    page = client.get(url).content.decode()
    assert 'name="lag"' not in page  # the registry does not change
    response = client.post(url, agreement_post(
        signatory(0, "Aušra Vaidotienė", "pirmininkė", pk=kept.pk),
        signatory(1, "Klaidingas", pk=gone.pk, delete=True),
        initial=2, title="Mūsų sutartis (pakeista)", remove_document="on",
    ))  # fmt: skip
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Mūsų sutartis (pakeista)" and not own.document
    assert [(s.pk, s.position) for s in own.signatories.all()] == [(kept.pk, "pirmininkė")]


def test_material_upload_and_delete(client, world, django_capture_on_commit_callbacks):
    own = world["own"]
    client.force_login(world["coordinator"])
    url = reverse("desk:agreement_materials", args=[own.pk])
    response = client.post(url, {
        "kind": MaterialKind.METHODOLOGY, "title": "Tyrimo metodika",
        "file": SimpleUploadedFile("metodika.pdf", PDF),
    })  # fmt: skip
    assert response.status_code == 302
    material = AgreementMaterial.objects.get(agreement=own)
    assert (material.kind, material.size, material.uploaded_by) == (
        "methodology", len(PDF), world["coordinator"],
    )  # fmt: skip
    client.logout()  # the registry is public: so is its material
    download = client.get(material.file.url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    client.force_login(world["coordinator"])
    delete = reverse("desk:agreement_material_delete", args=[own.pk, material.pk])
    assert client.get(delete).status_code == 200 and AgreementMaterial.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(delete, {"confirmed": "1"})
    assert not AgreementMaterial.objects.exists()


def test_material_of_the_wrong_type_is_refused(client, world):
    client.force_login(world["coordinator"])
    url = reverse("desk:agreement_materials", args=[world["own"].pk])
    response = client.post(url, {
        "kind": "other", "title": "Nuotrauka", "file": SimpleUploadedFile("a.pdf", png_bytes()),
    })  # fmt: skip
    assert response.status_code == 400
    assert "not a PDF file" in " ".join(response.context["form"].errors["file"])
    assert 'value="Nuotrauka"' in response.content.decode()
    assert not AgreementMaterial.objects.exists()


def test_material_of_another_agreement_cannot_be_deleted(client, world):
    theirs = AgreementMaterial.objects.create(agreement=world["other"], title="Jų")
    client.force_login(world["coordinator"])
    url = reverse("desk:agreement_material_delete", args=[world["own"].pk, theirs.pk])
    assert client.post(url, {"confirmed": "1"}).status_code == 404
    assert AgreementMaterial.objects.filter(pk=theirs.pk).exists()
