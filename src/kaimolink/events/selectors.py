"""Reads of events and registrations. Pages, calendar files, API and reports go through here."""

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from kaimolink.accounts.selectors import offline_people
from kaimolink.core.models import Lag
from kaimolink.core.text import lt_sort_key
from kaimolink.events.enums import (
    LIVE_STATUSES,
    VISIBLE_STATUSES,
    EventStatus,
    RegistrationStatus,
    Visibility,
)
from kaimolink.events.models import Attendance, Event, EventDay, EventSeries, Registration


def _count_of(status: str):
    """Registrations of one status per event, as a subquery (joins would multiply rows)."""
    rows = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_counts(qs: QuerySet) -> QuerySet:
    """Adds `confirmed_count` and `waiting_count` to each event in the same query."""
    return qs.annotate(
        confirmed_count=_count_of(RegistrationStatus.CONFIRMED),
        waiting_count=_count_of(RegistrationStatus.WAITING),
    )


def _with_related(qs: QuerySet) -> QuerySet:
    return qs.select_related("settlement", "theme", "series").prefetch_related(
        Prefetch("lags", queryset=Lag.objects.order_by("name_sort")),
        Prefetch("days", queryset=EventDay.objects.order_by("date", "start_time")),
    )


def month_range(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of the month and of the next one, in the platform's time zone."""
    tz = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime(month.year, month.month, 1, tzinfo=tz)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, following


def public_events() -> QuerySet:
    """Events every visitor may see listed: public and not drafts."""
    return Event.objects.filter(status__in=VISIBLE_STATUSES, visibility=Visibility.PUBLIC)


def events_listed(
    *, when: str = "upcoming", lag=None, kind=None, theme=None, month=None
) -> QuerySet:
    """Public events for the list page, with LAGs, days and place counts in fixed queries.

    `when="upcoming"`: those not yet over, soonest first; `when="past"`: those over, the
    latest first (the archive). With `month` (a date in that month) every public event
    starting in that month, held ones included; `past` then keeps the ones over.
    """
    qs = public_events()
    now = timezone.now()
    if month is not None:
        start, following = month_range(month)
        qs = qs.filter(starts_at__gte=start, starts_at__lt=following)
    elif when != "past":
        qs = qs.filter(ends_at__gte=now)
    if when == "past":
        qs = qs.filter(ends_at__lt=now)
    if lag is not None:
        qs = qs.filter(lags=lag)
    if kind:
        qs = qs.filter(kind=kind)
    if theme is not None:
        qs = qs.filter(theme=theme)
    order = ("-starts_at", "-id") if when == "past" else ("starts_at", "id")
    return _with_related(with_counts(qs)).order_by(*order)


def events_for_calendar(*, lag=None) -> QuerySet:
    """Every public event with its days (past ones too: calendars keep history)."""
    qs = public_events().filter(starts_at__isnull=False)
    if lag is not None:
        qs = qs.filter(lags=lag)
    return _with_related(qs).order_by("starts_at", "id")


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=ZoneInfo(settings.TIME_ZONE))


def events_public_list(*, lag=None, kind=None, series=None, theme=None, start=None, end=None):
    """Every public event, past ones too, by start (those without a programme last).

    `start`/`end` (dates) keep the events that are on in that period: still going on the
    `start` day and starting no later than the `end` day. Counts annotated, LAGs and days
    loaded in fixed queries (what the read API's list shows).
    """
    qs = public_events()
    if lag is not None:
        qs = qs.filter(lags=lag)
    if kind:
        qs = qs.filter(kind=kind)
    if series is not None:
        qs = qs.filter(series=series)
    if theme is not None:
        qs = qs.filter(theme=theme)
    if start is not None:
        qs = qs.filter(ends_at__gte=_day_start(start))
    if end is not None:
        qs = qs.filter(starts_at__lt=_day_start(end + datetime.timedelta(days=1)))
    return (
        with_counts(qs)
        .select_related("theme")
        .prefetch_related(Prefetch("lags", queryset=Lag.objects.order_by("name_sort")))
        .order_by(F("starts_at").asc(nulls_last=True), "id")
    )


def event_for_page(slug: str, *, public_only: bool = False) -> Event | None:
    """One event with everything its page shows; None when there is none.

    `public_only`: None also for drafts and invited-only events (what anonymous readers
    of the API may see).
    """
    qs = public_events() if public_only else Event.objects.all()
    return _with_related(with_counts(qs)).select_related("trainer").filter(slug=slug).first()


