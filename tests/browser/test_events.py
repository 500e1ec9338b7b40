"""A person finds a training, registers, and the waiting list moves in a real browser."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Registration
from tests.browser.conftest import log_in, translated, verified_user
from tests.browser.test_accessibility import _blocking_violations, _describe
from tests.events.factories import EventFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def training(themes):
    return EventFactory(title="Internetinė rinkodara ūkininkams", capacity=1)


def open_event(page, base_url: str, title: str) -> None:
    page.goto(f"{base_url}/lt/events/")
    page.get_by_role("link", name=title).click()
    expect(page.locator("h1")).to_contain_text(title)


def test_register_wait_and_be_promoted(live_server, new_context, guard, training):
    first = verified_user(UserFactory(full_name="Ona Pirmoji"))
    second = verified_user(UserFactory(full_name="Jonas Antrasis"))
    first_page = new_context().new_page()
    second_page = new_context().new_page()

    # The first person takes the only place.
    log_in(first_page, live_server.url, first.email)
    open_event(first_page, live_server.url, training.title)
    first_page.locator("form[action$='/register/'] button").click()
    expect(first_page.locator("#registration .notice")).to_have_text(
        translated("lt", "You are registered: your place is confirmed.")
    )

    # The second finds it full and joins the waiting list.
    log_in(second_page, live_server.url, second.email)
    open_event(second_page, live_server.url, training.title)
    button = second_page.locator("form[action$='/register/'] button")
    expect(button).to_have_text(translated("lt", "Join the waiting list"))
    button.click()
    expect(second_page.locator("#registration .notice")).to_contain_text("1")
    assert Registration.objects.get(person=second).status == RegistrationStatus.WAITING

    # The first cancels: the second is promoted and told by e-mail.
    first_page.locator("form[action*='/cancel'] button").click()
    second_page.reload()
    expect(second_page.locator("#registration .notice")).to_have_text(
        translated("lt", "You are registered: your place is confirmed.")
    )
    assert Registration.objects.get(person=second).status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox if second.email in m.to] == [[second.email]]
    assert guard.foreign_requests == []


@pytest.mark.parametrize("path", ["/lt/events/", "detail", "/en/events/"])
def test_event_pages_have_no_serious_accessibility_violations(
    live_server, page, guard, training, path
):
    url = training.get_absolute_url() if path == "detail" else path
    response = page.goto(f"{live_server.url}{url}")
    assert response.ok, response.status
    violations = _blocking_violations(page)
    assert violations == [], f"{url}:\n{_describe(violations)}"
    assert guard.foreign_requests == []
