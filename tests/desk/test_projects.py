"""The desk's project pages: list, create and edit with partners, news, documents."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kaimolink.projects.enums import PartnerRole, ProjectStatus
from kaimolink.projects.models import Project, ProjectDocument, ProjectNews, ProjectPartner
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.files import DOCX, PDF
from tests.helpers.queries import count_queries
from tests.projects.factories import ProjectFactory, add_partner, png_bytes

pytestmark = pytest.mark.django_db


def list_url():  # reversed in the test's language (/en/ with the `english` fixture)
    return reverse("desk:projects")


def new_url():
    return reverse("desk:project_create")


@pytest.fixture
def world():
    ours, theirs = LagFactory(name="Nevėžio VVG"), LagFactory(name="Šilutės VVG")
    own = ProjectFactory(title="Mūsų projektas", slug="musu-projektas")
    add_partner(own, lag=ours, role=PartnerRole.LEAD)
    partnered = ProjectFactory(title="Kur esame partneriai", slug="kur-partneriai")
    add_partner(partnered, lag=theirs, role=PartnerRole.LEAD)
    add_partner(partnered, lag=ours)
    other = ProjectFactory(title="Svetimas projektas", slug="svetimas")
    add_partner(other, lag=theirs, role=PartnerRole.LEAD)
    return {
        "ours": ours, "theirs": theirs, "own": own, "partnered": partnered, "other": other,
        "coordinator": make_coordinator(ours),
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }  # fmt: skip


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }  # fmt: skip


def partner(i, *, lag=None, name="", role="partner", country="LT", actor="", pk="", delete=""):
    data = {
        f"partners-{i}-name": name, f"partners-{i}-country": country,
        f"partners-{i}-lag": lag.pk if lag else "", f"partners-{i}-actor": actor,
        f"partners-{i}-role": role, f"partners-{i}-position": str(i), f"partners-{i}-id": pk,
    }  # fmt: skip
    if delete:
        data[f"partners-{i}-DELETE"] = "on"
    return data


def project_post(*partners, initial=0, **fields):
    """The desk's project form as a browser posts it."""
    data = {
        "title": "Sumanaus kaimo link", "title_en": "Towards a smart village",
        "number": "44TT-KK-21-1-00909-PR001", "programme": "LEADER", "status": "draft",
        "start_date": "2021-03-01", "end_date": "2023-06-30", "start_year": "", "end_year": "",
        "budget": "98 880,79", "summary": "Santrauka.", "goals": "Tikslai.",
        "target_groups": "Bendruomenės.",
        **management("partners", len(partners), initial),
    }  # fmt: skip
    for row in partners:
        data.update(row)
    data.update(fields)
    return data


def _errors(response) -> str:
    return response.content.decode()


# --- Who may open the pages --------------------------------------------------------------------


def test_projects_anonymous_is_sent_to_log_in(client):
    response = client.get(list_url())
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("name", ["desk:projects", "desk:project_create"])
def test_projects_member_gets_404(client, name):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse(name)).status_code == 404


def test_projects_list_shows_the_coordinators_projects_only(client, world):
    client.force_login(world["coordinator"])
    response = client.get(list_url())
    titles = [p.title for p in response.context["page"]]
    assert sorted(titles) == ["Kur esame partneriai", "Mūsų projektas"]
    assert "Svetimas projektas" not in response.content.decode()
    assert reverse("desk:project_edit", args=["musu-projektas"]) in response.content.decode()


def test_projects_list_admin_sees_every_project_and_filters(client, world):
    client.force_login(world["admin"])
    assert client.get(list_url()).context["page"].paginator.count == 3
    response = client.get(list_url() + f"?lag={world['theirs'].slug}")
    assert {p.slug for p in response.context["page"]} == {"kur-partneriai", "svetimas"}


def test_projects_list_other_lag_filter_is_404(client, world):
    client.force_login(world["coordinator"])
    assert client.get(list_url() + f"?lag={world['theirs'].slug}").status_code == 404


