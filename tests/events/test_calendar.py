"""The month calendar: days of a known month, filters, bad input, caching and query counts."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from kaimolink.core.models import Theme
from kaimolink.events.enums import EventKind, EventStatus, Visibility
from kaimolink.events.selectors import month_calendar
from tests.events.factories import EventFactory, fill
from tests.factories import LagFactory
from tests.helpers.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MARCH = "2031-03"  # starts on a Saturday, six weeks
T10, T16 = datetime.time(10), datetime.time(16)


def day(n: int, month: int = 3) -> datetime.date:
    return datetime.date(2031, month, n)


def cells(html: str) -> dict[str, str]:
    """The HTML of each day of the month in the grid, by its ISO date."""
    found = {}
    for chunk in html.split('<li class="cal-')[1:]:
        match = re.search(r'<time datetime="(\d{4}-\d{2}-\d{2})">', chunk)
        if match:
            found[match[1]] = chunk
    return found


@pytest.fixture
def march():
    lag, other = LagFactory(slug="kedainiai"), LagFactory(slug="zarasai")
    return {
        "lag": lag,
        "workshop": EventFactory(
            title="Kūrybinės dirbtuvės",
            kind=EventKind.WORKSHOP,
            lags=[lag],
            days=[(day(30), T10, T16), (day(31), T10, T16), (day(1, 4), T10, T16)],
        ),
        "theirs": EventFactory(title="Zarasų mokymai", lags=[other], days=[(day(30), T10, T16)]),
        "joint": EventFactory(
            title="Bendra konferencija",
            kind=EventKind.CONFERENCE,
            lags=[lag, other],
            days=[(day(3), datetime.time(9), T16)],
        ),
        "cancelled": EventFactory(
            title="Atšaukti mokymai", status=EventStatus.CANCELLED, days=[(day(12), T10, T16)]
        ),
    }


def test_known_month_shows_each_event_on_each_of_its_days(client, march):
    EventFactory(title="Juodraštis", status=EventStatus.DRAFT, days=[(day(5), T10, T16)])
    EventFactory(title="Uždaras", visibility=Visibility.INVITED, days=[(day(6), T10, T16)])
    response = client.get(f"/en/events/calendar/?month={MARCH}")
    assert response.status_code == 200
    page = response.text
    days = cells(page)
    assert len(days) == 31
    assert (
        "Kūrybinės dirbtuvės" in days["2031-03-30"] and "Kūrybinės dirbtuvės" in days["2031-03-31"]
    )
    assert "10:00" in days["2031-03-30"]
    assert "Zarasų mokymai" in days["2031-03-30"] and "Zarasų mokymai" not in days["2031-03-31"]
    assert "Bendra konferencija" in days["2031-03-03"] and "09:00" in days["2031-03-03"]
    assert "Atšaukti mokymai" in days["2031-03-12"] and "cancelled" in days["2031-03-12"]
    assert "Juodraštis" not in page and "Uždaras" not in page
    assert march["workshop"].get_absolute_url() in days["2031-03-31"]
    # The grid starts on Monday: March 1st 2031 is a Saturday, five empty cells before it.
    grid = page.split('<ol class="cal-grid">')[1]
    assert grid.split('<li class="cal-day')[0].count('<li class="cal-outside"') == 5
    # The April day of the workshop is on April's page, not March's.
    april = cells(client.get("/en/events/calendar/?month=2031-04").text)
    assert "Kūrybinės dirbtuvės" in april["2031-04-01"]
    assert "Zarasų mokymai" not in "".join(april.values())


def test_lag_filter_leaves_out_other_lags_events(client, march):
    page = client.get(f"/en/events/calendar/?month={MARCH}&lag=kedainiai").text
    days = cells(page)
    assert "Kūrybinės dirbtuvės" in days["2031-03-30"]
    assert "Bendra konferencija" in days["2031-03-03"]  # joint event of both LAGs
    assert "Zarasų mokymai" not in page
    assert "Atšaukti mokymai" not in page
    assert "calendar.ics?lag=kedainiai" in page  # the iCal feed of the same LAG
    by_kind = client.get(f"/en/events/calendar/?month={MARCH}&kind=conference").text
    assert "Bendra konferencija" in by_kind and "Kūrybinės dirbtuvės" not in by_kind


def test_month_links_keep_the_filters(client, march):
    page = client.get(f"/en/events/calendar/?month={MARCH}&lag=kedainiai").text
    assert 'href="?month=2031-02&amp;lag=kedainiai"' in page or (
        'href="?lag=kedainiai&amp;month=2031-02"' in page
    )
    assert "month=2031-04" in page
    assert "/en/events/?" in page and "lag=kedainiai" in page  # back to the list


def weekday_headings(page: str) -> list[str]:
    """(full name for screen readers, short visible name) of each column."""
    head = re.search(r'<div class="cal-head"[^>]*>(.*?)</div>', page, re.S)[1]
    pairs = re.findall(
        r'<span aria-hidden="true">([^<]+)</span><span class="visually-hidden">([^<]+)</span>', head
    )
    return [(full, short) for short, full in pairs]


def test_lithuanian_month_and_weekday_names_monday_first(client, march):
    with translation.override("lt"):
        page = client.get(f"/lt/events/calendar/?month={MARCH}").text
    assert "2031 m. kovas" in page
    names = [full for full, _short in weekday_headings(page)]
    assert names[0] == "Pirmadienis" and names[4] == "Penktadienis" and names[6] == "Sekmadienis"
    assert "Pirmadienis, kovo 3 d." in cells(page)["2031-03-03"]
    assert "Pirmadienis, kovo 31 d." in cells(page)["2031-03-31"]


def test_english_weekday_headings_monday_first(client):
    page = client.get(f"/en/events/calendar/?month={MARCH}").text
    assert weekday_headings(page) == [
        ("Monday", "Mo"), ("Tuesday", "Tu"), ("Wednesday", "We"), ("Thursday", "Th"),
        ("Friday", "Fr"), ("Saturday", "Sa"), ("Sunday", "Su"),
    ]  # fmt: skip


def test_today_is_marked_in_the_current_month(client):
    today = timezone.localdate()
    page = client.get("/en/events/calendar/").text
    today_cell = cells(page)[today.isoformat()]
    assert "cal-today" in today_cell and 'aria-current="date"' in today_cell
    assert page.count('aria-current="date"') == 1
    other = client.get(f"/en/events/calendar/?month={MARCH}").text
    assert 'aria-current="date"' not in other


def test_month_calendar_weeks_start_on_monday():
    result = month_calendar(month=day(1), today=day(3))
    assert [len(week) for week in result.weeks] == [7] * 6
    assert all(week[0].date.weekday() == 0 for week in result.weeks)
    assert result.weeks[0][5].date == day(1) and result.weeks[0][5].in_month
    assert not result.weeks[0][4].in_month
    assert result.previous == datetime.date(2031, 2, 1) and result.next == day(1, 4)
    assert [d.date for week in result.weeks for d in week if d.is_today] == [day(3)]


@pytest.mark.parametrize(
    "query",
    ["month=2031-13", "month=soon", "month=1999-12", "month=9999-12", "lag=no-such-lag", "kind=x"],
)
def test_bad_filters_answer_400_with_a_message(client, query):
    response = client.get(f"/en/events/calendar/?{query}")
    assert response.status_code == 400
    assert "filters are not valid" in response.text
    assert 'href="/en/events/calendar/"' in response.text  # a way back to this month


def test_last_accepted_month_has_no_link_past_it(client):
    response = client.get("/en/events/calendar/?month=2100-12")
    assert response.status_code == 200
    assert "month=2101-01" not in response.text and "month=2100-11" in response.text


def test_public_page_has_no_csrf_token_and_is_cached(client, settings, march):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    url = f"/en/events/calendar/?month={MARCH}"
    first = client.get(url)
    assert first.status_code == 200 and "csrfmiddlewaretoken" not in first.text
    assert not first.cookies
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(url)
    assert again.text == first.text
    assert len(ctx.captured_queries) <= 1  # only the cache generation


@pytest.mark.parametrize("query", [f"month={MARCH}", f"month={MARCH}&lag=kedainiai&kind=training"])
def test_calendar_runs_constant_queries(client, query):
    lag = LagFactory(slug="kedainiai")
    EventFactory(lags=[lag], days=[(day(2), T10, T16)])
    url = f"/en/events/calendar/?{query}"
    one = count_queries(client, url)
    for n in range(1, 16):
        event = EventFactory(
            lags=[lag, LagFactory()],
            days=[(day(n), T10, T16), (day(n + 1), T10, T16), (day(n + 2), T10, T16)],
        )
        fill(event, 2)
    many = count_queries(client, url)
    assert one == many
    assert cells(client.get(url).text)["2031-03-10"].count("Mokymai nr.") == 3


def test_list_and_calendar_link_each_other(client):
    lag = LagFactory(slug="kedainiai")
    page = client.get("/en/events/?lag=kedainiai&kind=training").text
    assert "/en/events/calendar/?lag=kedainiai&amp;kind=training" in page
    assert "calendar.ics?lag=kedainiai" in page
    calendar_page = client.get(f"/en/events/calendar/?lag={lag.slug}").text
    assert 'href="/en/events/?' in calendar_page


def add_months(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def test_calendar_opens_on_this_month_when_it_has_events(client):
    today = timezone.localdate()
    EventFactory(title="Šio mėnesio mokymai", days=[(today.replace(day=1), T10, T16)])
    EventFactory(title="Vėlesni mokymai", days=[(add_months(today, 2), T10, T16)])
    page = client.get("/en/events/calendar/").text
    assert "Šio mėnesio mokymai" in page and "Vėlesni mokymai" not in page
    assert "the next month with events" not in page


def test_calendar_opens_on_the_next_month_with_events_and_says_so(client):
    today = timezone.localdate()
    later = add_months(today, 2)
    EventFactory(title="Vėlesni mokymai", days=[(later.replace(day=10), T10, T16)])
    EventFactory(title="Praėję mokymai", days=[(add_months(today, -1), T10, T16)])
    with translation.override("en"):
        this_name = date_format(today, "YEAR_MONTH_FORMAT")
        later_name = date_format(later, "YEAR_MONTH_FORMAT")
    page = client.get("/en/events/calendar/").text
    assert "Vėlesni mokymai" in page and "Praėję mokymai" not in page
    assert (
        f"No events this month ({this_name}); showing {later_name}, the next month with events."
        in page
    )
    # The way back to the month that was skipped is there.
    assert f"month={today:%Y-%m}" in page
    # A month asked for is shown as asked, empty or not.
    asked = client.get(f"/en/events/calendar/?month={today:%Y-%m}").text
    assert "Vėlesni mokymai" not in asked and "the next month with events" not in asked
    assert f"No events in {this_name}" in asked


def test_calendar_month_choice_follows_the_filters(client):
    today = timezone.localdate()
    lag = LagFactory(slug="kedainiai")
    EventFactory(title="Kitų mokymai", days=[(today.replace(day=1), T10, T16)])
    EventFactory(title="Mūsų mokymai", lags=[lag], days=[(add_months(today, 3), T10, T16)])
    page = client.get("/en/events/calendar/?lag=kedainiai").text
    assert "Mūsų mokymai" in page and "Kitų mokymai" not in page


def test_calendar_without_any_events_shows_this_month_with_advice(client):
    theme = Theme.objects.order_by("pk").first()  # made by a data migration
    page = client.get(f"/en/events/calendar/?theme={theme.slug}").text
    with translation.override("en"):
        this_name = date_format(timezone.localdate(), "YEAR_MONTH_FORMAT")
    assert 'class="empty-state"' in page
    assert f"No events in {this_name}" in page
    assert "Clear the theme filter" in page and "Look at past events" in page


def test_grid_mutes_other_months_and_hides_empty_days_from_screen_readers(client, march):
    page = client.get(f"/en/events/calendar/?month={MARCH}").text
    grid = page.split('<ol class="cal-grid">')[1].split("</ol>")[0]
    items = re.findall(r"<li class=\"([^\"]+)\"([^>]*)>", grid)
    assert len(items) == 42  # six whole weeks, Monday to Sunday
    outside = [attrs for classes, attrs in items if classes == "cal-outside"]
    assert len(outside) == 11 and all('aria-hidden="true"' in a for a in outside)
    # The other months' days show their number (muted by CSS): 24 February … 6 April.
    assert '<li class="cal-outside" aria-hidden="true"><span class="cal-num">24</span>' in grid
    days = cells(page)
    # Days with events are headed by the full date; empty days are hidden from screen readers.
    assert '<h2 class="cal-date">' in days["2031-03-03"]
    assert 'aria-hidden="true"' in days["2031-03-04"].split(">")[0]
    assert 'aria-hidden="true"' not in days["2031-03-03"].split(">")[0]


def test_calendar_without_a_month_runs_constant_queries(client):
    today = timezone.localdate()
    later = add_months(today, 1)
    EventFactory(days=[(later, T10, T16)])
    one = count_queries(client, "/en/events/calendar/")
    for n in range(1, 12):
        fill(EventFactory(days=[(later.replace(day=n), T10, T16)]), 2)
    assert count_queries(client, "/en/events/calendar/") == one
