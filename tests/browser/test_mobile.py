"""Phone-sized screens: the pages fit the width, nothing scrolls sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sideways

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 640}


@pytest.mark.parametrize(
    "path",
    [
        "/lt/actors/",
        "/lt/actors/?q=slapaberze",
        "/lt/",
        "/lt/actors/liepos-bendruomene/",
        "/lt/actors/map/",
        "/lt/events/calendar/",
        "/lt/partnerships/",
        "/lt/discussions/",
        "/lt/consultations/",
        "/lt/projects/",
        "/lt/agreements/",
    ],
)
def test_phone_page_does_not_scrollsideways(live_server, settings, new_context, directory, path):
    settings.MAP_TILE_URL = f"{live_server.url}/healthz?{{z}}/{{x}}/{{y}}"
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()

    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert sideways(page) is None
