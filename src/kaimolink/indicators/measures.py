"""The measures a computed indicator can name, and the one function the platform calls.

Each measure is counted in the database over the owning apps' models, in a fixed number of
queries whatever the number of records (one or two), and gives the records behind its
number (a queryset the desk lists page by page, with its columns). `MEASURES` is the
registry: its keys are stored in `IndicatorRule.measure`.

`project_indicator_rows(project)` gives every indicator of a project with its achieved
value (computed or typed in): the project page, the API and the reports call it.

Conventions every measure keeps:
- events count when they have taken place (`events.selectors.is_over`: marked held, or
  published and ended); cancelled events and drafts never;
- a participant is a confirmed registration marked present on at least one day;
- hours follow `events.selectors.day_hours` (the event's official hours shared out by the
  days' lengths), computed in SQL here so that a person's hours over many events are
  summed by the database;
- the period is in Vilnius dates, both ends included.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.models import Actor
from kaimolink.certificates.models import Certificate
from kaimolink.consultations.models import Answer, Booking, Question
from kaimolink.events.enums import EventKind, RegistrationStatus
from kaimolink.events.models import Attendance, Event, EventDay, Registration
from kaimolink.events.selectors import clock_hours, is_over, of_lags, shared_hours
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.models import Submission
from kaimolink.messaging.models import Conversation
from kaimolink.partnerships.enums import PostStatus
from kaimolink.partnerships.models import PartnershipPost

TENTH = Decimal("0.1")


def _tenths(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Filter:
    """A rule's filter made concrete: `lag_ids` None means every LAG."""

    lag_ids: frozenset[int] | None
    series_ids: frozenset[int] = frozenset()
    kind: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    min_hours: Decimal | None = None
    per_event: bool = False
    actor_type: str = ""
    theme_id: int | None = None
    now: datetime.datetime = field(default_factory=timezone.now)
    # The held events' ids, found once and shared by every measure counted with filters
    # that share this dict (`held_events`): one page counts ten indicators over the same
    # events. Not part of the filter's identity.
    known: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def moments(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """The period as [first, after) moments in Vilnius time (None: open end)."""
        tz = ZoneInfo(settings.TIME_ZONE)
        first = (
            datetime.datetime.combine(self.start, datetime.time(), tzinfo=tz)
            if self.start
            else None
        )
        after = None
        if self.end:
            after = datetime.datetime.combine(
                self.end + datetime.timedelta(days=1), datetime.time(), tzinfo=tz
            )
        return first, after

    def in_period(self, path: str) -> Q:
        """Rows whose moment `path` falls in the period."""
        first, after = self.moments()
        q = Q()
        if first:
            q &= Q(**{f"{path}__gte": first})
        if after:
            q &= Q(**{f"{path}__lt": after})
        return q

    def of_lag(self, path: str) -> Q:
        """Rows whose LAG (`path`, an id) is one of the filter's (every row for None)."""
        return Q() if self.lag_ids is None else Q(**{f"{path}__in": self.lag_ids})


# --- Events and what happened at them --------------------------------------------------------


class _Seconds(Func):
    """Seconds since midnight of a time column (only differences are used)."""

    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="(julianday(%(expressions)s) * 86400.0)", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection,
            template="CAST(EXTRACT(EPOCH FROM %(expressions)s) AS double precision)", **extra,
        )  # fmt: skip


def _length(prefix: str = ""):
    return _Seconds(F(f"{prefix}end_time")) - _Seconds(F(f"{prefix}start_time"))


def day_hours_sql(prefix: str = "day__"):
    """The hours a day counts for (`events.selectors.day_hours`), as an SQL expression over
    rows that reach an EventDay through `prefix` (an Attendance: "day__")."""
    total = Subquery(
        EventDay.objects.filter(event=OuterRef(f"{prefix}event"))
        .order_by()
        .values("event")
        .annotate(seconds=Sum(_length()))
        .values("seconds"),
        output_field=FloatField(),
    )
    hours = Cast(F(f"{prefix}event__hours"), FloatField())
    shared = Case(
        When(**{f"{prefix}event__hours__gt": 0}, then=hours * _length(prefix) / NullIf(total, 0.0)),
        default=Value(None, output_field=FloatField()),
        output_field=FloatField(),
    )
    return Coalesce(shared, _length(prefix) / Value(3600.0), output_field=FloatField())