def test_projects_list_query_count_does_not_grow(client, world):
    client.force_login(world["coordinator"])
    one = count_queries(client, list_url())
    for n in range(6):
        project = ProjectFactory()
        add_partner(project, lag=world["ours"], role=PartnerRole.LEAD)
        add_partner(project, name=f"Partneris {n}", country="LV")
    assert count_queries(client, list_url()) == one


@pytest.mark.parametrize(
    "name", ["desk:project_edit", "desk:project_news", "desk:project_documents"]
)
def test_project_of_another_lag_is_404(client, world, name):
    client.force_login(world["coordinator"])
    assert client.get(reverse(name, args=["svetimas"])).status_code == 404
    assert client.get(reverse(name, args=["no-such-project"])).status_code == 404


def test_project_of_another_lag_post_changes_nothing(client, world):
    client.force_login(world["coordinator"])
    url = reverse("desk:project_edit", args=["svetimas"])
    response = client.post(url, project_post(partner(0, lag=world["ours"], role="lead")))
    assert response.status_code == 404
    world["other"].refresh_from_db()
    assert world["other"].title == "Svetimas projektas"


def test_project_partner_coordinator_may_edit(client, world):
    """As projects/rules.py says: a coordinator of a partner LAG manages the project."""
    client.force_login(world["coordinator"])
    response = client.get(reverse("desk:project_edit", args=["kur-partneriai"]))
    assert response.status_code == 200


# --- Create ------------------------------------------------------------------------------------


def test_project_create_saves_everything_with_a_generated_slug(client, world):
    actor = ActorFactory(lag=world["ours"], name="Šlapaberžės bendruomenė")
    client.force_login(world["coordinator"])
    form = client.get(new_url())
    assert form.status_code == 200
    assert 'name="slug"' not in form.content.decode()  # never typed by hand
    response = client.post(new_url(), project_post(
        partner(0, lag=world["ours"], role="lead"),
        partner(1, name="Cesu rajona lauku partneriba", country="LV"),
        partner(2, actor=f"https://kaimolink.lt/lt/actors/{actor.slug}/", role="participant"),
    ))  # fmt: skip
    project = Project.objects.get(title="Sumanaus kaimo link")
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:project_edit", args=["sumanaus-kaimo-link"])
    assert project.slug == "sumanaus-kaimo-link"
    assert project.budget == Decimal("98880.79")
    assert (project.start_date, project.end_date) == (
        datetime.date(2021, 3, 1), datetime.date(2023, 6, 30),
    )  # fmt: skip
    assert (project.start_year, project.end_year) == (2021, 2023)
    assert project.title_en == "Towards a smart village"
    assert project.status == ProjectStatus.DRAFT
    rows = [(p.role, p.name, p.country, p.lag_id, p.actor_id) for p in project.partners.all()]
    assert rows == [
        ("lead", "Nevėžio VVG", "LT", world["ours"].pk, None),
        ("partner", "Cesu rajona lauku partneriba", "LV", None, None),
        ("participant", "Šlapaberžės bendruomenė", "LT", None, actor.pk),
    ]
    assert "cesu" in project.search_text  # the partners' names are searchable


def test_project_create_starts_with_the_coordinators_lag_as_lead(client, world):
    client.force_login(world["coordinator"])
    page = client.get(new_url()).content.decode()
    assert f'<option value="{world["ours"].pk}" selected>' in page
    assert '<option value="lead" selected>' in page


def test_project_create_same_title_gets_a_free_slug(client, world):
    client.force_login(world["coordinator"])
    for _ in range(2):
        client.post(new_url(), project_post(partner(0, lag=world["ours"], role="lead")))
    assert sorted(Project.objects.filter(title="Sumanaus kaimo link").values_list(
        "slug", flat=True)) == ["sumanaus-kaimo-link", "sumanaus-kaimo-link-2"]  # fmt: skip


