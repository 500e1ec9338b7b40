"""Figures of a series and of a LAG's period: hand-counted numbers and fixed query counts."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kaimolink.certificates.models import Certificate
from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.models import Attendance, EventSeries
from kaimolink.events.selectors import event_figures
from kaimolink.indicators.selectors import lag_figures, series_figures
from tests.events.factories import EventFactory, fill
from tests.factories import LagFactory

pytestmark = pytest.mark.django_db

T = datetime.time
MARCH = (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))


def day(month, d, start, end):
    return (datetime.date(2025, month, d), start, end)


def mark(registration, event_day, present=True):
    return Attendance.objects.create(registration=registration, day=event_day, present=present)


def certificate(registration, number, revoked=False):
    return Certificate.objects.create(
        number=number,
        kind=Certificate.Kind.ATTENDANCE,
        person=registration.person,
        event=registration.event,
        registration=registration,
        holder_name=str(registration.person),
        title=registration.event.title,
        hours=4,
        revoked_at=timezone.now() if revoked else None,
    )


@pytest.fixture
def world():
    lag_a, lag_b = LagFactory(), LagFactory()
    series = EventSeries.objects.create(title="11 mokymų kiekvienai VVG")
    # e1: LAG A, series, held, 8 hours over two equal days (4 + 4).
    e1 = EventFactory(
        lags=[lag_a],
        series=series,
        status=EventStatus.HELD,
        hours=8,
        days=[day(3, 10, T(9), T(13)), day(3, 11, T(9), T(13))],
    )
    d1, d2 = e1.days.order_by("date")
    r1, r2, r3 = fill(e1, 3)
    fill(e1, 1, RegistrationStatus.WAITING)
    (cancelled,) = fill(e1, 1, RegistrationStatus.CANCELLED)
    mark(r1, d1), mark(r1, d2)  # 8 hours
    mark(r2, d1)  # 4 hours
    mark(r3, d1, present=False)
    mark(cancelled, d1)  # a cancelled registration never counts
    certificate(r1, "KL-2025-000001")
    certificate(r2, "KL-2025-000002", revoked=True)
    # e2: joint (A and B), series, published, 6 hours on one day.
    e2 = EventFactory(lags=[lag_a, lag_b], series=series, hours=6, days=[day(3, 20, T(10), T(16))])
    q1, _q2 = fill(e2, 2)
    fill(e2, 2, RegistrationStatus.WAITING)
    mark(q1, e2.days.get())  # 6 hours
    # e3: LAG B only, in April, held, 3 hours.
    e3 = EventFactory(
        lags=[lag_b], status=EventStatus.HELD, hours=3, days=[day(4, 2, T(10), T(13))]
    )
    (s1,) = fill(e3, 1)
    mark(s1, e3.days.get())  # 3 hours
    # e4: LAG A, cancelled, starts 1 March 00:30 in Vilnius (still 28 February in UTC).
    EventFactory(
        lags=[lag_a], status=EventStatus.CANCELLED, hours=2, days=[day(3, 1, T(0, 30), T(2, 30))]
    )
    # e5: LAG A, series, starts 28 February 23:00 in Vilnius: before March.
    e5 = EventFactory(lags=[lag_a], series=series, hours=1, days=[day(2, 28, T(23), T(23, 30))])
    fill(e5, 1)
    return {"lag_a": lag_a, "lag_b": lag_b, "series": series, "events": [e1, e2, e3, e5]}


def as_dict(figures):
    return {name: getattr(figures, name) for name in figures.__dataclass_fields__}


def test_lag_figures_of_a_month_count_its_events_with_the_joint_one(world):
    assert as_dict(lag_figures(lag=world["lag_a"], start=MARCH[0], end=MARCH[1])) == {
        "events": 3,  # e1, e2, e4
        "events_held": 2,  # e1 marked held, e2 published and over; e4 cancelled
        "hours_planned": Decimal("16.0"),  # 8 + 6 + 2
        "registered": 8,  # 3 + 1 waiting on e1, 2 + 2 on e2
        "confirmed": 5,
        "waiting": 3,
        "attended": 3,  # r1, r2, q1
        "person_hours_attended": Decimal("18.0"),  # 8 + 4 + 6
        "certificates": 1,  # r2's is revoked
    }


def test_lag_figures_count_a_joint_event_for_each_of_its_lags(world):
    assert as_dict(lag_figures(lag=world["lag_b"], start=MARCH[0], end=MARCH[1])) == {
        "events": 1,  # e2 (e3 is in April)
        "events_held": 1,  # e2: published and over
        "hours_planned": Decimal("6.0"),
        "registered": 4,
        "confirmed": 2,
        "waiting": 2,
        "attended": 1,
        "person_hours_attended": Decimal("6.0"),
        "certificates": 0,
    }
    spring = lag_figures(
        lag=world["lag_b"], start=datetime.date(2025, 3, 1), end=datetime.date(2025, 4, 2)
    )
    assert (spring.events, spring.events_held, spring.hours_planned) == (2, 2, Decimal("9.0"))
    assert (spring.registered, spring.attended, spring.person_hours_attended) == (
        5,
        2,
        Decimal("9.0"),
    )


def test_lag_figures_period_uses_vilnius_dates_of_the_first_day(world):
    february = lag_figures(
        lag=world["lag_a"], start=datetime.date(2025, 2, 1), end=datetime.date(2025, 2, 28)
    )
    assert (february.events, february.confirmed, february.hours_planned) == (
        1,
        1,
        Decimal("1.0"),
    )  # e5 only: e4 starts 1 March locally
    one_day = lag_figures(
        lag=world["lag_a"], start=datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 1)
    )
    assert one_day.events == 1  # e4
    # e1 starts on 10 March and counts whole although its second day is the 11th.
    tenth = lag_figures(
        lag=world["lag_a"], start=datetime.date(2025, 3, 10), end=datetime.date(2025, 3, 10)
    )
    assert (tenth.events, tenth.attended, tenth.person_hours_attended) == (1, 2, Decimal("12.0"))


def test_lag_figures_of_an_empty_period_are_zero(world):
    empty = lag_figures(
        lag=world["lag_a"], start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31)
    )
    assert as_dict(empty) == {
        "events": 0,
        "events_held": 0,
        "hours_planned": Decimal("0.0"),
        "registered": 0,
        "confirmed": 0,
        "waiting": 0,
        "attended": 0,
        "person_hours_attended": Decimal("0.0"),
        "certificates": 0,
    }


def test_series_figures_sum_the_series_events(world):
    assert as_dict(series_figures(series=world["series"])) == {
        "events": 3,  # e1, e2, e5
        "events_held": 3,  # e1 marked held; e2 and e5 published and over
        "hours_planned": Decimal("15.0"),  # 8 + 6 + 1
        "registered": 9,
        "confirmed": 6,
        "waiting": 3,
        "attended": 3,
        "person_hours_attended": Decimal("18.0"),
        "certificates": 1,
    }


def test_series_person_hours_are_the_sum_of_event_figures(world):
    series_events = [e for e in world["events"] if e.series_id == world["series"].pk]
    expected = sum((event_figures(event=e).hours_attended for e in series_events), Decimal(0))
    assert series_figures(series=world["series"]).person_hours_attended == expected


def test_series_figures_of_an_empty_series_are_zero():
    series = EventSeries.objects.create(title="Tuščia")
    figures = series_figures(series=series)
    assert (figures.events, figures.registered, figures.certificates) == (0, 0, 0)
    assert figures.person_hours_attended == Decimal("0.0")


def make_events(lag, series, n):
    for i in range(n):
        event = EventFactory(
            lags=[lag],
            series=series,
            status=EventStatus.HELD,
            days=[day(5, 1 + i, T(9), T(13)), day(5, 15 + i, T(9), T(13))],
        )
        registration, _ = fill(event, 2)
        fill(event, 1, RegistrationStatus.WAITING)
        mark(registration, event.days.order_by("date").first())
        certificate(registration, f"KL-2025-{i + 100:06d}")


@pytest.mark.parametrize("n", [1, 10])
def test_figures_take_the_same_few_queries_for_one_or_ten_events(n):
    lag = LagFactory()
    series = EventSeries.objects.create(title="Programa")
    make_events(lag, series, n)
    may = (datetime.date(2025, 5, 1), datetime.date(2025, 5, 31))
    with CaptureQueriesContext(connection) as by_lag:
        figures = lag_figures(lag=lag, start=may[0], end=may[1])
    assert (figures.events, figures.registered, figures.attended) == (n, 3 * n, n)
    assert figures.person_hours_attended == Decimal(4 * n)  # half of 8 hours each
    assert figures.certificates == n
    with CaptureQueriesContext(connection) as by_series:
        figures = series_figures(series=series)
    assert (figures.events, figures.confirmed, figures.waiting) == (n, 2 * n, n)
    assert len(by_lag) == len(by_series) == 5
