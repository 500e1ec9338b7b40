"""The holder downloads a certificate as an Open Badges credential from their page."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def holder(transactional_db):
    from kaimolink.certificates.services import attendance_certificate_issue
    from kaimolink.events.enums import EventStatus
    from kaimolink.events.services import attendance_mark
    from tests.events.factories import EventFactory, RegistrationFactory
    from tests.factories import LagFactory, UserFactory, make_coordinator

    lag = LagFactory()
    coordinator = make_coordinator(lag)
    day = timezone.localdate() - datetime.timedelta(days=5)
    event = EventFactory(
        title="Vietos tapatumo ir kaimo turizmo mokymai",
        lags=[lag],
        status=EventStatus.HELD,
        days=[(day, datetime.time(9), datetime.time(17))],
    )
    person = verified_user(UserFactory(full_name="Žydrūnė Šėtaitė"))
    registration = RegistrationFactory(event=event, person=person)
    attendance_mark(registration=registration, day=event.days.get(), present=True, by=coordinator)
    attendance_certificate_issue(registration=registration, by=coordinator)
    return person


@pytest.mark.parametrize("width", [360, 1280])
def test_holder_downloads_the_baked_badge(live_server, new_context, guard, holder, width):
    from kaimolink.credentials.baking import unbake_png

    page = new_context(viewport={"width": width, "height": 900}).new_page()
    log_in(page, live_server.url, holder.email)
    link = page.get_by_role("link", name="ženklelio paveikslėlis (PNG)")
    expect(link).to_be_visible()
    link.scroll_into_view_if_needed()
    if os.environ.get("KAIMOLINK_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['KAIMOLINK_SCREENSHOTS']}/me-{width}.png")
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    with open(path, "rb") as baked:
        assert unbake_png(baked.read()).count(".") == 2  # a compact JWT
    assert guard.foreign_requests == []
    assert guard.page_errors == []
