"""Past events: the list's `?when=past` (the latest first, paginated) and a LAG's archive."""

import datetime
import re

import pytest
from django.utils import timezone

from kaimolink.events.enums import EventStatus
from tests.events.factories import EventFactory, fill
from tests.factories import LagFactory
from tests.helpers.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

T10, T12 = datetime.time(10), datetime.time(12)


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def past_event(n: int, **kwargs):
    return EventFactory(status=EventStatus.HELD, days=[(days_ago(n), T10, T12)], **kwargs)


def titles(page: str) -> list[str]:
    return re.findall(r'<h2><a href="/en/events/[^"]+/">([^<]+)</a>', page)


def test_past_filter_lists_finished_events_newest_first(client):
    past_event(30, title="Senesni mokymai")
    past_event(3, title="Naujesni mokymai")
    EventFactory(title="Būsimi mokymai")
    page = client.get("/en/events/?when=past").text
    assert titles(page) == ["Naujesni mokymai", "Senesni mokymai"]
    assert "2 past events found" in page
    assert "Past trainings and events" in page
    assert 'aria-current="page">Past events</a>' in page
    upcoming = client.get("/en/events/").text
    assert titles(upcoming) == ["Būsimi mokymai"]


def test_past_list_is_paginated(client):
    for n in range(1, 23):
        past_event(n, title=f"Praėję {n:02d}")
    first = client.get("/en/events/?when=past").text
    assert len(titles(first)) == 20 and titles(first)[0] == "Praėję 01"
    assert "when=past&amp;page=2" in first
    second = client.get("/en/events/?when=past&page=2").text
    assert titles(second) == ["Praėję 21", "Praėję 22"]


def test_lag_archive_shows_only_that_lags_past_events(client):
    lag = LagFactory(slug="kedainiai", name="Kėdainių VVG")
    past_event(5, title="Mūsų praėję", lags=[lag])
    past_event(5, title="Kitų praėję")
    EventFactory(title="Mūsų būsimi", lags=[lag])
    page = client.get("/en/events/?lag=kedainiai&when=past").text
    assert titles(page) == ["Mūsų praėję"]
    assert "Past trainings and events · Kėdainių VVG" in page
    # The switch back to upcoming events keeps the LAG.
    assert 'href="?lag=kedainiai"' in page


def test_home_page_lag_card_links_to_the_archive(client):
    lag = LagFactory(slug="kedainiai")
    page = client.get("/en/").text
    assert f"/en/events/?lag={lag.slug}&amp;when=past" in page


def test_bad_when_answers_400_with_a_message(client):
    response = client.get("/en/events/?when=someday")
    assert response.status_code == 400
    assert "Choose upcoming or past events." in response.text


@pytest.mark.parametrize("url", ["/en/events/?when=past", "/en/events/?when=past&lag=kedainiai"])
def test_past_list_runs_constant_queries(client, url):
    lag = LagFactory(slug="kedainiai")
    fill(past_event(2, lags=[lag]), 2)
    one = count_queries(client, url)
    for n in range(3, 18):
        fill(past_event(n, lags=[lag, LagFactory()]), 3)
    assert count_queries(client, url) == one


def test_no_past_events_of_a_lag_says_so_with_advice(client):
    LagFactory(slug="kedainiai", name="Kėdainių VVG")
    page = client.get("/en/events/?lag=kedainiai&when=past").text
    assert 'class="empty-state"' in page
    assert "No past events of Kėdainių VVG" in page
    assert '<a href="?when=past">Show the events of every LAG</a>' in page
    assert '<a href="?lag=kedainiai">Look at upcoming events</a>' in page


def test_no_events_with_a_theme_advises_clearing_it(client):
    from kaimolink.core.models import Theme

    theme = Theme.objects.order_by("pk").first()
    page = client.get(f"/en/events/?theme={theme.slug}").text
    assert "No events match these filters" in page
    assert '<a href="?">Clear the theme filter</a>' in page
    assert f'<a href="?theme={theme.slug}&amp;when=past">Look at past events</a>' in page


def test_upcoming_list_when_empty_points_to_past_events(client):
    page = client.get("/en/events/").text
    assert "No upcoming events yet" in page
    assert '<a href="?when=past">Look at past events</a>' in page
