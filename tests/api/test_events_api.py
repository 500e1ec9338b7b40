"""The public events API: /api/v1/events and /api/v1/events/{slug}."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaimolink.core.models import Theme
from kaimolink.events.enums import EventKind, EventStatus, RegistrationStatus, Visibility
from kaimolink.events.models import EventSeries
from tests.api.helpers import BAD_PAGING, get_json
from tests.events.factories import EventFactory, fill
from tests.factories import LagFactory, SettlementFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/events"
T = datetime.time
D = datetime.date


def detail_url(slug: str) -> str:
    return f"/api/v1/events/{slug}"


def titles(body) -> list[str]:
    return [item["title"] for item in body["items"]]


@pytest.fixture
def events():
    """Three visible events that differ in every filter, and two that must stay hidden.

    Antras: a joint conference of lag-a and lag-b, 5–6 February 2026, held.
    Pirmas: a lag-a training on 10 March 2026 in series "a", topic management.
    Trečias: a cancelled lag-b workshop on 1 April 2026, no series.
    """
    lag_a, lag_b = LagFactory(slug="lag-a"), LagFactory(slug="lag-b")
    series_a = EventSeries.objects.create(title="Mokymų ciklas A")
    series_b = EventSeries.objects.create(title="Bendri renginiai")
    management = Theme.objects.get(slug="management")
    marketing = Theme.objects.get(slug="marketing")
    # Created out of date order, so the ordering by start is shown, not the insertion order.
    first = EventFactory(
        title="Pirmas", kind=EventKind.TRAINING, lags=[lag_a], series=series_a,
        theme=management, days=[(D(2026, 3, 10), T(9), T(17))],
    )  # fmt: skip
    third = EventFactory(
        title="Trečias", kind=EventKind.WORKSHOP, lags=[lag_b], status=EventStatus.CANCELLED,
        days=[(D(2026, 4, 1), T(10), T(16))],
    )  # fmt: skip
    second = EventFactory(
        title="Antras", kind=EventKind.CONFERENCE, lags=[lag_a, lag_b], series=series_b,
        theme=marketing, status=EventStatus.HELD, capacity=60,
        days=[(D(2026, 2, 5), T(10), T(18)), (D(2026, 2, 6), T(9), T(13))],
    )  # fmt: skip
    EventFactory(
        title="Juodraštis", lags=[lag_a], series=series_a, status=EventStatus.DRAFT,
        days=[(D(2026, 3, 11), T(9), T(17))],
    )  # fmt: skip
    EventFactory(
        title="Tik pakviestiems", kind=EventKind.MEETING, lags=[lag_a, lag_b],
        visibility=Visibility.INVITED, status=EventStatus.HELD,
        days=[(D(2026, 2, 8), T(10), T(14))],
    )  # fmt: skip
    return {"first": first, "second": second, "third": third, "a": series_a, "b": series_b}


ALL = ["Antras", "Pirmas", "Trečias"]


# --- /events: the shape of an item ------------------------------------------------------


def test_events_list_item_has_public_fields(client):
    lag = LagFactory(slug="kedainiai")
    series = EventSeries.objects.create(title="Sumanaus kaimo link")
    event = EventFactory(
        title="Rinkodaros pagrindai", lags=[lag], series=series, hours=8, capacity=15,
        theme=Theme.objects.get(slug="marketing"),
        days=[(D(2026, 1, 20), T(9), T(17))],
    )  # fmt: skip

    response, body = get_json(client, LIST_URL, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert body["count"] == 1
    assert body["items"] == [
        {
            "slug": event.slug,
            "title": "Rinkodaros pagrindai",
            "kind": "training",
            "kind_label": "Training",
            "status": "published",
            "lags": ["kedainiai"],
            "series": series.pk,
            "theme": "marketing",
            # Local time of the platform (Europe/Vilnius, UTC+2 in winter).
            "start": "2026-01-20T09:00:00+02:00",
            "end": "2026-01-20T17:00:00+02:00",
            "hours": 8.0,
            "capacity": 15,
            "confirmed": 0,
            "waiting": 0,
            "places_left": 15,
            "url": event.get_absolute_url(),
        }
    ]
    assert body["items"][0]["url"].endswith(f"/events/{event.slug}/")


def test_events_list_summer_time_has_its_offset(client):
    EventFactory(days=[(D(2026, 7, 1), T(10), T(16))])

    _, body = get_json(client, LIST_URL)

    assert body["items"][0]["start"] == "2026-07-01T10:00:00+03:00"


def test_events_list_counts_confirmed_and_waiting(client):
    event = EventFactory(capacity=2)
    fill(event, 2)
    fill(event, 3, RegistrationStatus.WAITING)
    fill(event, 4, RegistrationStatus.CANCELLED)
    other = EventFactory(capacity=15)
    fill(other, 1)

    _, body = get_json(client, LIST_URL)

    counts = {i["slug"]: (i["confirmed"], i["waiting"], i["places_left"]) for i in body["items"]}
    assert counts == {event.slug: (2, 3, 0), other.slug: (1, 0, 14)}


def test_events_list_hides_drafts_and_invited_events(client, events):
    response, body = get_json(client, LIST_URL, {"limit": 100})

    assert response.status_code == 200
    assert titles(body) == ALL
    assert body["count"] == 3
    statuses = {i["title"]: i["status"] for i in body["items"]}
    assert statuses == {"Antras": "held", "Pirmas": "published", "Trečias": "cancelled"}


def test_events_list_is_ordered_by_start(client):
    for day in (12, 3, 25, 3):
        EventFactory(title=f"Renginys {day}", days=[(D(2026, 5, day), T(9 + day % 5), T(17))])
    EventFactory(title="Be programos", days=[])  # no days yet: last

    _, body = get_json(client, LIST_URL)

    starts = [i["start"] for i in body["items"]]
    assert starts[:-1] == sorted(starts[:-1])
    assert titles(body)[-1] == "Be programos"
    assert body["items"][-1]["start"] is None


# --- /events: each filter, valid -------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL),
        ({"lag": "lag-a"}, ["Antras", "Pirmas"]),
        ({"lag": "lag-b"}, ["Antras", "Trečias"]),
        ({"kind": "training"}, ["Pirmas"]),
        ({"kind": "conference"}, ["Antras"]),
        ({"kind": "workshop"}, ["Trečias"]),
        ({"kind": "meeting"}, []),  # the invited meeting stays hidden
        ({"kind": "info"}, []),
        ({"kind": "final"}, []),
        ({"kind": "other"}, []),
        ({"series": "a"}, ["Pirmas"]),  # the draft of series "a" stays hidden
        ({"series": "b"}, ["Antras"]),
        ({"theme": "management"}, ["Pirmas"]),
        ({"theme": "marketing"}, ["Antras"]),
        ({"theme": "local-identity"}, []),
        # `from`: events still on that day; Antras ends on 6 February.
        ({"from": "2026-02-06"}, ALL),
        ({"from": "2026-02-07"}, ["Pirmas", "Trečias"]),
        ({"from": "2026-04-02"}, []),
        # `to`: events starting on or before that day.
        ({"to": "2026-02-05"}, ["Antras"]),
        ({"to": "2026-02-04"}, []),
        ({"to": "2026-04-01"}, ALL),
        ({"from": "2026-03-10", "to": "2026-03-10"}, ["Pirmas"]),
        ({"from": "2026-02-06", "to": "2026-03-09"}, ["Antras"]),
        ({"lag": "lag-b", "kind": "training"}, []),
        ({"lag": "lag-a", "from": "2026-03-01", "kind": "training"}, ["Pirmas"]),
        # Empty values mean "no filter", as the web list's form sends them.
        ({"lag": "", "kind": "", "series": "", "theme": "", "from": "", "to": ""}, ALL),
    ],
)
def test_events_list_filter_valid(client, events, params, expected):
    if params.get("series"):
        params = {**params, "series": str(events[params["series"]].pk)}

    response, body = get_json(client, LIST_URL, params)

    assert response.status_code == 200, body
    assert titles(body) == expected
    assert body["count"] == len(expected)


def test_events_list_limit_and_offset_page_through(client, events):
    _, first = get_json(client, LIST_URL, {"limit": 2})
    _, second = get_json(client, LIST_URL, {"limit": 2, "offset": 2})
    _, past_end = get_json(client, LIST_URL, {"limit": 2, "offset": 100000})

    assert titles(first) == ALL[:2]
    assert titles(second) == ALL[2:]
    assert titles(past_end) == []
    assert first["count"] == second["count"] == past_end["count"] == 3


def test_events_list_default_limit_is_20(client):
    lag = LagFactory()
    for _ in range(21):
        EventFactory(lags=[lag])

    _, body = get_json(client, LIST_URL)

    assert body["count"] == 21
    assert len(body["items"]) == 20


@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (100, 0), (1, 100000)])
def test_events_list_limit_and_offset_bounds_are_allowed(client, events, limit, offset):
    response, _ = get_json(client, LIST_URL, {"limit": limit, "offset": offset})

    assert response.status_code == 200


# --- /events: each parameter, invalid ----------------------------------------------------


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"lag": "no-such-lag"}, "lag"),
        ({"lag": "lag-a\x00"}, "lag"),
        ({"kind": "dragon"}, "kind"),
        ({"kind": "TRAINING"}, "kind"),
        ({"kind": "\x00"}, "kind"),
        ({"series": "abc"}, "series"),
        ({"series": "999999"}, "series"),
        ({"series": "1.5"}, "series"),
        ({"series": "-1"}, "series"),
        ({"series": "99999999999999999999999999"}, "series"),
        ({"series": "\x00"}, "series"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"theme": "\x00"}, "theme"),
        ({"from": "2026-13-01"}, "from"),
        ({"from": "2026-02-30"}, "from"),
        ({"from": "01/02/2026"}, "from"),
        ({"from": "2026-05-01T10:00"}, "from"),
        ({"from": "yesterday"}, "from"),
        ({"from": "1999-12-31"}, "from"),
        ({"from": "\x00"}, "from"),
        ({"to": "9999-12-31"}, "to"),
        ({"to": "2026-00-10"}, "to"),
        ({"to": "abc\x00"}, "to"),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "to"),
        *BAD_PAGING,
    ],
)
def test_events_list_invalid_parameter_is_422_naming_it(client, events, params, parameter):
    response, body = get_json(client, LIST_URL, params)

    assert response.status_code == 422
    errors = body["detail"]
    assert [e["loc"] for e in errors] == [["query", parameter]]
    assert errors[0]["msg"].strip()


def test_events_list_to_before_from_says_why(client, events):
    _, body = get_json(
        client, LIST_URL, {"from": "2026-03-02", "to": "2026-03-01"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert body["detail"][0]["msg"] == "The end date is before the start date."


def test_events_list_reports_every_invalid_parameter(client, events):
    _, body = get_json(client, LIST_URL, {"lag": "nope", "kind": "nope", "from": "nope"})

    assert sorted(e["loc"][1] for e in body["detail"]) == ["from", "kind", "lag"]


def test_events_list_error_reason_follows_language(client, events):
    _, body = get_json(client, LIST_URL, {"kind": "dragon"}, HTTP_ACCEPT_LANGUAGE="en")

    assert "dragon" in body["detail"][0]["msg"]
    assert "valid choice" in body["detail"][0]["msg"]


# --- /events: queries --------------------------------------------------------------------


def _count_list_queries(client) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LIST_URL, {"limit": 100})
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()


def test_events_list_query_count_is_constant(client):
    theme = Theme.objects.get(slug="marketing")
    EventFactory(lags=[LagFactory(), LagFactory()], theme=theme)
    one_count, one = _count_list_queries(client)

    # 29 more, each with its own two LAGs, a settlement and registrations of both kinds.
    for _ in range(29):
        event = EventFactory(lags=[LagFactory(), LagFactory()], theme=theme, capacity=1)
        fill(event, 1)
        fill(event, 1, RegistrationStatus.WAITING)
    many_count, many = _count_list_queries(client)

    assert len(one["items"]) == 1
    assert len(many["items"]) == 30
    assert all(len(item["lags"]) == 2 and item["theme"] == "marketing" for item in many["items"])
    assert sum(item["waiting"] for item in many["items"]) == 29
    assert many_count == one_count
    # count, page of events with counts and theme, LAGs prefetched.
    assert one_count == 3


# --- /events/{slug} ----------------------------------------------------------------------


def test_events_detail_shows_days_venue_and_description(client):
    lag = LagFactory(slug="dzukija")
    trainer = UserFactory(full_name="Giedrius Urbonas", email="lektorius@example.lt")
    series = EventSeries.objects.create(title="Sumanaus kaimo link – Dzūkijos VVG")
    event = EventFactory(
        title="Kūrybinės dirbtuvės", kind=EventKind.WORKSHOP, lags=[lag], series=series,
        description="Verslo drobė ir jėgų lauko diagrama.", capacity=30, hours=16,
        settlement=SettlementFactory(name="Lazdijai", lat=54.23, lon=23.52),
        address="Kultūros centras, Vilniaus g. 1", trainer=trainer,
        days=[(D(2026, 9, 10), T(9), T(17)), (D(2026, 9, 11), T(9), T(15))],
    )  # fmt: skip
    fill(event, 3)
    event.days.filter(date=D(2026, 9, 10)).update(programme="Verslo drobė")

    response, body = get_json(client, detail_url(event.slug), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert body["slug"] == event.slug
    assert body["title"] == "Kūrybinės dirbtuvės"
    assert body["kind"] == "workshop"
    assert body["lags"] == ["dzukija"]
    assert body["description"] == "Verslo drobė ir jėgų lauko diagrama."
    assert body["hours"] == 16.0
    assert (body["capacity"], body["confirmed"], body["waiting"]) == (30, 3, 0)
    assert body["series"] == series.pk
    assert body["series_title"] == "Sumanaus kaimo link – Dzūkijos VVG"
    assert body["trainer"] == "Giedrius Urbonas"
    assert body["venue"] == {
        "settlement": "Lazdijai", "address": "Kultūros centras, Vilniaus g. 1",
        "lat": 54.23, "lon": 23.52, "online_url": "",
    }  # fmt: skip
    assert body["days"] == [
        {
            "date": "2026-09-10", "start": "2026-09-10T09:00:00+03:00",
            "end": "2026-09-10T17:00:00+03:00", "programme": "Verslo drobė",
        },
        {
            "date": "2026-09-11", "start": "2026-09-11T09:00:00+03:00",
            "end": "2026-09-11T15:00:00+03:00", "programme": "",
        },
    ]  # fmt: skip
    assert body["start"] == "2026-09-10T09:00:00+03:00"
    assert body["end"] == "2026-09-11T15:00:00+03:00"
    assert body["url"] == event.get_absolute_url()
    # The trainer's name is public (as on the event page); the e-mail address is not.
    assert "lektorius@example.lt" not in response.content.decode()


def test_events_detail_registration_window(client):
    upcoming = EventFactory()  # published, a week ahead
    held = EventFactory(status=EventStatus.HELD, days=[(D(2023, 3, 1), T(9), T(17))])

    _, open_body = get_json(client, detail_url(upcoming.slug))
    _, held_body = get_json(client, detail_url(held.slug))

    assert open_body["registration_open"] is True
    assert open_body["registration_opens"] is None
    assert open_body["registration_closes"] == open_body["start"]
    assert held_body["registration_open"] is False


def test_events_detail_cancelled_event_is_shown(client):
    event = EventFactory(status=EventStatus.CANCELLED)

    response, body = get_json(client, detail_url(event.slug))

    assert response.status_code == 200
    assert body["status"] == "cancelled"
    assert body["registration_open"] is False


@pytest.mark.parametrize(
    "changes",
    [{"status": EventStatus.DRAFT}, {"visibility": Visibility.INVITED, "status": EventStatus.HELD}],
)
def test_events_detail_draft_or_invited_is_404(client, changes):
    event = EventFactory(title="Slaptas renginys", **changes)

    response, body = get_json(client, detail_url(event.slug))

    assert response.status_code == 404
    assert body["detail"]
    assert "Slaptas" not in response.content.decode()


@pytest.mark.parametrize(
    "slug", ["no-such-event", "x" * 300, quote("šventė"), "%00", "a%20b", "calendar"]
)
def test_events_detail_unknown_is_404(client, slug):
    EventFactory()

    response, body = get_json(client, detail_url(slug))

    assert response.status_code == 404
    assert body["detail"]


def test_events_detail_query_count(client):
    event = EventFactory(lags=[LagFactory(), LagFactory()])

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(detail_url(event.slug))

    assert response.status_code == 200
    # event with counts and its joins, LAGs, days.
    assert len(ctx.captured_queries) == 3


# --- OpenAPI -------------------------------------------------------------------------------


def test_openapi_lists_the_event_paths_and_parameters(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert {"/api/v1/events", "/api/v1/events/{slug}"} <= set(schema["paths"])
    operation = schema["paths"]["/api/v1/events"]["get"]
    params = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
    assert set(params) == {"lag", "kind", "series", "theme", "from", "to", "limit", "offset"}
    assert params["kind"]["schema"]["enum"] == ["", *EventKind.values]
    # A day or empty ("no limit"): a "date" format would refuse the empty value it takes.
    assert re.fullmatch(params["from"]["schema"]["pattern"], "2026-05-01")
    assert re.fullmatch(params["from"]["schema"]["pattern"], "")
    assert not re.fullmatch(params["from"]["schema"]["pattern"], "1.5.2026")


# --- Fuzzing: no input is a 500 ------------------------------------------------------------

PARAMETERS = ["lag", "kind", "series", "theme", "from", "to", "limit", "offset"]
VALID = {
    "lag": ["lag-a", ""], "kind": EventKind.values, "series": ["1", ""],
    "theme": ["management"], "from": ["2026-02-06", "2000-01-01"],
    "to": ["2026-03-10", "2100-12-31"], "limit": ["1", "100"], "offset": ["0", "1"],
}  # fmt: skip


def _value(name):
    return st.one_of(
        st.text(max_size=300),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.dates().map(str),
        st.sampled_from(VALID[name]),
    )


query_params = st.fixed_dictionaries({}, optional={name: _value(name) for name in PARAMETERS})


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=query_params)
def test_events_list_never_500(client, events, params):
    response = client.get(LIST_URL, params)

    assert response.status_code in (200, 422), (params, response.content[:300])
    body = response.json()
    if response.status_code == 422:
        assert all(e["loc"][1] in params for e in body["detail"])
    else:
        assert body["count"] >= len(body["items"])
        assert set(titles(body)) <= set(ALL)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(slug=st.one_of(st.text(min_size=1, max_size=300), st.sampled_from(["pirmas", "antras"])))
def test_events_detail_never_500(client, events, slug):
    response = client.get(detail_url(quote(slug, safe="")))

    assert response.status_code in (200, 404), (slug, response.content[:300])