def live_registration(*, event: Event, person) -> Registration | None:
    """This person's confirmed or waiting registration for the event, if any."""
    if not person.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, person=person, status__in=LIVE_STATUSES)
        .select_related("actor")
        .first()
    )


def registrations_of_event(*, event: Event) -> QuerySet:
    """Live registrations, confirmed first and then the waiting list in its order."""
    return (
        Registration.objects.filter(event=event, status__in=LIVE_STATUSES)
        .select_related("person", "actor")
        .order_by("status", "created_at", "id")  # "confirmed" < "waiting"
    )


def registration_for_user(*, user, event: Event, pk) -> Registration | None:
    """The registration when it is this person's own or they organise the event."""
    registration = Registration.objects.filter(event=event, pk=pk).select_related("person").first()
    if registration is None or not user.has_perm("events.view_registration", registration):
        return None
    return registration


def waiting_position(registration: Registration) -> int:
    """1 for the first person on the waiting list."""
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=RegistrationStatus.WAITING,
        )
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, id__lt=registration.pk)
        )
        .count()
        + 1
    )


@dataclass(frozen=True)
class EventFigures:
    """Counts for reporting (certificates come with that feature)."""

    registered: int  # every registration ever made, cancelled ones included
    confirmed: int
    waiting: int
    cancelled: int
    attended: int = 0  # confirmed people present on at least one day
    hours_attended: Decimal = Decimal("0.0")  # person-hours: each person's hours, summed

    @property
    def live(self) -> int:
        return self.confirmed + self.waiting


