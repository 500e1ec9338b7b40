"""Each measure against a hand-built set of records with a known answer.

The world: a project led by LAG A with LAG B as partner; LAG C is not in it. Every event
below is in 2024 unless said otherwise, and the rules count 2024. Records that must not
count are built beside those that must: a cancelled event with attendance marked, a draft,
an event of LAG C, an event of 2023, a coming event, a cancelled registration marked
present, a revoked certificate, homework sent back, an unpublished actor, a hidden post, a
question without an answer, a cancelled and a coming consultation.

Runs on SQLite and, with DATABASE_URL, on PostgreSQL (the hours are computed in SQL).
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kaimolink.actors.enums import ActorStatus, ActorType
from kaimolink.certificates.models import Certificate
from kaimolink.events.enums import EventKind, EventStatus, RegistrationStatus
from kaimolink.events.models import Attendance, EventSeries
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.indicators.measures import MEASURES, indicator_records, project_indicator_rows
from kaimolink.indicators.models import IndicatorRule, Scope
from kaimolink.partnerships.enums import PostStatus
from kaimolink.projects.enums import PartnerRole
from tests.consultations.factories import (
    AnswerFactory,
    BookingFactory,
    QuestionFactory,
    SlotFactory,
)
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ActorFactory, LagFactory, UserFactory, theme
from tests.homework.factories import AssignmentFactory, SubmissionFactory
from tests.messaging.factories import actor_with_member, start
from tests.partnerships.factories import PostFactory
from tests.projects.factories import ProjectFactory, add_indicator, add_partner

pytestmark = pytest.mark.django_db

T = datetime.time
Y2024 = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def on(month, d, start, end, year=2024):
    return (datetime.date(year, month, d), start, end)


def present(registration, *days, mark=True):
    for each in days:
        Attendance.objects.create(registration=registration, day=each, present=mark)


def certificate(registration, number, revoked=False):
    return Certificate.objects.create(
        number=number, kind=Certificate.Kind.ATTENDANCE, person=registration.person,
        event=registration.event, registration=registration,
        holder_name=str(registration.person), title=registration.event.title, hours=8,
        revoked_at=timezone.now() if revoked else None,
    )  # fmt: skip


def event(lags, kind=EventKind.TRAINING, status=EventStatus.HELD, hours=8, days=None, **kw):
    return EventFactory(
        lags=lags, kind=kind, status=status, hours=hours,
        days=days or [on(3, 10, T(9), T(17))], **kw,
    )  # fmt: skip


@pytest.fixture
def world():
    lag_a, lag_b, lag_c = LagFactory(), LagFactory(), LagFactory()
    project = ProjectFactory()
    add_partner(project, lag=lag_a, role=PartnerRole.LEAD)
    add_partner(project, lag=lag_b)
    add_partner(project, name="Latvijos VVG", country="LV")
    series = EventSeries.objects.create(title="Mokymų ciklas")
    p1, p2, p3, p4, p5, p9 = (UserFactory(full_name=n) for n in "ABCDEF")

    # t1: training of A in the series, 8 hours over two equal days.
    t1 = event([lag_a], series=series, days=[on(3, 10, T(9), T(13)), on(3, 11, T(9), T(13))])
    d1, d2 = t1.days.order_by("date")
    r1, r2, r3 = (RegistrationFactory(event=t1, person=p) for p in (p1, p2, p3))
    cancelled = RegistrationFactory(event=t1, person=p4, status=RegistrationStatus.CANCELLED)
    present(r1, d1, d2)  # 8 h
    present(r2, d1)  # 4 h
    present(r3, d1, mark=False)
    present(cancelled, d1)  # a cancelled registration never counts
    certificate(r1, "KL-2024-000001")
    certificate(r2, "KL-2024-000002", revoked=True)
    assignment = AssignmentFactory(event=t1)
    SubmissionFactory(assignment=assignment, registration=r1, status=SubmissionStatus.ACCEPTED)
    SubmissionFactory(assignment=assignment, registration=r2, status=SubmissionStatus.REDO)

    # t2: joint training of A and B, published and over (not marked held), 6 hours.
    t2 = event([lag_a, lag_b], status=EventStatus.PUBLISHED, hours=6, days=[on(4, 5, T(10), T(16))])
    for person in (p1, p5):
        present(RegistrationFactory(event=t2, person=person), t2.days.get())

    # c1: conference of B, 8 hours: three present, one absent.
    c1 = event([lag_b], kind=EventKind.CONFERENCE, days=[on(5, 2, T(9), T(17))])
    for person in (p1, p2, p5):
        present(RegistrationFactory(event=c1, person=person), c1.days.get())
    present(RegistrationFactory(event=c1), c1.days.get(), mark=False)

    # w1: creative workshop of A, 16 hours over two days: two on both days, one on one.
    w1 = event([lag_a], kind=EventKind.WORKSHOP, hours=16,
               days=[on(6, 1, T(9), T(17)), on(6, 2, T(9), T(17))])  # fmt: skip
    w_d1, w_d2 = w1.days.order_by("date")
    for person in (p2, p5):
        present(RegistrationFactory(event=w1, person=person), w_d1, w_d2)
    present(RegistrationFactory(event=w1, person=p9), w_d1)

    # What must not count for the project in 2024:
    other = event([lag_c], days=[on(3, 12, T(9), T(17))])  # another LAG's training
    r_other = RegistrationFactory(event=other)
    present(r_other, other.days.get())
    certificate(r_other, "KL-2024-000003")
    gone = event([lag_a], status=EventStatus.CANCELLED, days=[on(3, 20, T(9), T(17))])
    present(RegistrationFactory(event=gone, person=p1), gone.days.get())
    event([lag_a], kind=EventKind.WORKSHOP, status=EventStatus.DRAFT, days=[on(7, 1, T(9), T(17))])
    old = event([lag_a], days=[on(12, 31, T(9), T(17), year=2023)])  # the year before
    present(RegistrationFactory(event=old, person=p1), old.days.get())
    soon = timezone.localdate() + datetime.timedelta(days=10)
    event([lag_a], status=EventStatus.PUBLISHED, days=[(soon, T(9), T(17))])  # coming

    # Actors: A has a farmer (theme) and a community, a draft; B one; C one.
    jobs = theme("rural-jobs")
    ActorFactory(lag=lag_a, actor_type=ActorType.FARMER, themes=[jobs])
    community_a = ActorFactory(lag=lag_a)
    ActorFactory(lag=lag_a, status=ActorStatus.DRAFT)
    community_b = ActorFactory(lag=lag_b)
    community_c = ActorFactory(lag=lag_c)

    PostFactory(actor=community_a, themes=[jobs])
    PostFactory(actor=community_a, status=PostStatus.HIDDEN)
    PostFactory(actor=community_c)

    sender, member = actor_with_member(lag=lag_a)
    start(sender, community_b, member)  # started by an actor of A
    sender_c, member_c = actor_with_member(lag=lag_c)
    start(sender_c, community_a, member_c)  # started by C's actor

    asked = QuestionFactory(actor=community_a)
    AnswerFactory(question=asked)
    AnswerFactory(question=asked)  # two answers, one question
    QuestionFactory(actor=community_a)  # no answer yet
    AnswerFactory(question=QuestionFactory(actor=community_c))

    past = timezone.now() - datetime.timedelta(days=3)
    BookingFactory(
        actor=community_a,
        slot=SlotFactory(starts_at=past, ends_at=past + datetime.timedelta(hours=1)),
    )
    later = past + datetime.timedelta(hours=2)
    BookingFactory(
        actor=community_a, cancelled_at=past,
        slot=SlotFactory(starts_at=later, ends_at=later + datetime.timedelta(hours=1)),
    )  # fmt: skip
    BookingFactory(actor=community_a)  # a week ahead
    BookingFactory(
        actor=community_c,
        slot=SlotFactory(starts_at=past, ends_at=past + datetime.timedelta(hours=1)),
    )
    return {"project": project, "lags": (lag_a, lag_b, lag_c), "series": series, "theme": jobs}


def count(world, measure, *, lags=(), series=(), **kw):
    """The measure's number for a rule of the world's project (2024 unless a period given)."""
    kw.setdefault("period_start", Y2024[0])
    kw.setdefault("period_end", Y2024[1])
    indicator = add_indicator(world["project"], f"I{IndicatorRule.objects.count() + 1}")
    rule = IndicatorRule.objects.create(indicator=indicator, measure=measure, **kw)
    rule.lags.set(lags)
    rule.series.set(series)
    rows = {row.indicator.pk: row for row in project_indicator_rows(world["project"])}
    achieved = rows[indicator.pk].achieved
    # The records behind the number are as many as the number (attendance: summed).
    records = list(indicator_records(rule, world["project"]))
    if MEASURES[measure].averages:
        assert sum(e.attended or 0 for e in records) >= achieved
    elif measure == "participant_hours":
        assert sum(Decimal(str(r["hours"])) for r in records).quantize(Decimal("0.1")) == achieved
    else:
        assert len(records) == achieved
    return achieved


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("trainings_held", 2),  # t1, t2
        ("training_attendance", 4),  # t1: p1, p2; t2: p1, p5
        ("events_held", 4),  # t1, t2, c1, w1
        ("participant_hours", Decimal("88.0")),  # 8+4 + 6+6 + 3×8 + 16+16+8
        ("distinct_participants", 4),  # p1, p2, p5, p9
        ("certificates_issued", 1),  # r1 (r2's revoked; C's of another LAG)
        ("homework_accepted", 1),
        ("conferences_held", 1),
        ("conference_attendance", 3),
        ("workshops_held", 1),  # the draft does not count
        ("workshop_attendance", 3),
    ],
)
def test_event_measures_count_only_what_took_place_in_the_project_lags_and_period(
    world, measure, expected
):
    assert count(world, measure) == expected


def test_participants_who_attended_at_least_n_hours(world):
    # p1: 8 + 6 + 8 = 22, p2: 4 + 8 + 16 = 28, p5: 6 + 8 + 16 = 30, p9: 8.
    assert count(world, "participants_min_hours", min_hours=Decimal(14)) == 3
    assert count(world, "participants_min_hours", min_hours=Decimal(23)) == 2
    assert count(world, "participants_min_hours", min_hours=Decimal(31)) == 0
    # Trainings only: p1 has 8 + 6 = 14, p2 4, p5 6.
    assert count(world, "participants_min_hours", min_hours=Decimal(14), event_kind="training") == 1


def test_attendance_averaged_per_event(world):
    assert count(world, "training_attendance", per_event=True) == Decimal("2.0")
    assert count(world, "conference_attendance", per_event=True) == Decimal("3.0")


def test_scope_lags_series_and_period_narrow_the_events(world):
    lag_a, lag_b, lag_c = world["lags"]
    assert count(world, "trainings_held", scope=Scope.ANY) == 3  # + C's training
    assert count(world, "trainings_held", scope=Scope.ANY, lags=[lag_c]) == 1
    assert count(world, "trainings_held", lags=[lag_b]) == 1  # the joint one
    assert count(world, "trainings_held", lags=[lag_c]) == 0  # not a project LAG
    assert count(world, "trainings_held", series=[world["series"]]) == 1
    assert count(world, "trainings_held", period_start=None, period_end=None) == 3  # + 2023
    assert count(world, "trainings_held", period_end=datetime.date(2024, 3, 31)) == 1
    assert count(world, "events_held", event_kind="conference") == 1


def test_actors_are_published_ones_of_the_lags_by_type_and_theme(world):
    assert (
        count(world, "actors", period_start=None, period_end=None) == 4
    )  # A: 2 and the sender; B: 1
    assert count(world, "actors", period_start=None, period_end=None, actor_type="farmer") == 1
    assert count(world, "actors", period_start=None, period_end=None, theme=world["theme"]) == 1
    assert (
        count(world, "actors", period_start=None, period_end=None, scope=Scope.ANY) == 6
    )  # + C: 2
    assert count(world, "actors") == 0  # none was added in 2024


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("partnership_posts", 1),  # the hidden one and C's do not count
        ("conversations_started", 1),  # C's actor started the other
        ("questions_answered", 1),  # two answers, one question; C's does not count
        ("consultations_held", 1),  # cancelled, coming and C's do not count
    ],
)
def test_cooperation_and_consultation_measures(world, measure, expected):
    assert count(world, measure, period_start=None, period_end=None) == expected
    assert count(world, measure) == 0  # all of them are from today, not 2024


def test_rows_keep_manual_indicators_as_typed(world):
    manual = add_indicator(world["project"], "M1", achieved=Decimal("7"))
    (row,) = project_indicator_rows(world["project"])
    assert (row.indicator, row.achieved, row.computed, row.records_url) == (manual, 7, False, "")
    assert row.target == Decimal("10")


def test_rows_cost_the_same_queries_for_few_and_many_records(world):
    project = world["project"]
    for n, measure in enumerate(("participants_min_hours", "trainings_held", "actors")):
        rule = IndicatorRule.objects.create(
            indicator=add_indicator(project, f"Q{n}"), measure=measure, min_hours=Decimal(1)
        )
        rule.lags.set(world["lags"][:1])

    def queries():
        fresh = type(project).objects.get(pk=project.pk)  # as a page gets it
        with CaptureQueriesContext(connection) as ctx:
            project_indicator_rows(fresh)
        return len(ctx.captured_queries)

    before = queries()
    more = event(list(world["lags"][:2]), days=[on(8, 1, T(9), T(17))])
    for _ in range(5):
        present(RegistrationFactory(event=more), more.days.get())
    for _ in range(3):
        ActorFactory(lag=world["lags"][0])
    assert queries() == before
