"""An event's page: the key facts and the action first, then the description and the rest."""

import datetime

import pytest
from django.utils import timezone

from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.selectors import programme_summary
from tests.events.factories import EventFactory, RegistrationFactory, fill
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

T9, T10, T16, T17 = (datetime.time(h) for h in (9, 10, 16, 17))


def in_days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def panel(page: str) -> str:
    """The key facts panel at the top of the page."""
    return page.split('<div class="panel', 1)[1].split("<h2>About</h2>", 1)[0]


def test_facts_and_register_button_come_before_the_description(client):
    event = EventFactory(description="Ilgas aprašymas. " * 200, capacity=10)
    fill(event, 3)
    client.force_login(UserFactory())
    page = client.get(event.get_absolute_url()).text
    top = panel(page)
    assert '<dl class="summary-list">' in top and 'class="facts"' not in page
    assert "When" in top and "Venue" in top and "7 of 10 places left" in top
    assert f'action="/en/events/{event.slug}/register/"' in top
    assert page.index(f'action="/en/events/{event.slug}/register/"') < page.index("Ilgas aprašymas")


def test_full_event_offers_the_waiting_list(client):
    event = EventFactory(capacity=1)
    fill(event, 1)
    fill(event, 2, status=RegistrationStatus.WAITING)
    client.force_login(UserFactory())
    top = panel(client.get(event.get_absolute_url()).text)
    assert "Full: you can join the waiting list (2 people waiting)" in top
    assert "Join the waiting list</button>" in top


def test_anonymous_visitor_gets_a_login_link_returning_here(client):
    event = EventFactory()
    top = panel(client.get(event.get_absolute_url()).text)
    assert f'href="/en/accounts/login/?next=/en/events/{event.slug}/"' in top


def test_past_event_says_it_is_over_and_offers_no_registration(client):
    event = EventFactory(status=EventStatus.HELD, days=[(in_days(-20), T10, T16)])
    client.force_login(UserFactory())
    page = client.get(event.get_absolute_url()).text
    top = panel(page)
    assert "This event is over." in top and "It ended on" in top
    assert "/register/" not in page and "places left" not in top
    assert f"/en/events/?when=past&amp;lag={event.lags.get().slug}" in top


def test_published_event_whose_days_are_over_says_it_is_over(client):
    event = EventFactory(days=[(in_days(-2), T10, T16)])
    top = panel(client.get(event.get_absolute_url()).text)
    assert "This event is over." in top and "Log in to register" not in top


@pytest.mark.parametrize(
    ("arrange", "reason"),
    [
        ({"status": EventStatus.CANCELLED}, "This event is cancelled."),
        ({"registration_closes": "past"}, "Registration is closed."),
        ({"registration_opens": "future"}, "Registration opens on"),
    ],
)
def test_why_one_cannot_register_is_said_in_the_panel(client, arrange, reason):
    now = timezone.now()
    values = {
        "past": now - datetime.timedelta(hours=1),
        "future": now + datetime.timedelta(days=2),
    }
    event = EventFactory(**{k: values.get(v, v) for k, v in arrange.items()})
    client.force_login(UserFactory())
    top = panel(client.get(event.get_absolute_url()).text)
    assert reason in top
    assert "/register/" not in top


def test_multi_day_event_summarises_its_days(client):
    days = [(in_days(5), T9, T17), (in_days(6), T9, T17), (in_days(7), T10, T16)]
    event = EventFactory(days=days)
    top = panel(client.get(event.get_absolute_url()).text)
    assert "3 days" in top and 'href="#programme"' in top


def test_programme_summary_says_the_hours_once_when_every_day_keeps_them():
    event = EventFactory(days=[(in_days(5), T9, T17), (in_days(6), T9, T17)])
    summary = programme_summary(list(event.days.order_by("date")))
    assert summary.several_days and summary.same_times and summary.count == 2
    assert summary.first.date == in_days(5) and summary.last.date == in_days(6)
    assert programme_summary([]) is None


def test_my_confirmed_registration_shows_the_cancel_link_not_the_form(client):
    registration = RegistrationFactory()
    client.force_login(registration.person)
    top = panel(client.get(registration.event.get_absolute_url()).text)
    assert "You are registered: your place is confirmed." in top
    assert "button button--warning" in top and "/register/" not in top
