"""The LAG report and the project report: figures counted by hand, fixed query counts."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kaimolink.actors.enums import ActorStatus, ActorType
from kaimolink.actors.models import Actor
from kaimolink.consultations.models import Question
from kaimolink.events.enums import EventKind, EventStatus, RegistrationStatus
from kaimolink.indicators.reports import lag_report, project_report, share
from kaimolink.partnerships.enums import PostKind, PostStatus
from kaimolink.partnerships.models import PartnershipPost
from tests.consultations.factories import (
    AnswerFactory,
    BookingFactory,
    QuestionFactory,
    SlotFactory,
)
from tests.events.factories import EventFactory, fill
from tests.factories import ActorFactory, LagFactory
from tests.indicators.test_figures import certificate, mark
from tests.partnerships.factories import PostFactory
from tests.projects.factories import ProjectFactory, add_indicator, add_partner

pytestmark = pytest.mark.django_db

T = datetime.time
VILNIUS = timezone.get_default_timezone()
YEAR = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def at(month, d, hour=12, year=2025):
    return datetime.datetime(year, month, d, hour, tzinfo=VILNIUS)


def day(month, d, start, end, year=2025):
    return (datetime.date(year, month, d), start, end)


def actor(lag, actor_type, published_at, status=ActorStatus.PUBLISHED):
    made = ActorFactory(lag=lag, actor_type=actor_type, status=status)
    Actor.objects.filter(pk=made.pk).update(published_at=published_at)
    return made


def created(obj, moment):
    type(obj).objects.filter(pk=obj.pk).update(created_at=moment)


@pytest.fixture
def world():
    """LAG A in 2025: two trainings (one held), one conference; actors, posts, questions and
    consultations in and out of the year. LAG B has the same kinds of things, not counted."""
    lag_a, lag_b = LagFactory(name="Kėdainių rajono VVG"), LagFactory()
    held = EventFactory(
        lags=[lag_a],
        status=EventStatus.HELD,
        hours=8,
        days=[day(3, 10, T(9), T(13)), day(3, 11, T(9), T(13))],
    )
    d1, d2 = held.days.order_by("date")
    r1, r2, r3 = fill(held, 3)
    fill(held, 1, RegistrationStatus.WAITING)
    mark(r1, d1), mark(r1, d2)  # 8 hours
    mark(r2, d1)  # 4 hours
    mark(r3, d1, present=False)
    certificate(r1, "KL-2025-000001")
    # A joint training with LAG B, published, 6 hours, nobody marked yet: counts for both.
    joint = EventFactory(lags=[lag_a, lag_b], hours=6, days=[day(6, 2, T(10), T(16))])
    fill(joint, 2)
    conference = EventFactory(
        lags=[lag_a],
        kind=EventKind.CONFERENCE,
        status=EventStatus.HELD,
        hours=Decimal("7.5"),
        days=[day(11, 20, T(9), T(17))],
    )
    (c1,) = fill(conference, 1)
    mark(c1, conference.days.get())  # 7.5 hours
    # Not in the period, or not LAG A's.
    EventFactory(lags=[lag_a], days=[day(1, 5, T(10), T(12), year=2026)])
    EventFactory(lags=[lag_b], days=[day(5, 5, T(10), T(12))])

    # Actors: two community organisations (one new in 2025), a farmer new in 2025; a
    # pending one, one published only in 2026 and one of LAG B are not counted.
    a1 = actor(lag_a, ActorType.COMMUNITY_ORGANISATION, at(5, 4, year=2024))
    actor(lag_a, ActorType.COMMUNITY_ORGANISATION, at(2, 1))
    actor(lag_a, ActorType.FARMER, at(12, 31, 23))
    actor(lag_a, ActorType.FARMER, None, status=ActorStatus.PENDING)
    actor(lag_a, ActorType.SME, at(1, 1, 0, year=2026))
    b1 = actor(lag_b, ActorType.FARMER, at(3, 3))

    # Posts: an offer and a request in 2025; a hidden one, a 2024 one and LAG B's not.
    for kind, status, moment, who in (
        (PostKind.OFFER, PostStatus.OPEN, at(4, 1), a1),
        (PostKind.REQUEST, PostStatus.CLOSED, at(8, 1), a1),
        (PostKind.REQUEST, PostStatus.HIDDEN, at(8, 2), a1),
        (PostKind.OFFER, PostStatus.OPEN, at(12, 31, year=2024), a1),
        (PostKind.OFFER, PostStatus.OPEN, at(4, 1), b1),
    ):
        created(PostFactory(actor=who, kind=kind, status=status), moment)

    # Questions: two in 2025 for A's actor (one answered, twice), one in 2024, one of B.
    answered = QuestionFactory(actor=a1)
    AnswerFactory.create_batch(2, question=answered)
    for question, moment in (
        (answered, at(3, 1)),
        (QuestionFactory(actor=a1), at(9, 9)),
        (QuestionFactory(actor=a1), at(12, 1, year=2024)),
        (QuestionFactory(actor=b1), at(3, 1)),
        (QuestionFactory(actor=None), at(3, 1)),
    ):
        created(question, moment)

    # Consultations: one held in 2025; a cancelled one and B's not counted.
    def booking(who, moment, **kw):
        slot = SlotFactory(starts_at=moment, ends_at=moment + datetime.timedelta(hours=1))
        return BookingFactory(slot=slot, actor=who, **kw)

    booking(a1, at(10, 10))
    booking(a1, at(10, 11), cancelled_at=timezone.now())
    booking(b1, at(10, 12))
    return {"a": lag_a, "b": lag_b}


def _row(report, label):
    return next(row for row in report.events if row.label == label)


def test_lag_report_events_by_kind_counted_by_hand(world):
    report = lag_report(lag=world["a"], start=YEAR[0], end=YEAR[1])
    assert [row.kind for row in report.events] == [EventKind.TRAINING, EventKind.CONFERENCE]
    training = _row(report, "Mokymai").figures
    assert (training.events, training.events_held) == (2, 2)  # the joint one is over
    assert training.hours_planned == Decimal("14.0")
    assert (training.registered, training.attended) == (4 + 2, 2)
    assert training.person_hours_attended == Decimal("12.0")
    assert training.certificates == 1
    conference = report.events[1].figures
    assert (conference.events, conference.events_held, conference.attended) == (1, 1, 1)
    assert conference.person_hours_attended == Decimal("7.5")
    total = report.events_total
    assert (total.events, total.registered, total.attended, total.certificates) == (3, 7, 3, 1)
    assert total.person_hours_attended == Decimal("19.5")
    assert total.hours_planned == Decimal("21.5")


def test_lag_report_actors_posts_and_consultations_counted_by_hand(world):
    report = lag_report(lag=world["a"], start=YEAR[0], end=YEAR[1])
    counts = {row.actor_type: (row.in_database, row.new) for row in report.actors}
    assert counts == {ActorType.COMMUNITY_ORGANISATION: (2, 1), ActorType.FARMER: (1, 1)}
    c = report.cooperation
    assert (c.offers, c.requests) == (1, 1)
    assert (c.questions, c.answered) == (2, 1)
    assert c.consultations == 1


def test_lag_report_a_joint_event_counts_for_each_lag(world):
    report = lag_report(lag=world["b"], start=YEAR[0], end=YEAR[1])
    assert report.events_total.events == 2
    assert report.events_total.registered == 2  # the joint training's two


def test_lag_report_period_edges_are_vilnius_days(world):
    """The farmer published on 31 December 23:00 in Vilnius (21:00 UTC) is in 2025; the
    SME published at 00:00 on 1 January 2026 is not."""
    report = lag_report(lag=world["a"], start=YEAR[0], end=YEAR[1])
    assert ActorType.SME not in {row.actor_type for row in report.actors}
    report_2026 = lag_report(
        lag=world["a"], start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 31)
    )
    assert {row.actor_type: row.new for row in report_2026.actors}[ActorType.SME] == 1
    assert report_2026.events_total.events == 1


def test_lag_report_empty_period_has_zeros(world):
    report = lag_report(
        lag=world["a"], start=datetime.date(2000, 1, 1), end=datetime.date(2000, 12, 31)
    )
    assert report.events == [] and report.actors == []
    assert report.events_total.events == 0
    assert report.cooperation.questions == 0
    tables = {table.key: table for table in report.tables()}
    assert tables["events"].rows == []
    assert [cell.value for cell in tables["events"].total[1:]] == [0, 0, 0, 0, 0, 0, 0]


def test_lag_report_tables_hold_the_figures(world):
    report = lag_report(lag=world["a"], start=YEAR[0], end=YEAR[1])
    events = report.tables()[0]
    assert events.rows[0][0].text == "Mokymai"
    assert [cell.value for cell in events.rows[0][1:]] == [
        2, 2, Decimal("14.0"), 6, 2, Decimal("12.0"), 1,
    ]  # fmt: skip
    assert events.rows[0][6].display == "12"
    assert events.total[6].display == "19,5"


def _queries(lag):
    with CaptureQueriesContext(connection) as ctx:
        lag_report(lag=lag, start=YEAR[0], end=YEAR[1])
    return len(ctx.captured_queries)


def test_lag_report_queries_do_not_grow_with_the_records(world):
    lag = world["a"]
    few = _queries(lag)
    for kind in (EventKind.WORKSHOP, EventKind.MEETING, EventKind.TRAINING):
        event = EventFactory(
            lags=[lag], kind=kind, status=EventStatus.HELD, days=[day(7, 1, T(9), T(17))]
        )
        for registration in fill(event, 3):
            mark(registration, event.days.get())
        certificate(registration, f"KL-2025-{event.pk:06d}")
    for actor_type in ActorType.values:
        actor(lag, actor_type, at(6, 1))
    assert _queries(lag) == few == 9


# --- Project report --------------------------------------------------------------------


def test_project_report_rows_and_share():
    project = ProjectFactory(title="Sumanaus kaimo link")
    add_partner(project, lag=LagFactory(name="Dzūkijos VVG"))
    add_indicator(project, "R1", target="33", unit="training", achieved=Decimal("12"))
    add_indicator(project, "R2", target="120", unit="actor")
    report = project_report(project=project)
    (table,) = report.tables()
    assert [row[0].text for row in table.rows] == ["R1", "R2"]
    assert [cell.value for cell in table.rows[0][2:5]] == [Decimal("33"), Decimal("12"), 36]
    assert table.rows[1][3].display == "—" and table.rows[1][4].value is None
    assert table.rows[0][2].display == "33\u00a0mokymai"
    assert ("VVG", "Dzūkijos VVG") in report.facts()
    assert report.charts and "<title" in report.charts[0].svg


@pytest.mark.parametrize(
    ("achieved", "target", "expected"),
    [(None, 10, None), (5, 0, None), (1, 3, 33), (2, 3, 67), (150, 100, 150)],
)
def test_share_is_a_rounded_percentage(achieved, target, expected):
    assert share(achieved, target) == expected


def test_question_without_actor_counts_for_no_lag(world):
    assert Question.objects.filter(actor__isnull=True).count() == 1
    report = lag_report(lag=world["b"], start=YEAR[0], end=YEAR[1])
    assert report.cooperation.questions == 1
    assert PartnershipPost.objects.filter(actor__lag=world["b"]).count() == 1
