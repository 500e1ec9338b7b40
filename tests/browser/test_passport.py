"""The learning record in a browser: the person's own and their actor's, on a phone and a
wide screen, without sideways scrolling; the PDF and the credentials download."""

import os
import zipfile

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, sideways, verified_user
from tests.browser.test_page_types import _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db):
    from tests.passport.conftest import build_world

    world = build_world()
    verified_user(world["person"])
    return world


def _shot(page, name):
    folder = os.environ.get("KAIMOLINK_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_person_reads_and_downloads_their_record(live_server, new_context, guard, world, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server.url, world["person"].email)
    expect(page.locator("#me-passport")).to_contain_text("Šlapaberžės bendruomenė")
    _shot(page, f"passport-me-{width}")
    page.locator("#me-passport a[href='/lt/passport/']").click()
    expect(page.locator("h1")).to_have_text("Mano mokymosi pasas")
    expect(page.locator(".panel")).to_contain_text("12,3")
    expect(page.get_by_text("Šeimos ūkių rinkodara: ąčęėįšųūž").first).to_be_visible()
    assert sideways(page, width) is None
    assert _axe(page) is None
    _shot(page, f"passport-{width}")
    with page.expect_download() as download:
        page.locator("a[href='/lt/passport/credentials.zip']").first.click()
    with zipfile.ZipFile(download.value.path()) as archive:
        assert "manifest.json" in archive.namelist()
    with page.expect_download() as download:
        page.locator("a[href='/lt/passport/record.pdf']").first.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.goto(f"{live_server.url}/lt/passport/actor/{world['actor'].slug}/")
    expect(page.locator("#record-people")).to_contain_text("Jonas Ąžuolaitis")
    assert sideways(page, width) is None
    assert _axe(page) is None
    _shot(page, f"passport-actor-{width}")
    assert guard.foreign_requests == []
    assert guard.page_errors == []