def test_project_create_accepts_a_budget_with_a_point(client, world):
    client.force_login(world["coordinator"])
    client.post(
        new_url(), project_post(partner(0, lag=world["ours"], role="lead"), budget="1500.5")
    )
    assert Project.objects.get(title="Sumanaus kaimo link").budget == Decimal("1500.50")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": ""}, "title", "Enter the project's title"),
        ({"end_date": "2020-01-01"}, "end_date", "The project cannot end before it starts."),
        ({"budget": "-5"}, "budget", "The budget cannot be negative."),
        ({"budget": "daug"}, "budget", "Enter the amount in euros, e.g. 98880,79"),
        ({"start_date": "", "end_date": "", "start_year": "2023", "end_year": "2021"},
         "end_year", "The project cannot end before it starts."),
        ({"start_date": "2021-13-01"}, "start_date", "Enter the date as 2026-05-14"),
    ],
)  # fmt: skip
def test_project_create_bad_input_names_the_field_and_keeps_the_typing(
    client, world, english, fields, field, message
):
    client.force_login(world["coordinator"])
    data = project_post(partner(0, lag=world["ours"], role="lead"), **fields)
    response = client.post(new_url(), data)
    assert response.status_code == 400
    assert not Project.objects.filter(number="44TT-KK-21-1-00909-PR001").exists()
    form = response.context["form"]
    assert message in form.errors[field]
    page = response.content.decode()
    assert f'href="#id_{field}"' in page  # the summary links to the field
    assert 'value="44TT-KK-21-1-00909-PR001"' in page  # nothing typed is lost
    assert "Santrauka." in page and 'value="Cesu' not in page


@pytest.mark.parametrize(
    ("rows", "row", "field", "message"),
    [
        (lambda w: [partner(0, lag=w["ours"], role="lead"), partner(1, country="LV")],
         1, "name", "Give the organisation's name, or choose a LAG or an actor."),
        (lambda w: [partner(0, lag=w["ours"], role="lead"), partner(1, lag=w["ours"])],
         1, "lag", "The same LAG is listed twice."),
        (lambda w: [partner(0, lag=w["ours"], role="lead"), partner(1, name="Brasla"),
                    partner(2, name=" brasla ")],
         2, "name", "This organisation is already listed."),
        (lambda w: [partner(0, lag=w["ours"], role="lead"),
                    partner(1, lag=w["theirs"], role="lead")],
         1, "role", "A project has only one lead partner."),
        (lambda w: [partner(0, lag=w["ours"], role="lead"), partner(1, actor="no-such-actor")],
         1, "actor", "No actor has this address; copy it from the actor's page."),
    ],
)  # fmt: skip
def test_project_create_bad_partner_names_the_row_and_field(
    client, world, english, rows, row, field, message
):
    client.force_login(world["coordinator"])
    response = client.post(new_url(), project_post(*rows(world)))
    assert response.status_code == 400
    assert not Project.objects.filter(title="Sumanaus kaimo link").exists()
    partners = response.context["partners"]
    assert message in partners.forms[row].errors[field]
    assert f'href="#id_partners-{row}-{field}"' in response.content.decode()


def test_project_create_without_own_lag_is_refused(client, world, english):
    client.force_login(world["coordinator"])
    response = client.post(new_url(), project_post(partner(0, lag=world["theirs"], role="lead")))
    assert response.status_code == 400
    assert "Keep your own LAG as the lead or a partner of the project." in (
        response.context["partners"].non_form_errors()
    )
    assert not Project.objects.filter(title="Sumanaus kaimo link").exists()


def test_project_create_admin_may_leave_any_lag_out(client, world):
    client.force_login(world["admin"])
    response = client.post(new_url(), project_post(partner(0, name="Latvijos VVG", country="LV")))
    assert response.status_code == 302
    assert Project.objects.get(title="Sumanaus kaimo link").partners.get().name == "Latvijos VVG"


# --- Edit --------------------------------------------------------------------------------------


