"""Checking a certificate from paper in a browser, also without JavaScript (issue 9)."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _blocking_violations, _describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def certificate(transactional_db):
    from kaimolink.certificates.models import Certificate
    from tests.events.factories import EventFactory

    event = EventFactory(title="Vietos tapatumo mokymai")
    return Certificate.objects.create(
        number="KL-2026-000007", kind="attendance", event=event,
        holder_name="Žydrūnė Šėtaitė", title=event.title, hours=8,
    )  # fmt: skip


@pytest.mark.parametrize("width", [360, 1280])
def test_verify_typed_from_paper_without_javascript(
    live_server, new_context, guard, certificate, width
):
    page = new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    ).new_page()
    page.goto(f"{live_server.url}/lt/verify/")
    page.get_by_label("Pažymėjimo kodas arba numeris").fill("kl 2026 7")
    page.get_by_role("button", name="Tikrinti").click()
    expect(page.locator(".verify__result")).to_have_text(
        "Šis pažymėjimas tikras: jį išdavė kaimolink."
    )
    expect(page.locator("main")).to_contain_text("Žydrūnė Šėtaitė")

    page.get_by_label("Pažymėjimo kodas arba numeris").fill(certificate.short_code.lower())
    page.get_by_role("button", name="Tikrinti").click()
    expect(page.locator(".verify__result")).to_contain_text("tikras")

    response = page.goto(f"{live_server.url}/lt/verify/?code=zz9x-99qq")
    assert response.status == 404
    expect(page.locator(".verify__result")).to_contain_text("Pažymėjimas nerastas")
    expect(page.get_by_label("Pažymėjimo kodas arba numeris")).to_have_value("zz9x-99qq")
    assert guard.foreign_requests == []


@pytest.mark.parametrize("path", ["/lt/verify/", "/lt/verify/?code=zz9x-99qq", "/lt/verify/?code="])
def test_verify_page_has_no_serious_accessibility_violations(live_server, page, guard, db, path):
    page.goto(f"{live_server.url}{path}")
    blocking = _blocking_violations(page)
    assert blocking == [], _describe(blocking)
    assert guard.foreign_requests == []