def events_of(f: Filter, kind: str = "") -> QuerySet:
    """The events that took place and pass the filter (`kind` overrides the filter's)."""
    qs = Event.objects.filter(is_over(f.now)).filter(f.in_period("starts_at"))
    qs = of_lags(qs, f.lag_ids)
    kind = kind or f.kind
    if kind:
        qs = qs.filter(kind=kind)
    if f.series_ids:
        qs = qs.filter(series_id__in=f.series_ids)
    if f.theme_id:
        qs = qs.filter(theme_id=f.theme_id)
    return qs.order_by()


# Above this many held events a measure filters by a subquery rather than a list of ids.
MANY_EVENTS = 5000


def held_events(f: Filter, kind: str = "") -> list[int] | QuerySet:
    """The ids of `events_of(f, kind)`, as a list: the measures then filter by those ids
    instead of each scanning the events table again (ten indicators of one project: ten
    scans of every event, 60 ms at 20 000 events). The events of every kind are read once
    per filter (`Filter.known`), with their kind, and each kind is picked from them. For
    filters that take in more than MANY_EVENTS events, the subquery itself."""
    kind = kind or f.kind
    key = ("held events", f.lag_ids, f.series_ids, f.start, f.end, f.theme_id, f.now)
    if key not in f.known:
        every_kind = events_of(replace(f, kind="")).values_list("pk", "kind")
        rows = list(every_kind[: MANY_EVENTS + 1])
        f.known[key] = rows if len(rows) <= MANY_EVENTS else None
    rows = f.known[key]
    if rows is None:
        return events_of(f, kind).values("pk")
    return [pk for pk, event_kind in rows if not kind or event_kind == kind]


def presences(f: Filter, kind: str = "") -> QuerySet:
    """Attendance marks that count: present, of a confirmed registration, at those events."""
    return Attendance.objects.filter(
        present=True,
        registration__status=RegistrationStatus.CONFIRMED,
        day__event__in=held_events(f, kind),
    ).order_by()


def _person_totals(f: Filter) -> QuerySet:
    """One row per participant: their hours and the number of events they attended."""
    return (
        presences(f)
        .values("registration__person")
        .annotate(
            hours=Sum(day_hours_sql()),
            events=Count("day__event", distinct=True),
            name=Min("registration__person__full_name"),
            email=Min("registration__person__email"),
        )
    )


def _threshold(f: Filter) -> float:
    # Hours are shown in tenths: a person with 7.96 hours shows as 8.0 and counts for 8.
    return float(f.min_hours or 0) - 0.05


def count_events(kind: str) -> Callable[[Filter], Decimal]:
    def count(f: Filter) -> Decimal:
        held = held_events(f, kind)
        return Decimal(len(held) if isinstance(held, list) else held.count())

    return count


def count_attendance(kind: str) -> Callable[[Filter], Decimal]:
    """Participants of each event, summed (or averaged over the events when `per_event`)."""

    def count(f: Filter) -> Decimal:
        total = presences(f, kind).aggregate(n=Count("registration", distinct=True))["n"]
        if not f.per_event:
            return Decimal(total)
        held = count_events(kind)(f)
        return _tenths(Decimal(total) / held) if held else Decimal(0)

    return count


def _hours_of_days(f: Filter) -> dict[int, float]:
    """The hours each day of the filter's events counts for, by day id
    (`events.selectors.day_hours`, worked out here over plain rows of the days: in SQL it is
    a correlated sum per day, and as model objects the days cost more than the counting)."""
    days = (
        EventDay.objects.filter(event__in=held_events(f))
        .order_by("event_id", "pk")
        .values_list("event_id", "event__hours", "pk", "date", "start_time", "end_time")
    )
    hours: dict[int, float] = {}
    for (_event, event_hours), rows in groupby(days, key=lambda row: row[:2]):
        clock = {pk: clock_hours(date, start, end) for *_, pk, date, start, end in rows}
        hours.update((pk, float(share)) for pk, share in shared_hours(event_hours, clock).items())
    return hours


