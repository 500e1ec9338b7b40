"""The certification's public pages in a real browser (issue 11): the scheme page, the
registry and a licence's verification fit a phone and a desktop, load nothing from other
sites and raise no script errors; the QR code is drawn. Screenshots go to $SCREENSHOT_DIR
(default var/test/) for a person to look at."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sideways
from tests.browser.test_accessibility import _blocking_violations, _describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "var/test"))


@pytest.fixture
def licences(transactional_db):
    """Two licences made by the services: one valid, one withdrawn."""
    from kaimolink.certification import services
    from kaimolink.certification.enums import ApplicationState
    from tests.certification.factories import application_in, licensed, make_world
    from tests.factories import ActorFactory

    world = make_world()
    valid = licensed(world)
    actor = ActorFactory(lag=world.lag, owners=[world.applicant], name="Amatų namai Šėta")
    withdrawn = application_in(world, ApplicationState.APPROVED, actor=actor).licence
    services.licence_withdraw(licence=withdrawn, by=world.coordinator, reason="Nebeatitinka.")
    return valid, withdrawn


def fits_and_is_clean(page, guard, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert sideways(page) is None
    blocking = _blocking_violations(page)
    assert blocking == [], _describe(blocking)
    assert guard.foreign_requests == []
    assert guard.page_errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_scheme_registry_and_verify_pages_fit_the_screen(
    live_server, new_context, guard, licences, width
):
    valid, withdrawn = licences
    page = new_context(viewport={"width": width, "height": 800}).new_page()

    page.goto(f"{live_server.url}/lt/certification/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bendruomeninio verslo sertifikavimas"
    )
    expect(page.locator("main")).to_contain_text("K2 Vietos darbo vietos")
    fits_and_is_clean(page, guard, f"certification-scheme-{width}")

    page.goto(f"{live_server.url}/lt/certification/registry/")
    expect(page.locator("main table")).to_contain_text(valid.number)
    expect(page.locator("main table")).to_contain_text("Amatų namai Šėta")
    fits_and_is_clean(page, guard, f"certification-registry-{width}")

    page.goto(f"{live_server.url}/lt/certification/registry/{valid.number}/")
    qr = page.locator("main img.qr")
    expect(qr).to_be_visible()
    assert page.evaluate("document.querySelector('main img.qr').naturalWidth > 0")
    fits_and_is_clean(page, guard, f"certification-entry-{width}")

    page.goto(f"{live_server.url}/lt/verify/{withdrawn.number}/")
    expect(page.locator(".verify__result")).to_contain_text("Panaikinta")
    fits_and_is_clean(page, guard, f"certification-verify-withdrawn-{width}")

    page.goto(f"{live_server.url}/lt/verify/{valid.printed_code}/")
    expect(page.locator(".verify__result")).to_contain_text("galioja")
    fits_and_is_clean(page, guard, f"certification-verify-valid-{width}")