def test_project_edit_changes_fields_and_partners_keeping_the_slug(client, world):
    own = world["own"]
    lead = own.partners.get()
    gone = add_partner(own, name="Išeinantis partneris", country="PL")
    client.force_login(world["coordinator"])
    url = reverse("desk:project_edit", args=[own.slug])
    page = client.get(url).content.decode()
    assert 'value="Mūsų projektas"' in page and "Išeinantis partneris" in page
    response = client.post(url, project_post(
        partner(0, lag=world["ours"], role="partner", pk=lead.pk),
        partner(1, name="Išeinantis partneris", country="PL", pk=gone.pk, delete="on"),
        partner(2, lag=world["theirs"], role="lead"),
        initial=2, title="Naujas pavadinimas", status="published",
    ))  # fmt: skip
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.title, own.slug, own.status) == (
        "Naujas pavadinimas",
        "musu-projektas",
        "published",
    )
    roles = {(p.lag_id, p.role) for p in own.partners.all()}
    assert roles == {(world["ours"].pk, "partner"), (world["theirs"].pk, "lead")}
    assert not ProjectPartner.objects.filter(pk=gone.pk).exists()
    assert ProjectPartner.objects.filter(pk=lead.pk).exists()  # changed in place


def test_project_edit_error_keeps_the_saved_title_in_the_heading(client, world):
    client.force_login(world["coordinator"])
    url = reverse("desk:project_edit", args=[world["own"].slug])
    lead = world["own"].partners.get()
    response = client.post(
        url, project_post(partner(0, lag=world["ours"], role="lead", pk=lead.pk), initial=1,
                          title="")
    )  # fmt: skip
    assert response.status_code == 400
    assert "<h1>Mūsų projektas</h1>" in response.content.decode()
    world["own"].refresh_from_db()
    assert world["own"].title == "Mūsų projektas"


def test_project_pages_link_to_the_indicators_only_when_that_page_exists(client, world):
    from django.urls import NoReverseMatch

    client.force_login(world["coordinator"])
    page = client.get(reverse("desk:project_edit", args=[world["own"].slug])).content.decode()
    try:
        url = reverse("desk:project_indicators", args=[world["own"].slug])
    except NoReverseMatch:
        assert "/indicators/" not in page
    else:
        assert url in page


# --- News --------------------------------------------------------------------------------------


def test_news_add_edit_and_delete_through_the_confirm_page(client, world, english):
    own = world["own"]
    client.force_login(world["coordinator"])
    url = reverse("desk:project_news", args=[own.slug])
    response = client.post(url, {"title": "Susitikimas", "date": "2023-02-08", "body": "Tekstas"})
    assert response.status_code == 302
    news = ProjectNews.objects.get(project=own)
    assert (news.title, news.date) == ("Susitikimas", datetime.date(2023, 2, 8))
    edit = reverse("desk:project_news_edit", args=[own.slug, news.pk])
    client.post(edit, {"title": "Partnerių susitikimas", "date": "2023-02-08", "body": ""})
    news.refresh_from_db()
    assert news.title == "Partnerių susitikimas"
    delete = reverse("desk:project_news_delete", args=[own.slug, news.pk])
    assert "Delete the news item" in client.get(delete).content.decode()
    client.post(delete)  # not confirmed: the question again, nothing deleted
    assert ProjectNews.objects.filter(pk=news.pk).exists()
    client.post(delete, {"confirmed": "1"})
    assert not ProjectNews.objects.filter(pk=news.pk).exists()