def hours_by_person(f: Filter) -> dict[int, float]:
    """Each participant's hours at the filter's events, by person id: the hours of each day
    they were marked present on, as a confirmed registrant.

    Three index-driven reads joined here: the days with their hours, the confirmed
    registrations of the events (their person), the present marks of those days. Joining
    the marks to the registrations in SQL made PostgreSQL scan every registration.
    Found once per filter (`Filter.known`) and shared by the three measures of people and
    hours below. The same sums as `_person_totals`, which the records page pages through."""
    key = ("hours by person", f.lag_ids, f.series_ids, f.kind, f.start, f.end, f.theme_id, f.now)
    if key not in f.known:
        hours = _hours_of_days(f)
        person_of = dict(
            Registration.objects.filter(
                event__in=held_events(f), status=RegistrationStatus.CONFIRMED
            )
            .order_by()
            .values_list("pk", "person_id")
        )
        marks = (
            Attendance.objects.filter(day__in=list(hours), present=True)
            .order_by()
            .values_list("registration_id", "day_id")
        )
        totals: dict[int, float] = {}
        for registration, day in marks.iterator(chunk_size=5000):
            person = person_of.get(registration)
            if person is not None:
                totals[person] = totals.get(person, 0.0) + hours[day]
        f.known[key] = totals
    return f.known[key]


def count_participant_hours(f: Filter) -> Decimal:
    """Σ over the presences of the day's hours (people present × the day's hours)."""
    return _tenths(sum(hours_by_person(f).values(), 0.0))


def count_distinct_participants(f: Filter) -> Decimal:
    return Decimal(len(hours_by_person(f)))


def count_participants_min_hours(f: Filter) -> Decimal:
    """People whose hours at the filter's events reach the threshold."""
    threshold = _threshold(f)
    return Decimal(sum(1 for total in hours_by_person(f).values() if total >= threshold))


def certificates_of(f: Filter) -> QuerySet:
    return Certificate.objects.filter(event__in=held_events(f), revoked_at__isnull=True).order_by()


def homework_of(f: Filter) -> QuerySet:
    return Submission.objects.filter(
        assignment__event__in=held_events(f), status=SubmissionStatus.ACCEPTED
    ).order_by()


# --- Actors, cooperation, consultations ------------------------------------------------------


def actors_of(f: Filter) -> QuerySet:
    qs = Actor.objects.published().filter(f.of_lag("lag_id"), f.in_period("created_at"))
    if f.actor_type:
        qs = qs.filter(actor_type=f.actor_type)
    if f.theme_id:
        qs = qs.filter(themes__id=f.theme_id)  # one theme: at most one row per actor
    return qs.order_by()


def posts_of(f: Filter) -> QuerySet:
    qs = PartnershipPost.objects.exclude(status=PostStatus.HIDDEN).filter(
        f.of_lag("actor__lag_id"), f.in_period("created_at")
    )
    if f.theme_id:
        qs = qs.filter(themes__id=f.theme_id)
    return qs.order_by()


def conversations_of(f: Filter) -> QuerySet:
    return Conversation.objects.filter(
        f.of_lag("initiator__lag_id"), f.in_period("created_at")
    ).order_by()


def questions_answered_of(f: Filter) -> QuerySet:
    answered = Answer.objects.filter(Q(question=OuterRef("pk")) & f.in_period("created_at"))
    qs = Question.objects.filter(Exists(answered), f.of_lag("actor__lag_id"))
    if f.theme_id:
        qs = qs.filter(theme_id=f.theme_id)
    return qs.order_by()


def bookings_held_of(f: Filter) -> QuerySet:
    return Booking.objects.filter(
        f.of_lag("actor__lag_id"),
        f.in_period("slot__starts_at"),
        cancelled_at__isnull=True,
        slot__withdrawn_at__isnull=True,
        slot__ends_at__lte=f.now,
    ).order_by()


def _counter(records: Callable[[Filter], QuerySet]) -> Callable[[Filter], Decimal]:
    return lambda f: Decimal(records(f).count())


# --- The records behind a number, for the desk's list ---------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""


def _day(moment) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment).date()
    return date_format(moment, "SHORT_DATE_FORMAT")


def _hours(value) -> str:
    from kaimolink.core.templatetags.kaimolink_units import format_number

    return format_number(_tenths(value), 1)


def _event_records(kind: str = "", *, attendance: bool = False):
    def records(f: Filter) -> QuerySet:
        qs = events_of(f, kind)
        if attendance:
            present = presences(f, kind).filter(day__event=OuterRef("pk"))
            qs = qs.annotate(
                attended=Subquery(
                    present.values("day__event")
                    .annotate(n=Count("registration", distinct=True))
                    .values("n")
                )
            )
        return qs.order_by("starts_at", "pk")

    return records


