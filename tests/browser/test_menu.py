"""The header menu on phones folds behind "Meniu" and every item stays reachable,
with and without JavaScript; on wide screens it is always shown."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 640}
WIDE = {"width": 1280, "height": 800}
VISITOR_ITEMS = [
    "Veikėjai", "Žemėlapis", "Renginiai", "Pasiūlymai ir prašymai", "Diskusijos",
    "Konsultacijos", "Projektai", "Vietos produktai", "Prisijungti",
]  # fmt: skip


def _menu_links(page):
    return page.get_by_role("navigation", name="Pagrindinis meniu").get_by_role("link")


def _assert_every_item_visible_and_inside(page, width):
    for name in VISITOR_ITEMS:
        link = page.get_by_role("navigation", name="Pagrindinis meniu").get_by_role(
            "link", name=name
        )
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= width + 1, (name, box)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_menu_on_phone_opens_and_shows_every_item(
    live_server, new_context, guard, directory, javascript
):
    context = new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/lt/actors/")

    expect(_menu_links(page).first).to_be_hidden()  # folded: the content starts near the top
    toggle = page.get_by_role("button" if javascript else "link", name="Meniu")
    if javascript:
        expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()

    _assert_every_item_visible_and_inside(page, PHONE["width"])
    if javascript:
        expect(toggle).to_have_attribute("aria-expanded", "true")
        toggle.click()
        expect(_menu_links(page).first).to_be_hidden()
        toggle.click()
    page.get_by_role("link", name="Projektai").click()
    expect(page).to_have_url(f"{live_server.url}/lt/projects/")
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_menu_on_wide_screen_is_open_without_a_toggle(live_server, new_context, guard, directory):
    page = new_context(viewport=WIDE).new_page()
    page.goto(f"{live_server.url}/lt/actors/")

    _assert_every_item_visible_and_inside(page, WIDE["width"])
    expect(page.get_by_role("link", name="Meniu")).to_be_hidden()
    expect(page.get_by_role("link", name="Uždaryti meniu")).to_be_hidden()
    assert guard.foreign_requests == []


def test_menu_on_phone_holds_member_items(live_server, new_context, guard, directory):
    from tests.factories import UserFactory

    person = verified_user(UserFactory())
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    log_in(page, live_server.url, person.email)
    page.goto(f"{live_server.url}/lt/actors/")

    page.get_by_role("button", name="Meniu").click()
    nav = page.get_by_role("navigation", name="Pagrindinis meniu")
    for name in ["Žinutės", "Pranešimai", "Mano puslapis"]:
        expect(nav.get_by_role("link", name=name)).to_be_visible()
    assert guard.foreign_requests == []


def test_keyboard_focus_on_menu_toggle_is_visible(live_server, new_context, guard, directory):
    page = new_context(viewport=PHONE, is_mobile=True).new_page()
    page.goto(f"{live_server.url}/lt/actors/")

    toggle = page.get_by_role("button", name="Meniu")
    for _ in range(6):
        page.keyboard.press("Tab")
        if toggle.evaluate("e => e === document.activeElement"):
            break
    outline = toggle.evaluate(
        "e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth"
    )
    assert outline == "solid 3px", outline
    assert guard.foreign_requests == []