def test_news_bad_input_is_refused_with_the_typing_kept(client, world, english):
    client.force_login(world["coordinator"])
    url = reverse("desk:project_news", args=[world["own"].slug])
    response = client.post(url, {"title": "", "date": "vakar", "body": "Mano tekstas"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["title"] == ["Enter the title of the news"]
    assert errors["date"] == ["Enter the date as 2026-05-14"]
    assert "Mano tekstas" in response.content.decode()
    assert not ProjectNews.objects.exists()


def test_news_of_another_project_is_404(client, world):
    theirs = ProjectNews.objects.create(
        project=world["other"], title="Svetima", date=datetime.date(2023, 1, 1)
    )
    client.force_login(world["coordinator"])
    own = world["own"].slug
    assert client.get(reverse("desk:project_news_edit", args=[own, theirs.pk])).status_code == 404
    response = client.post(
        reverse("desk:project_news_delete", args=[own, theirs.pk]), {"confirmed": "1"}
    )
    assert response.status_code == 404
    assert ProjectNews.objects.filter(pk=theirs.pk).exists()


# --- Documents ---------------------------------------------------------------------------------


def _upload(client, slug, content, name="ataskaita.pdf", title="Ataskaita"):
    url = reverse("desk:project_documents", args=[slug])
    return client.post(url, {"title": title, "file": SimpleUploadedFile(name, content)})


def test_document_upload_is_stored_privately_and_served_by_the_project_rule(
    client, world, settings
):
    own = world["own"]
    own.status = ProjectStatus.DRAFT
    own.save(update_fields=["status"])
    client.force_login(world["coordinator"])
    assert _upload(client, own.slug, PDF).status_code == 302
    document = ProjectDocument.objects.get(project=own)
    assert document.uploaded_by == world["coordinator"]
    assert document.size == len(PDF)
    assert document.file.path.startswith(str(settings.PRIVATE_ROOT))
    assert "ataskaita" not in document.file.name  # a random name on disk
    response = client.get(document.file.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.logout()
    assert client.get(document.file.url).status_code == 404  # a draft's: coordinators only
    own.status = ProjectStatus.PUBLISHED
    own.save(update_fields=["status"])
    assert client.get(document.file.url).status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("paveikslas.pdf", png_bytes(), "The file's content is not a PDF file"),
        ("programa.exe", b"MZ" + b"\x00" * 40, "Upload a PDF, DOCX, XLSX or ODT file"),
        ("tuscias.pdf", b"", "The file is empty."),
    ],
)
def test_document_of_wrong_type_is_refused_with_a_message(
    client, world, english, name, content, message
):
    client.force_login(world["coordinator"])
    response = _upload(client, world["own"].slug, content, name=name)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])
    assert 'value="Ataskaita"' in response.content.decode()  # the title typed is kept
    assert not ProjectDocument.objects.exists()


def test_document_of_21_mb_is_refused(client, world, english):
    client.force_login(world["coordinator"])
    response = _upload(client, world["own"].slug, PDF + b"0" * (21 * 1024 * 1024))
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not ProjectDocument.objects.exists()


def test_document_delete_confirms_then_removes_the_file(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["coordinator"])
    _upload(client, world["own"].slug, DOCX, name="planas.docx", title="Planas")
    document = ProjectDocument.objects.get()
    path = document.file.path
    url = reverse("desk:project_document_delete", args=[world["own"].slug, document.pk])
    assert client.get(url).status_code == 200
    assert ProjectDocument.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirmed": "1"})
    assert response.status_code == 302
    assert not ProjectDocument.objects.exists()
    import os

    assert not os.path.exists(path)


def test_document_of_another_project_cannot_be_deleted(client, world):
    from kaimolink.projects.services import document_add

    theirs = document_add(project=world["other"], title="Jų", filename="j.pdf", content=PDF)
    client.force_login(world["coordinator"])
    url = reverse("desk:project_document_delete", args=[world["own"].slug, theirs.pk])
    assert client.post(url, {"confirmed": "1"}).status_code == 404
    assert ProjectDocument.objects.filter(pk=theirs.pk).exists()


# --- The desk home ---------------------------------------------------------------------------


def test_desk_home_links_to_projects_and_agreements(client, world):
    client.force_login(world["coordinator"])
    page = client.get(reverse("desk:home")).content.decode()
    assert f'href="{list_url()}"' in page
    assert f'href="{reverse("desk:agreements")}"' in page


def test_public_project_page_sends_its_coordinator_to_the_desk(client, world):
    edit = reverse("desk:project_edit", args=[world["own"].slug])
    assert edit not in client.get(world["own"].get_absolute_url()).content.decode()
    client.force_login(world["coordinator"])
    assert edit in client.get(world["own"].get_absolute_url()).content.decode()