def _event_cells(event) -> list[Cell]:
    return [
        Cell(event.title, event.get_absolute_url()),
        Cell(_day(event.starts_at)),
        Cell(str(event.get_kind_display())),
    ]


def _attendance_cells(event) -> list[Cell]:
    return [*_event_cells(event), Cell(str(event.attended or 0))]


def _presence_records(f: Filter) -> QuerySet:
    return (
        presences(f)
        .values("registration", "registration__event__title", "registration__event__slug")
        .annotate(
            hours=Sum(day_hours_sql()),
            name=Min("registration__person__full_name"),
            email=Min("registration__person__email"),
            first=Min("day__date"),
        )
        .order_by("first", "registration")
    )


def _presence_cells(row) -> list[Cell]:
    return [
        Cell(row["name"] or row["email"]),
        Cell(
            row["registration__event__title"],
            reverse("events:detail", kwargs={"slug": row["registration__event__slug"]}),
        ),
        Cell(_day(row["first"])),
        Cell(_hours(row["hours"])),
    ]


def _person_records(threshold: bool):
    def records(f: Filter) -> QuerySet:
        qs = _person_totals(f)
        if threshold:
            qs = qs.filter(hours__gte=_threshold(f))
        return qs.order_by("name", "email", "registration__person")

    return records


def _person_cells(row) -> list[Cell]:
    return [Cell(row["name"] or row["email"]), Cell(str(row["events"])), Cell(_hours(row["hours"]))]


def _certificate_cells(c) -> list[Cell]:
    return [
        Cell(c.number),
        Cell(c.holder_name or str(c.person)),
        Cell(c.title),
        Cell(_day(c.issued_at)),
    ]


def _submission_cells(s) -> list[Cell]:
    event = s.assignment.event
    return [
        Cell(str(s.person)),
        Cell(s.assignment.title),
        Cell(event.title, event.get_absolute_url()),
        Cell(_day(s.reviewed_at)),
    ]


def _actor_cells(a) -> list[Cell]:
    return [
        Cell(a.name, a.get_absolute_url()),
        Cell(str(a.get_actor_type_display())),
        Cell(str(a.lag)),
        Cell(_day(a.created_at)),
    ]


def _post_cells(p) -> list[Cell]:
    return [Cell(p.title, p.get_absolute_url()), Cell(p.actor.name), Cell(_day(p.created_at))]


def _conversation_cells(c) -> list[Cell]:
    other = c.actor_high if c.initiator_id == c.actor_low_id else c.actor_low
    return [Cell(c.initiator.name), Cell(other.name), Cell(_day(c.created_at))]


def _question_cells(q) -> list[Cell]:
    title = Cell(q.title, q.get_absolute_url()) if q.is_public else Cell(str(_("Private question")))
    return [title, Cell(str(q.theme)), Cell(_day(q.first_answer))]


def _booking_cells(b) -> list[Cell]:
    return [
        Cell(str(b.slot.consultant)),
        Cell(b.actor.name if b.actor_id else str(b.person)),
        Cell(_day(b.slot.starts_at)),
    ]


# --- The registry ----------------------------------------------------------------------------

EVENT, ACTOR, OTHER = "event", "actor", "other"


@dataclass(frozen=True)
class Measure:
    """One measure: `count(filter)` and the records behind it, `records(filter)` (ordered,
    for paging) shown as `cells(record)` under `columns`.

    `uses` names the filter fields that mean something for it ("series", "kind", "theme",
    "actor_type"); `kind` is the event kind it always counts (the filter's kind is then
    ignored); `needs_hours` when it needs the threshold; `averages` when it can be averaged
    per event; `personal` when its records name people (coordinators of other LAGs may not
    count those: see forms).
    """

    code: str
    label: str
    count: Callable[[Filter], Decimal]
    records: Callable[[Filter], QuerySet]
    columns: tuple[str, ...]
    cells: Callable[[object], list[Cell]]
    uses: frozenset[str] = frozenset()
    kind: str = ""
    needs_hours: bool = False
    averages: bool = False
    personal: bool = False


