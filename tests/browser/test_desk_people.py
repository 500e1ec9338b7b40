"""The desk's people without e-mail in a browser: the list with likely duplicates and the
merge page fit a phone and a wide screen, have no serious accessibility fault, load
nothing from elsewhere, and the merge goes through the confirm page."""

import pytest

from tests.browser.conftest import log_in, sideways, translated, verified_user
from tests.browser.test_page_types import WIDTHS, _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator(directory):
    from tests.events.factories import EventFactory, RegistrationFactory
    from tests.factories import make_coordinator, offline_person

    lag = directory.lag_a
    person = verified_user(make_coordinator(lag, full_name="Rasa Koordinatorė"))
    event = EventFactory(title="Kaimo turizmo paslaugų kūrimas ir rinkodara", lags=[lag])
    for name, phone in [
        ("Onutė Petraitienė", "+37061234567"),
        ("ONUTE PETRAITIENE", ""),
        ("Kazimieras Stankevičius-Žemaitis", "+37069876543"),
    ]:
        someone = offline_person(name, phone)
        RegistrationFactory(event=event if phone else EventFactory(lags=[lag]), person=someone)
    return person


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_desk_people_fit_and_merge_through_the_confirm_page(
    live_server, new_context, guard, coordinator, width
):
    viewport = WIDTHS[width]
    phone = width == "phone"
    page = new_context(viewport=viewport, is_mobile=phone, has_touch=phone).new_page()
    log_in(page, live_server.url, coordinator.email)
    page.goto(f"{live_server.url}/lt/desk/")
    page.locator("main a", has_text=translated("lt", "People without e-mail")).click()
    page.wait_for_url("**/lt/desk/people/")

    assert page.locator("main table.table-fold").count() == 2  # one duplicate group, everyone
    assert sideways(page, viewport["width"]) is None
    assert _axe(page) is None
    page.screenshot(path=f"var/test/desk-people-{width}.png", full_page=True)

    page.locator("main table.table-fold").first.locator("a").first.click()
    page.wait_for_url("**/merge/?keep=*")
    assert sideways(page, viewport["width"]) is None
    assert _axe(page) is None
    page.screenshot(path=f"var/test/desk-people-merge-{width}.png", full_page=True)
    page.locator("main form button").click()
    page.locator("main form button.button--warning").click()  # the confirm page
    page.wait_for_url("**/lt/desk/people/")
    assert page.locator("main table.table-fold").count() == 1  # no duplicates left
    assert guard.foreign_requests == []
    assert guard.page_errors == []
