"""Figures computed from several apps' data, for reporting (the floor above them all).

A group of events (a series, or a LAG's events of a period) with the certificates issued
for them: events and certificates both sit below, so the figures that need both live here.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, DecimalField, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from kaimolink.certificates.models import Certificate
from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Attendance, Event, EventDay, Registration
from kaimolink.events.selectors import day_hours, is_over, tenths


@dataclass(frozen=True)
class GroupFigures:
    """Counts of a group of events (a series, or a LAG's events of a period) for reporting.

    `registered` counts live registrations (confirmed + waiting), unlike EventFigures.
    """

    events: int
    events_held: int
    hours_planned: Decimal  # the events' official hours, summed
    registered: int  # live registrations: confirmed + waiting
    confirmed: int
    waiting: int
    attended: int  # confirmed registrations present on at least one day
    person_hours_attended: Decimal  # as event_figures' hours_attended, summed over events
    certificates: int  # issued and not revoked


ZERO = GroupFigures(
    events=0,
    events_held=0,
    hours_planned=Decimal("0.0"),
    registered=0,
    confirmed=0,
    waiting=0,
    attended=0,
    person_hours_attended=Decimal("0.0"),
    certificates=0,
)


def figures_total(parts) -> GroupFigures:
    """The figures of several groups of distinct events, added up (every count is additive:
    a registration, attendance or certificate belongs to one event)."""
    total = {name: getattr(ZERO, name) for name in GroupFigures.__dataclass_fields__}
    for part in parts:
        for name in total:
            total[name] += getattr(part, name)
    return GroupFigures(**total)


def _group_figures(events: QuerySet) -> GroupFigures:
    """Figures of the events in `events` in five queries, however many events there are."""
    return figures_total(figures_by_kind(events).values())


def figures_by_kind(events: QuerySet) -> dict[str, GroupFigures]:
    """Figures of the events in `events` for each event kind that has some, in five
    queries however many events there are (kinds without events are absent)."""
    events = events.order_by()
    ids = events.values("pk")
    totals = events.values("kind").annotate(
        events=Count("pk", distinct=True),
        # Held as everywhere else (certificates, the event page, the computed
        # indicators): marked held, or published and over.
        events_held=Count("pk", distinct=True, filter=is_over(timezone.now())),
        hours_planned=Coalesce(Sum("hours"), Decimal(0), output_field=DecimalField()),
    )
    registrations = {
        row["event__kind"]: row
        for row in Registration.objects.filter(event__in=ids)
        .order_by()
        .values("event__kind")
        .annotate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        )
    }
    attended = dict(
        Attendance.objects.filter(
            day__event__in=ids, present=True, registration__status=RegistrationStatus.CONFIRMED
        )
        .order_by()
        .values_list("registration__event__kind")
        .annotate(n=Count("registration", distinct=True))
    )
    # Person-hours by event_figures' rule (day_hours, rounded per event), from one query.
    days = (
        EventDay.objects.filter(event__in=ids)
        .order_by()
        .values_list(
            "pk", "event_id", "event__kind", "event__hours", "date", "start_time", "end_time"
        )
        .annotate(
            present=Count(
                "attendances",
                filter=Q(
                    attendances__present=True,
                    attendances__registration__status=RegistrationStatus.CONFIRMED,
                ),
            )
        )
    )
    by_event: dict[int, tuple[Event, list[EventDay], dict[int, int]]] = {}
    for pk, event_id, kind, hours, date, start_time, end_time, present in days:
        event, event_days, counts = by_event.setdefault(
            event_id, (Event(pk=event_id, kind=kind, hours=hours), [], {})
        )
        event_days.append(EventDay(pk=pk, date=date, start_time=start_time, end_time=end_time))
        counts[pk] = present
    person_hours: dict[str, Decimal] = {}
    for event, event_days, counts in by_event.values():
        if any(counts.values()):
            hours = day_hours(event, event_days)
            person_hours[event.kind] = person_hours.get(event.kind, Decimal(0)) + tenths(
                sum((hours[day] * n for day, n in counts.items()), Decimal(0))
            )
    certificates = dict(
        Certificate.objects.filter(event__in=ids, revoked_at__isnull=True)
        .order_by()
        .values_list("event__kind")
        .annotate(n=Count("pk"))
    )
    figures = {}
    for row in totals:
        kind = row["kind"]
        counted = registrations.get(kind, {"confirmed": 0, "waiting": 0})
        figures[kind] = GroupFigures(
            events=row["events"],
            events_held=row["events_held"],
            hours_planned=tenths(row["hours_planned"]),
            registered=counted["confirmed"] + counted["waiting"],
            confirmed=counted["confirmed"],
            waiting=counted["waiting"],
            attended=attended.get(kind, 0),
            person_hours_attended=tenths(person_hours.get(kind, Decimal(0))),
            certificates=certificates.get(kind, 0),
        )
    return figures


def series_figures(*, series) -> GroupFigures:
    """Figures of every event of a series, whatever its status."""
    return _group_figures(Event.objects.filter(series=series))


def period_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """The first moment of `start` and the first moment after `end`, in Vilnius."""
    tz = ZoneInfo(settings.TIME_ZONE)
    first = datetime.datetime.combine(start, datetime.time(), tzinfo=tz)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), tzinfo=tz)
    return first, after


def lag_events(*, lag, start: datetime.date, end: datetime.date) -> QuerySet:
    """A LAG's events whose first day falls in [start, end] (Vilnius dates), any status.

    A joint event counts in full for each of its LAGs.
    """
    first, after = period_bounds(start, end)
    return Event.objects.filter(lags=lag, starts_at__gte=first, starts_at__lt=after)


def lag_figures(*, lag, start: datetime.date, end: datetime.date) -> GroupFigures:
    """Figures of a LAG's events whose first day falls in [start, end] (Vilnius dates).

    A joint event counts in full for each of its LAGs.
    """
    return _group_figures(lag_events(lag=lag, start=start, end=end))