def event_figures(*, event: Event) -> EventFigures:
    """Registration and attendance counts of one event in a fixed number of queries.

    Uses the event's prefetched days when it has them (event_for_page), else reads them.
    """
    counts = dict(
        Registration.objects.filter(event=event)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    present = Attendance.objects.filter(
        day__event=event, present=True, registration__status=RegistrationStatus.CONFIRMED
    ).order_by()
    per_day = dict(present.values_list("day").annotate(n=Count("pk")))
    attended = present.values("registration").distinct().count() if per_day else 0
    hours = day_hours(event, list(event.days.all())) if per_day else {}
    hours_attended = sum((hours.get(day, 0) * n for day, n in per_day.items()), Decimal(0))
    return EventFigures(
        registered=sum(counts.values()),
        confirmed=counts.get(RegistrationStatus.CONFIRMED, 0),
        waiting=counts.get(RegistrationStatus.WAITING, 0),
        cancelled=counts.get(RegistrationStatus.CANCELLED, 0),
        attended=attended,
        hours_attended=tenths(hours_attended),
    )


def tenths(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def clock_hours(date: datetime.date, start: datetime.time, end: datetime.time) -> Decimal:
    """The clock time of a day's programme, in hours."""
    length = datetime.datetime.combine(date, end) - datetime.datetime.combine(date, start)
    return Decimal(length.total_seconds()) / 3600


def shared_hours(event_hours, clock: dict[int, Decimal]) -> dict[int, Decimal]:
    """The event's official `event_hours` shared out by its days' clock hours (by day id);
    the clock hours themselves for an event without official hours."""
    total = sum(clock.values(), Decimal(0))
    if not event_hours or not total:
        return clock
    return {pk: Decimal(event_hours) * length / total for pk, length in clock.items()}


def day_hours(event: Event, days: list[EventDay]) -> dict[int, Decimal]:
    """The hours each day counts for: the event's `hours` shared out by the days' lengths.

    The event's hours are the official figure (an 8-hour training may run 9:00–16:00 with
    breaks), so a person present on every day gets exactly those; on some days, the share
    of those days. An event without hours counts the clock time of its days.
    """
    clock = {day.pk: clock_hours(day.date, day.start_time, day.end_time) for day in days}
    return shared_hours(event.hours, clock)


@dataclass(frozen=True)
class DayCount:
    day: EventDay
    present: int
    confirmed: int


@dataclass
class AttendanceMark:
    """One person on one day, as a row of the attendance page."""

    registration: Registration
    day: EventDay
    present: bool


@dataclass
class AttendanceDay:
    day: EventDay
    marks: list[AttendanceMark] = field(default_factory=list)

    @property
    def count(self) -> DayCount:
        return DayCount(
            day=self.day,
            present=sum(1 for mark in self.marks if mark.present),
            confirmed=len(self.marks),
        )


@dataclass
class AttendanceSheet:
    """Confirmed participants by name and who was present on which day of one event."""

    event: Event
    days: list[EventDay]
    registrations: list[Registration]
    present: set[tuple[int, int]]  # (registration id, day id)
    hours: dict[int, Decimal]  # day id -> the hours it counts for

    def is_present(self, registration: Registration, day: EventDay) -> bool:
        return (registration.pk, day.pk) in self.present

    def hours_attended(self, registration: Registration) -> Decimal:
        total = sum(
            (self.hours[day.pk] for day in self.days if self.is_present(registration, day)),
            Decimal(0),
        )
        return tenths(total)

    def by_day(self) -> list[AttendanceDay]:
        return [
            AttendanceDay(
                day=day,
                marks=[
                    AttendanceMark(registration=r, day=day, present=self.is_present(r, day))
                    for r in self.registrations
                ],
            )
            for day in self.days
        ]


def confirmed_participants(*, event: Event) -> list[Registration]:
    """Confirmed registrations with person and actor, in Lithuanian alphabetical order."""
    registrations = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ).select_related("person", "actor")
    return sorted(registrations, key=lambda r: (lt_sort_key(str(r.person)), r.pk))


def attendance_sheet(*, event: Event) -> AttendanceSheet:
    """Everything the attendance page and its exports show, in two queries.

    Reads the event's prefetched days when there are some (event_for_page), else one more.
    """
    days = list(event.days.all())
    registrations = confirmed_participants(event=event)
    present = set()
    if days and registrations:
        present = set(
            Attendance.objects.filter(
                day__event=event, present=True, registration__status=RegistrationStatus.CONFIRMED
            ).values_list("registration_id", "day_id")
        )
    return AttendanceSheet(
        event=event,
        days=days,
        registrations=registrations,
        present=present,
        hours=day_hours(event, days),
    )


def day_attendance_count(*, day: EventDay) -> DayCount:
    """Confirmed participants of the day's event and how many are present that day (1 query)."""
    counts = Registration.objects.filter(
        event_id=day.event_id, status=RegistrationStatus.CONFIRMED
    ).aggregate(
        confirmed=Count("pk", distinct=True),
        present=Count("attendances", filter=Q(attendances__day=day, attendances__present=True)),
    )
    return DayCount(day=day, present=counts["present"], confirmed=counts["confirmed"])


def _public_days(*, lag=None, kind=None, theme=None) -> QuerySet:
    """Programme days of public events, filtered as the list is."""
    qs = EventDay.objects.filter(
        event__status__in=VISIBLE_STATUSES, event__visibility=Visibility.PUBLIC
    )
    if lag is not None:
        qs = qs.filter(event__lags=lag)
    if kind:
        qs = qs.filter(event__kind=kind)
    if theme is not None:
        qs = qs.filter(event__theme=theme)
    return qs


def calendar_days(*, month: datetime.date, lag=None, kind=None, theme=None) -> QuerySet:
    """Programme days of public events in `month`, with their event, in one query.

    A multi-day event has a row for each of its days, so it shows on every one of them.
    """
    following = (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    qs = _public_days(lag=lag, kind=kind, theme=theme).filter(
        date__gte=month.replace(day=1), date__lt=following
    )
    return qs.select_related("event", "event__settlement").order_by(
        "date", "start_time", "event__title", "event_id"
    )


def first_month_with_events(
    *, since: datetime.date, lag=None, kind=None, theme=None
) -> datetime.date | None:
    """The first month, from `since`'s month on, with a programme day; None if none (1 query).

    The calendar opens on it, so a visitor never lands on an empty page while events
    are announced for later months.
    """
    first = (
        _public_days(lag=lag, kind=kind, theme=theme)
        .filter(date__gte=since.replace(day=1))
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    return first.replace(day=1) if first else None


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    entries: list[EventDay]


@dataclass(frozen=True)
class MonthCalendar:
    month: datetime.date  # the first day of the month
    weeks: list[list[CalendarDay]]  # Monday first, whole weeks
    previous: datetime.date
    next: datetime.date

    @property
    def weekdays(self) -> list[datetime.date]:
        """The dates of the first week, for the Monday…Sunday column headings."""
        return [day.date for day in self.weeks[0]]

    @property
    def has_events(self) -> bool:
        return any(day.entries for week in self.weeks for day in week)


def month_calendar(
    *, month: datetime.date, today: datetime.date, lag=None, kind=None, theme=None
) -> MonthCalendar:
    """The month as weeks of days (Monday first), each with its events' days."""
    month = month.replace(day=1)
    by_date: dict[datetime.date, list[EventDay]] = {}
    for day in calendar_days(month=month, lag=lag, kind=kind, theme=theme):
        by_date.setdefault(day.date, []).append(day)
    weeks = [
        [
            CalendarDay(
                date=date,
                in_month=date.month == month.month,
                is_today=date == today and date.month == month.month,
                entries=by_date.get(date, []) if date.month == month.month else [],
            )
            for date in week
        ]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
            month.year, month.month
        )
    ]
    return MonthCalendar(
        month=month,
        weeks=weeks,
        previous=(month - datetime.timedelta(days=1)).replace(day=1),
        next=(month + datetime.timedelta(days=32)).replace(day=1),
    )


@dataclass(frozen=True)
class ProgrammeSummary:
    """When an event is on, for the top of its page: first and last day, how many days,
    and whether every day keeps the same hours (then the hours are said once)."""

    first: EventDay
    last: EventDay
    count: int
    same_times: bool

    @property
    def several_days(self) -> bool:
        return self.count > 1


def programme_summary(days: list[EventDay]) -> ProgrammeSummary | None:
    """The summary of an event's days (in date order); None when there are none yet."""
    if not days:
        return None
    times = {(day.start_time, day.end_time) for day in days}
    return ProgrammeSummary(
        first=days[0], last=days[-1], count=len(days), same_times=len(times) == 1
    )


def lag_by_slug(slug: str) -> Lag | None:
    return Lag.objects.filter(slug=slug).first()


def registration_of_event(*, event: Event, pk) -> Registration | None:
    return Registration.objects.filter(event=event, pk=pk).select_related("person", "actor").first()


def event_day(pk) -> EventDay | None:
    return EventDay.objects.filter(pk=pk).first()


def _waiting_ahead():
    """How many waiting registrations of the same event came before this one (a subquery)."""
    ahead = (
        Registration.objects.filter(event=OuterRef("event"), status=RegistrationStatus.WAITING)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), id__lt=OuterRef("pk"))
        )
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(ahead, output_field=IntegerField()), 0)


