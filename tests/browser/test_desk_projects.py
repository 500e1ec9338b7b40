"""The desk's project and agreement pages in a browser: they fit a phone and a wide screen,
have no serious accessibility fault, load nothing from elsewhere; a project is created
through the form without JavaScript tricks, an error first."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import log_in, sideways, translated, verified_user
from tests.browser.test_page_types import WIDTHS, _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def records(directory):
    """A coordinator's project (long Lithuanian names, a foreign partner, news, a document)
    and an agreement with signatories and methodological material."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kaimolink.projects import editing
    from kaimolink.projects.enums import PartnerRole
    from kaimolink.projects.models import AgreementSignatory, ProjectNews
    from tests.factories import make_coordinator
    from tests.files import PDF
    from tests.projects.factories import AgreementFactory, ProjectFactory, add_partner

    lag = directory.lag_a
    person = verified_user(make_coordinator(lag, full_name="Rasa Koordinatorė"))
    project = ProjectFactory(
        title="Sumanaus kaimo link: bendruomenių skaitmeninių kompetencijų stiprinimas",
        slug="sumanaus-kaimo-link", budget="98880.79",
    )  # fmt: skip
    add_partner(project, lag=lag, role=PartnerRole.LEAD)
    add_partner(project, name="Vidzemes lauku partnerība „Brasla“", country="LV")
    ProjectNews.objects.create(
        project=project, title="Partnerių susitikimas Lazdijuose", date=datetime.date(2023, 6, 5)
    )
    editing.document_upload(
        project=project, title="Projekto kortelė", file=SimpleUploadedFile("k.pdf", PDF),
        by=person,
    )  # fmt: skip
    agreement = AgreementFactory(lag=lag, title="Dvišalė bendradarbiavimo sutartis su Raseinių VVG")
    agreement.parties.set([lag])
    AgreementSignatory.objects.create(
        agreement=agreement, name="Vincas Blinstrubas", position="pirmininkas",
        organisation="Asociacija Raseinių rajono vietos veiklos grupė „Raseinių krašto bendrija“",
    )  # fmt: skip
    editing.material_add(
        agreement=agreement, kind="methodology", title="Įvykdyto projekto metodinė medžiaga"
    )
    return {"person": person, "project": project, "agreement": agreement}


def _pages(records):
    slug, pk = records["project"].slug, records["agreement"].pk
    with translation.override("lt"):
        return {
            "projects": reverse("desk:projects"),
            "project-new": reverse("desk:project_create"),
            "project-edit": reverse("desk:project_edit", args=[slug]),
            "project-news": reverse("desk:project_news", args=[slug]),
            "project-documents": reverse("desk:project_documents", args=[slug]),
            "agreements": reverse("desk:agreements"),
            "agreement-edit": reverse("desk:agreement_edit", args=[pk]),
            "agreement-materials": reverse("desk:agreement_materials", args=[pk]),
            "registry": reverse("agreements:list"),
        }


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_desk_project_pages_fit_and_are_accessible(live_server, new_context, guard, records, width):
    viewport = WIDTHS[width]
    phone = width == "phone"
    page = new_context(viewport=viewport, is_mobile=phone, has_touch=phone).new_page()
    log_in(page, live_server.url, records["person"].email)
    for name, path in _pages(records).items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        assert sideways(page, viewport["width"]) is None, name
        assert _axe(page) is None, name
        page.screenshot(path=f"var/test/desk-{name}-{width}.png", full_page=True)
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_desk_project_created_in_the_browser_after_an_error(live_server, page, records):
    from kaimolink.projects.models import Project

    log_in(page, live_server.url, records["person"].email)
    page.goto(live_server.url + _pages(records)["project-new"])
    page.locator("#id_number").fill("44TT-KK-21-1-00001-PR001")
    page.locator("#id_budget").fill("12 500,50")
    page.get_by_role("button", name=translated("lt", "Save the project")).click()
    summary = page.locator(".error-summary")
    assert translated("lt", "Enter the project's title") in summary.inner_text()
    assert page.locator("#id_number").input_value() == "44TT-KK-21-1-00001-PR001"
    page.locator("#id_title").fill("Žydinti Lietuva")
    page.get_by_role("button", name=translated("lt", "Save the project")).click()
    page.wait_for_url("**/lt/desk/projects/zydinti-lietuva/")
    project = Project.objects.get(slug="zydinti-lietuva")
    assert str(project.budget) == "12500.50"
    assert project.partners.get().lag == records["person"].coordinations.get().lag