EVENT_FILTERS = frozenset({"series", "kind", "theme"})
EVENT_COLUMNS = (_("Event"), _("Date"), _("Kind"))
ATTENDANCE_COLUMNS = (*EVENT_COLUMNS, _("Participants"))
PERSON_COLUMNS = (_("Participant"), _("Events"), _("Hours"))


def _held(code, label, kind) -> Measure:
    return Measure(
        code, label, count_events(kind), _event_records(kind), EVENT_COLUMNS, _event_cells,
        uses=EVENT_FILTERS - {"kind"}, kind=kind,
    )  # fmt: skip


def _attended(code, label, kind) -> Measure:
    return Measure(
        code, label, count_attendance(kind), _event_records(kind, attendance=True),
        ATTENDANCE_COLUMNS, _attendance_cells, uses=EVENT_FILTERS - {"kind"}, kind=kind,
        averages=True,
    )  # fmt: skip


TRAINING, CONFERENCE, WORKSHOP = EventKind.TRAINING, EventKind.CONFERENCE, EventKind.WORKSHOP

_ALL = [
    _held("trainings_held", _("Trainings held"), TRAINING),
    _attended("training_attendance", _("Participants of the trainings"), TRAINING),
    Measure(
        "events_held", _("Events held (of the chosen kind)"), count_events(""),
        _event_records(), EVENT_COLUMNS, _event_cells, uses=EVENT_FILTERS,
    ),
    Measure(
        "participant_hours", _("Participant-hours attended"), count_participant_hours,
        _presence_records, (_("Participant"), _("Event"), _("Date"), _("Hours")),
        _presence_cells, uses=EVENT_FILTERS, personal=True,
    ),
    Measure(
        "distinct_participants", _("Distinct participants"), count_distinct_participants,
        _person_records(False), PERSON_COLUMNS, _person_cells, uses=EVENT_FILTERS,
        personal=True,
    ),
    Measure(
        "participants_min_hours", _("Participants who attended at least N hours"),
        count_participants_min_hours, _person_records(True), PERSON_COLUMNS, _person_cells,
        uses=EVENT_FILTERS, needs_hours=True, personal=True,
    ),
    Measure(
        "certificates_issued", _("Certificates issued (not revoked)"),
        _counter(certificates_of),
        lambda f: certificates_of(f).select_related("person").order_by("issued_at", "pk"),
        (_("Number"), _("Holder"), _("Event"), _("Issued")), _certificate_cells,
        uses=EVENT_FILTERS, personal=True,
    ),
    Measure(
        "homework_accepted", _("Homework accepted"), _counter(homework_of),
        lambda f: homework_of(f)
        .select_related("person", "assignment__event")
        .order_by("reviewed_at", "pk"),
        (_("Participant"), _("Assignment"), _("Event"), _("Accepted")), _submission_cells,
        uses=EVENT_FILTERS, personal=True,
    ),
    _held("conferences_held", _("Conferences held"), CONFERENCE),
    _attended("conference_attendance", _("Participants of the conferences"), CONFERENCE),
    _held("workshops_held", _("Creative workshops held"), WORKSHOP),
    _attended("workshop_attendance", _("Participants of the creative workshops"), WORKSHOP),
    Measure(
        "actors", _("Actors in the database (published)"), _counter(actors_of),
        lambda f: actors_of(f).select_related("lag").order_by("name_sort", "pk"),
        (_("Actor"), _("Type"), _("LAG"), _("Added")), _actor_cells,
        uses=frozenset({"actor_type", "theme"}),
    ),
    Measure(
        "partnership_posts", _("Partnership posts"), _counter(posts_of),
        lambda f: posts_of(f).select_related("actor").order_by("created_at", "pk"),
        (_("Post"), _("Actor"), _("Published")), _post_cells, uses=frozenset({"theme"}),
    ),
    Measure(
        "conversations_started", _("Conversations started between actors"),
        _counter(conversations_of),
        lambda f: conversations_of(f)
        .select_related("initiator", "actor_low", "actor_high")
        .order_by("created_at", "pk"),
        (_("Started by"), _("With"), _("Started")), _conversation_cells, personal=True,
    ),
    Measure(
        "questions_answered", _("Consultation questions answered"),
        _counter(questions_answered_of),
        lambda f: questions_answered_of(f)
        .select_related("theme")
        .annotate(first_answer=Min("answers__created_at"))
        .order_by("created_at", "pk"),
        (_("Question"), _("Theme"), _("First answer")), _question_cells,
        uses=frozenset({"theme"}),
    ),
    Measure(
        "consultations_held", _("Consultations held (bookings)"), _counter(bookings_held_of),
        lambda f: bookings_held_of(f)
        .select_related("slot__consultant", "actor", "person")
        .order_by("slot__starts_at", "pk"),
        (_("Consultant"), _("For"), _("Date")), _booking_cells, personal=True,
    ),
]  # fmt: skip

