"""Chromium reports no Content-Security-Policy violation on the main pages (issue 8).

The policy refuses inline scripts and styles; a `<script>` block, a `style=""` attribute
or a library that injects a `<style>` left in a template would break the page quietly.
Chromium tells of each refusal twice, as a `securitypolicyviolation` event and as a
console error; the test collects both while it uses the pages (htmx swaps and the map too).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before the page's own scripts; the page's policy does not apply to it.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile
    + ":" + e.lineNumber);
});
"""
PUBLIC = ["/lt/", "/lt/actors/", "/lt/actors/liepos-bendruomene/", "/lt/events/",
          "/lt/partnerships/", "/lt/discussions/", "/lt/consultations/", "/lt/projects/",
          "/lt/accounts/login/", "/lt/accounts/signup/", "/en/actors/"]  # fmt: skip
MEMBER = ["/lt/me/", "/lt/actors/new/", "/lt/actors/liepos-bendruomene/edit/",
          "/lt/consultations/bookings/", "/lt/messages/", "/lt/notifications/"]  # fmt: skip


def watched(page) -> list[str]:
    reports = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda msg: (
            reports.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    return reports


def violations(page, console) -> list[str]:
    return [*page.evaluate("window.__csp || []"), *console]


def test_main_pages_report_no_csp_violation(live_server, settings, page, guard, directory):
    settings.MAP_TILE_URL = f"{live_server.url}/healthz?{{z}}/{{x}}/{{y}}"
    console = watched(page)
    found = {}
    for path in PUBLIC:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("main")).to_be_visible()
        if reported := violations(page, console):
            found[path] = reported
            console.clear()
    # htmx: filtering the directory swaps the results in place.
    page.goto(f"{live_server.url}/lt/actors/")
    page.locator("#id_q").fill("slapaberze")
    page.locator("#id_q").press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=slapaberze"))
    expect(page.locator("#results .actor-card")).to_have_count(2)
    # Leaflet builds the map with styles of its own.
    page.goto(f"{live_server.url}/lt/actors/map/")
    expect(page.locator("#map .leaflet-marker-icon").first).to_be_visible()
    page.locator("#map .leaflet-marker-icon").first.click()
    expect(page.locator(".leaflet-popup-content a")).to_be_visible()
    if reported := violations(page, console):
        found["htmx and map"] = reported
    assert found == {}
    assert guard.foreign_requests == []


def test_member_pages_report_no_csp_violation(live_server, page, guard, directory):
    from tests.factories import UserFactory

    member = verified_user(UserFactory(email="narys@example.lt"))
    directory.liepa.memberships.create(user=member, role="owner")
    console = watched(page)
    log_in(page, live_server.url, member.email)
    found = {}
    for path in MEMBER:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("main")).to_be_visible()
        if reported := violations(page, console):
            found[path] = reported
            console.clear()
    assert found == {}
    assert guard.foreign_requests == []
