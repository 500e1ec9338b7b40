"""iCal files are valid RFC 5545: parsed back with the `icalendar` package."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from kaimolink.events.enums import EventStatus, Visibility
from kaimolink.events.ical import escape_text, fold
from tests.events.factories import EventFactory
from tests.factories import LagFactory

pytestmark = pytest.mark.django_db

LONG_DESCRIPTION = (
    "Mokymuose aptarsime vietos tapatybę, socialines inovacijas; žemės ūkio produktų "
    "rinkodarą internete, kainodarą, pardavimą per trumpąsias tiekimo grandines.\n"
    "Antra eilutė: ąčęėįšųūž ĄČĘĖĮŠŲŪŽ, kabliataškis; kablelis, atgalinis brūkšnys \\ pabaiga."
) * 3


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_event_file_round_trips_lithuanian_text_and_long_lines(client):
    start = timezone.localdate() + datetime.timedelta(days=5)
    event = EventFactory(
        title="Šlapaberžės kūrybinės dirbtuvės: „Žemė, ūkis; ateitis“",
        description=LONG_DESCRIPTION,
        days=[
            (start, datetime.time(9, 30), datetime.time(17)),
            (start + datetime.timedelta(days=1), datetime.time(9), datetime.time(13)),
        ],
    )
    response = client.get(f"/lt/events/{event.slug}/event.ics")
    raw = response.content
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # only CRLF line ends
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the description was folded
    vevents = parse(response).walk("VEVENT")
    assert len(vevents) == 2
    first, second = vevents
    assert str(first["SUMMARY"]) == f"{event.title} (1/2)"
    assert str(first["DESCRIPTION"]) == LONG_DESCRIPTION
    assert str(first["UID"]) == f"{event.slug}-{start:%Y%m%d}@kaimolink"
    vilnius = datetime.datetime.combine(
        start, datetime.time(9, 30), tzinfo=timezone.get_current_timezone()
    )
    assert first.decoded("DTSTART") == vilnius
    assert first.decoded("DTSTART").tzinfo.utcoffset(None) == datetime.timedelta(0)  # UTC, Z
    assert second.decoded("DTEND") - second.decoded("DTSTART") == datetime.timedelta(hours=4)
    assert "DTSTAMP" in first
    assert "Kultūros namai" in str(first["LOCATION"])
    assert str(first["URL"]).endswith(event.get_absolute_url())


def test_calendar_lists_public_events_and_filters_by_lag(client):
    lag = LagFactory()
    ours = EventFactory(title="Mūsų mokymai", lags=[lag])
    EventFactory(title="Kitų mokymai")
    EventFactory(title="Juodraštis", status=EventStatus.DRAFT, lags=[lag])
    EventFactory(title="Uždaras", visibility=Visibility.INVITED, lags=[lag])
    cancelled = EventFactory(title="Atšaukti", status=EventStatus.CANCELLED, lags=[lag])
    everything = parse(client.get("/lt/events/calendar.ics"))
    titles = sorted(str(e["SUMMARY"]) for e in everything.walk("VEVENT"))
    assert titles == ["Atšaukti", "Kitų mokymai", "Mūsų mokymai"]
    one_lag = parse(client.get(f"/lt/events/calendar.ics?lag={lag.slug}"))
    statuses = {str(e["UID"]): str(e["STATUS"]) for e in one_lag.walk("VEVENT")}
    assert set(statuses) == {
        f"{ours.slug}-{ours.starts_at.astimezone(timezone.get_current_timezone()):%Y%m%d}@kaimolink",
        f"{cancelled.slug}-{cancelled.starts_at.astimezone(timezone.get_current_timezone()):%Y%m%d}@kaimolink",
    }
    assert sorted(statuses.values()) == ["CANCELLED", "CONFIRMED"]


def test_calendar_for_unknown_lag_is_404(client):
    assert client.get("/lt/events/calendar.ics?lag=nera").status_code == 404


def test_draft_event_file_is_404(client):
    event = EventFactory(status=EventStatus.DRAFT)
    assert client.get(f"/lt/events/{event.slug}/event.ics").status_code == 404


def test_escaping_and_folding_rules():
    assert escape_text("a,b;c\\d\r\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "ž" * 100
    folded = fold(line).split("\r\n ")
    assert all(len(part.encode()) <= 75 for part in folded)
    assert all(len(part.encode()) <= 74 for part in folded[1:])
    assert "".join(folded) == line
