"""The coordinator's desk in a browser: it fits a phone and a wide screen, has no serious
accessibility fault, loads nothing from elsewhere, and the menu leads to it."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import log_in, sideways, translated, verified_user
from tests.browser.test_page_types import WIDTHS, _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEN = (datetime.time(10), datetime.time(16))


@pytest.fixture
def coordinator(directory):
    """A coordinator of two LAGs with one of each kind of work waiting (long Lithuanian
    names, to catch what does not fold on a phone)."""
    from kaimolink.actors.enums import ActorStatus
    from kaimolink.events.services import attendance_mark
    from kaimolink.market.enums import ProductStatus
    from kaimolink.moderation.services import report_create
    from tests.events.factories import EventFactory, RegistrationFactory
    from tests.factories import ActorFactory, UserFactory, make_coordinator
    from tests.homework.factories import AssignmentFactory, SubmissionFactory
    from tests.market.factories import ProductFactory

    lag, other = directory.lag_a, directory.lag_b
    person = verified_user(make_coordinator(lag, full_name="Rasa Koordinatorė"))
    person.coordinations.create(lag=other)
    today = timezone.localdate()

    def day(offset):
        return [(today + datetime.timedelta(days=offset), *TEN)]

    ActorFactory(lag=lag, status=ActorStatus.PENDING, name="Šlapaberžės bendruomenė")
    ProductFactory(
        actor=directory.liepa, status=ProductStatus.PENDING,
        name="Kalėdiniai rankų darbo atvirukai su bendruomenės piešiniais",
    )  # fmt: skip
    report_create(
        reporter=UserFactory(), target=directory.liepa, reason="Reklama", excerpt="Pirkite!",
        url="/lt/", lag=lag,
    )  # fmt: skip
    held = EventFactory(
        title="Kaimo turizmo paslaugų kūrimas ir rinkodara", lags=[lag, other], days=day(-3)
    )
    for registration in RegistrationFactory.create_batch(2, event=held):
        attendance_mark(registration=registration, day=held.days.get(), present=True, by=person)
    SubmissionFactory(assignment=AssignmentFactory(event=held))
    RegistrationFactory(
        event=EventFactory(title="Trumpųjų maisto grandinių mokymai", lags=[other], days=day(-1))
    )
    coming = EventFactory(title="Amatų mugė Kėdainiuose", lags=[lag], days=day(6), capacity=20)
    RegistrationFactory.create_batch(3, event=coming)
    return person


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_desk_fits_is_accessible_and_is_in_the_menu(
    live_server, new_context, guard, coordinator, width
):
    viewport = WIDTHS[width]
    phone = width == "phone"
    page = new_context(viewport=viewport, is_mobile=phone, has_touch=phone).new_page()
    log_in(page, live_server.url, coordinator.email)

    desk = page.locator("#menu a", has_text=translated("lt", "Desk"))
    if phone:
        page.locator("[data-menu-toggle]").click()
    desk.click()
    page.wait_for_url("**/lt/desk/")

    assert page.locator("main table.table-fold").count() == 7  # market products too
    assert page.locator("#desk-lag option").count() == 3  # all, and each of the two LAGs
    assert sideways(page, viewport["width"]) is None
    assert _axe(page) is None
    page.screenshot(path=f"var/shots/desk-{width}.png", full_page=True)
    assert guard.foreign_requests == []
    assert guard.page_errors == []
