"""The holder's mark page and the coordinators' list of accredited people in a browser, on
a phone and a wide screen: no sideways scrolling, no blocking accessibility faults."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, sideways, verified_user
from tests.browser.test_page_types import _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db):
    from kaimolink.certification.enums import ApplicationState
    from tests.certification.factories import accredit, application_in, make_world

    world = make_world()
    world.extra["licence"] = application_in(world, ApplicationState.APPROVED).licence
    accredit(world.coordinator, world.scheme)
    for person in (world.applicant, world.coordinator):
        verified_user(person)
    return world


def _shot(page, name):
    folder = os.environ.get("KAIMOLINK_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_holder_and_coordinator_pages(live_server, new_context, guard, world, width):
    licence = world.extra["licence"]
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server.url, world.applicant.email)
    page.goto(f"{live_server.url}/lt/certification/licences/{licence.pk}/mark/")
    expect(page.locator("h1")).to_contain_text(licence.number)
    expect(page.get_by_text("Skaitmeninis kredencialas (JWT)")).to_be_visible()
    assert sideways(page, width) is None
    assert _axe(page) is None
    _shot(page, f"certification-holder-mark-{width}")

    page = new_context(viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server.url, world.coordinator.email)
    page.goto(f"{live_server.url}/lt/certification/accreditations/")
    expect(page.locator("h1")).to_have_text("Akredituoti asmenys")
    expect(page.locator("main")).to_contain_text("Koordinatorė")
    assert sideways(page, width) is None
    assert _axe(page) is None
    _shot(page, f"certification-accreditations-{width}")
    assert guard.foreign_requests == []
    assert guard.page_errors == []