@dataclass(frozen=True)
class PersonRegistrations:
    """A person's registrations for the person's page: `upcoming` and the latest `past`."""

    upcoming: list[Registration]
    past: list[Registration]
    more_past: bool  # more past registrations than shown


def registrations_of_person(*, person, now=None, past_limit: int = 5) -> PersonRegistrations:
    """The person's registrations with their events, in two queries however many there are.

    Upcoming: one row per event not yet over (the live registration, else the latest
    cancelled one, so that "register again" can be offered), soonest first, each with
    `waiting_position` (1 = first on the waiting list; None unless waiting). Past: live
    registrations of events that are over, newest first, at most `past_limit`.
    """
    now = now or timezone.now()
    rows = (
        Registration.objects.filter(person=person)
        .select_related("event", "event__settlement")
        .annotate(waiting_ahead=_waiting_ahead())
    )
    not_over = Q(event__ends_at__gte=now) | Q(event__ends_at__isnull=True)
    upcoming: dict[int, Registration] = {}
    for registration in (
        rows.filter(not_over)
        .exclude(event__status=EventStatus.DRAFT)
        .order_by("event__starts_at", "event_id", "-created_at", "-id")
    ):
        kept = upcoming.get(registration.event_id)
        if kept is None or (
            kept.status == RegistrationStatus.CANCELLED and registration.status in LIVE_STATUSES
        ):
            upcoming[registration.event_id] = registration
    past = list(
        rows.filter(event__ends_at__lt=now, status__in=LIVE_STATUSES).order_by(
            "-event__ends_at", "-id"
        )[: past_limit + 1]
    )
    for registration in upcoming.values():
        registration.waiting_position = (
            registration.waiting_ahead + 1
            if registration.status == RegistrationStatus.WAITING
            else None
        )
    return PersonRegistrations(
        upcoming=list(upcoming.values()), past=past[:past_limit], more_past=len(past) > past_limit
    )


# --- The coordinator's desk (kaimolink.desk): what needs the organisers of these LAGs -------

# How far the desk looks back for held events without attendance and ahead for coming ones.
DESK_DAYS = 14


def of_lags(events: QuerySet, lag_ids) -> QuerySet:
    """The events organised by one of these LAGs (every event for None), each once: an
    Exists rather than a join, so an event of two of the LAGs is not counted twice."""
    if lag_ids is None:
        return events
    organisers = Event.lags.through.objects.filter(event=OuterRef("pk"), lag_id__in=lag_ids)
    return events.filter(Exists(organisers))


def with_lags(events: QuerySet) -> QuerySet:
    """The organising LAGs by name, prefetched (one query for every event)."""
    return events.prefetch_related(Prefetch("lags", queryset=Lag.objects.order_by("name_sort")))


def is_over(now: datetime.datetime) -> Q:
    """Events that have taken place: marked held, or published and ended (as certificates
    and the event's page decide it); cancelled events and drafts never are."""
    return Q(status=EventStatus.HELD) | Q(status=EventStatus.PUBLISHED, ends_at__lte=now)