MEASURES: dict[str, Measure] = {measure.code: measure for measure in _ALL}


def measure_choices() -> list[tuple[str, str]]:
    return [(measure.code, measure.label) for measure in _ALL]


# --- Rules made concrete, and the rows of a project ------------------------------------------


def project_lag_ids(project) -> frozenset[int]:
    """The platform LAGs that lead or partner the project (uses prefetched partners)."""
    return frozenset(p.lag_id for p in project.partners.all() if p.lag_id is not None)


def filter_of(rule, project, *, now=None, known=None) -> Filter:
    """The rule's filter for counting (its lags and series prefetched, or read here).

    Filters given one `known` dict share the held events they find (`held_events`)."""
    from kaimolink.indicators.models import Scope

    chosen = frozenset(lag.pk for lag in rule.lags.all())
    if rule.scope == Scope.PROJECT:
        lag_ids = project_lag_ids(project)
        lag_ids = lag_ids & chosen if chosen else lag_ids
    else:
        lag_ids = chosen or None
    return Filter(
        lag_ids=lag_ids,
        series_ids=frozenset(s.pk for s in rule.series.all()),
        kind=rule.event_kind,
        start=rule.period_start,
        end=rule.period_end,
        min_hours=rule.min_hours,
        per_event=rule.per_event,
        actor_type=rule.actor_type,
        theme_id=rule.theme_id,
        now=now or timezone.now(),
        known={} if known is None else known,
    )


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator for the page, the API or a report. `achieved` is the measure's count
    for a computed indicator, the typed value (or None) for a manual one; `records_url` is
    the desk's list of the records behind a computed number ("" for a manual one)."""

    indicator: object  # projects.Indicator
    target: Decimal
    achieved: Decimal | None
    computed: bool
    records_url: str


def indicators_with_rules(project) -> list:
    """The project's indicators in order, each with its rule (if any) and the rule's LAGs
    and series: three queries at most, however many indicators."""
    from kaimolink.core.models import Lag
    from kaimolink.events.models import EventSeries
    from kaimolink.projects.models import Indicator

    return list(
        Indicator.objects.filter(project=project)
        .select_related("rule")
        .prefetch_related(
            Prefetch("rule__lags", queryset=Lag.objects.order_by("name_sort")),
            Prefetch("rule__series", queryset=EventSeries.objects.order_by("title")),
        )
        .order_by("position", "id")
    )


def rule_of(indicator):
    """The indicator's rule, or None for a manual one (no query after `select_related`)."""
    try:
        return indicator.rule
    except indicator._meta.model.rule.RelatedObjectDoesNotExist:
        return None


def records_url(indicator) -> str:
    return reverse(
        "desk:indicator_records",
        kwargs={"slug": indicator.project.slug, "pk": indicator.pk},
    )


def project_indicator_rows(project) -> list[IndicatorRow]:
    """Every indicator of `project` with its achieved value, computed where it has a rule.

    Queries: three for the indicators and their rules (plus one for the partners unless
    prefetched), then one or two per computed indicator, never per record.
    """
    now = timezone.now()
    known = {}  # the held events, found once for all the indicators (`held_events`)
    prefetch_related_objects([project], "partners")  # each rule's LAGs come from them
    rows = []
    for indicator in indicators_with_rules(project):
        indicator.project = project  # no query for the records' address
        rule = rule_of(indicator)
        if rule is None:
            rows.append(IndicatorRow(indicator, indicator.target, indicator.achieved, False, ""))
            continue
        achieved = MEASURES[rule.measure].count(filter_of(rule, project, now=now, known=known))
        rows.append(
            IndicatorRow(indicator, indicator.target, achieved, True, records_url(indicator))
        )
    return rows


def indicator_records(rule, project) -> QuerySet:
    """The records behind a computed indicator's number, in their list order."""
    return MEASURES[rule.measure].records(filter_of(rule, project))
