"""axe-core (bundled with axe-playwright-python, nothing fetched) on the public pages."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import log_in, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


def _blocking_violations(page) -> list[dict]:
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING]


def _describe(violations: list[dict]) -> str:
    return json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [
                    {"target": n["target"], "summary": n.get("failureSummary", "")}
                    for n in v["nodes"][:5]
                ],
            }
            for v in violations
        ],
        ensure_ascii=False,
        indent=2,
    )


@pytest.mark.parametrize(
    "path",
    [
        "/lt/",
        "/lt/actors/",
        "/lt/actors/?q=slapaberze&lag=kedainiu-vvg",
        "/lt/actors/liepos-bendruomene/",
        "/en/actors/liepos-bendruomene/",
        "/lt/actors/map/",
        "/lt/accounts/login/",
        "/lt/accounts/signup/",
    ],
)
def test_public_page_has_no_serious_accessibility_violations(
    live_server, settings, page, guard, directory, path
):
    settings.MAP_TILE_URL = f"{live_server.url}/healthz?{{z}}/{{x}}/{{y}}"
    response = page.goto(f"{live_server.url}{path}")
    assert response.ok, response.status
    if path.endswith("/map/"):
        page.locator("#map .leaflet-marker-icon").first.wait_for()

    violations = _blocking_violations(page)

    assert violations == [], f"{path}:\n{_describe(violations)}"
    assert guard.foreign_requests == []


@pytest.mark.parametrize("path", ["/lt/me/", "/lt/actors/new/", "/lt/actors/moderation/"])
def test_member_page_has_no_serious_accessibility_violations(live_server, page, directory, path):
    from tests.factories import make_coordinator

    coordinator = verified_user(make_coordinator(directory.lag_a))
    log_in(page, live_server.url, coordinator.email)
    response = page.goto(f"{live_server.url}{path}")
    assert response.ok, response.status

    violations = _blocking_violations(page)

    assert violations == [], f"{path}:\n{_describe(violations)}"


def test_actor_form_with_errors_has_no_serious_accessibility_violations(
    live_server, page, directory
):
    from tests.factories import UserFactory

    person = verified_user(UserFactory())
    log_in(page, live_server.url, person.email)
    page.goto(f"{live_server.url}/lt/actors/new/")
    page.locator("button[name=save]").click()
    expect(page.locator(".field.field--error").first).to_be_visible()
    expect(page.locator("[data-error-summary]")).to_be_focused()

    violations = _blocking_violations(page)

    assert violations == [], f"form with errors:\n{_describe(violations)}"