def events_without_attendance(*, lag_ids=None, now=None, days: int = DESK_DAYS) -> list[Event]:
    """Events over within the last `days` days that have confirmed participants and a day
    nobody was marked on (present or absent), each with `unmarked_days`. Two queries."""
    now = now or timezone.now()
    confirmed = Registration.objects.filter(
        event=OuterRef("pk"), status=RegistrationStatus.CONFIRMED
    )
    marked = Attendance.objects.filter(day=OuterRef("pk"))
    unmarked = (
        EventDay.objects.filter(event=OuterRef("pk"))
        .filter(~Exists(marked))
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    events = (
        Event.objects.filter(is_over(now), ends_at__gte=now - datetime.timedelta(days=days))
        .filter(Exists(confirmed))
        .annotate(unmarked_days=Coalesce(Subquery(unmarked, output_field=IntegerField()), 0))
        .filter(unmarked_days__gt=0)
        .order_by("-ends_at", "id")
    )
    return list(with_lags(of_lags(events, lag_ids)))


def events_coming_up(*, lag_ids=None, now=None, days: int = DESK_DAYS) -> list[Event]:
    """Published events starting within the next `days` days, soonest first, with
    `confirmed_count` and `waiting_count` (so `places_left` needs no query). Two queries."""
    now = now or timezone.now()
    events = with_counts(
        Event.objects.filter(
            status=EventStatus.PUBLISHED,
            starts_at__gte=now,
            starts_at__lt=now + datetime.timedelta(days=days),
        )
    ).order_by("starts_at", "id")
    return list(with_lags(of_lags(events, lag_ids)))


def desk_events(*, lag_ids=None, status=None, kind=None) -> QuerySet:
    """Every event of these LAGs (every event for None) for the desk's list, drafts and
    cancelled ones too: those without dates first, then the latest start first. Place
    counts annotated; LAGs and the settlement loaded in fixed queries."""
    events = Event.objects.all()
    if status:
        events = events.filter(status=status)
    if kind:
        events = events.filter(kind=kind)
    events = with_counts(of_lags(events, lag_ids)).select_related("settlement")
    return with_lags(events).order_by(F("starts_at").desc(nulls_first=True), "-id")


def desk_event(*, lag_ids=None, pk) -> Event | None:
    """One event of these LAGs with its LAGs and days, for editing; None when it is not
    theirs (the page answers 404 whether it is missing or another LAG's)."""
    events = _with_related(of_lags(Event.objects.all(), lag_ids)).select_related("trainer")
    return events.filter(pk=pk).first()


def desk_series_list(*, lag_ids=None) -> QuerySet:
    """The event series of these LAGs by title, with `event_count` and their LAGs."""
    series = EventSeries.objects.all()
    if lag_ids is not None:
        organisers = EventSeries.lags.through.objects.filter(
            eventseries=OuterRef("pk"), lag_id__in=lag_ids
        )
        series = series.filter(Exists(organisers))
    events = (
        Event.objects.filter(series=OuterRef("pk"))
        .order_by()
        .values("series")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        series.annotate(event_count=Coalesce(Subquery(events, output_field=IntegerField()), 0))
        .select_related("theme")
        .prefetch_related(Prefetch("lags", queryset=Lag.objects.order_by("name_sort")))
        .order_by("title", "id")
    )


def desk_series(*, lag_ids=None, pk) -> EventSeries | None:
    return desk_series_list(lag_ids=lag_ids).filter(pk=pk).first()


def series_choices(*, lag_ids=None) -> QuerySet:
    """The series an event of these LAGs may join (every series for None)."""
    series = EventSeries.objects.all()
    if lag_ids is not None:
        series = series.filter(lags__in=lag_ids).distinct()
    return series.order_by("title", "id")


def offline_people_registered(*, lag_ids: set[int] | None) -> QuerySet:
    """People registered without an e-mail address for events of these LAGs (every one of
    them when `lag_ids` is None: administrators), each with `registration_count` (their
    registrations for those events, cancelled ones included). One query."""
    registrations = Registration.objects.filter(person=OuterRef("pk"))
    if lag_ids is not None:
        registrations = registrations.filter(event__lags__in=lag_ids)
    counted = (
        registrations.order_by().values("person").annotate(n=Count("pk", distinct=True)).values("n")
    )
    people = offline_people()
    if lag_ids is not None:
        people = people.filter(Exists(registrations))
    return people.annotate(registration_count=Coalesce(Subquery(counted), 0))
