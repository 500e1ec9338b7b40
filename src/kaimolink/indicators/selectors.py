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

from kaimolink.certificates.models import Certificate
from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.models import Attendance, Event, EventDay, Registration
from kaimolink.events.selectors import day_hours, tenths


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


def _group_figures(events: QuerySet) -> GroupFigures:
    """Figures of the events in `events` in five queries, however many events there are."""
    events = events.order_by()
    ids = events.values("pk")
    totals = events.aggregate(
        events=Count("pk", distinct=True),
        events_held=Count("pk", distinct=True, filter=Q(status=EventStatus.HELD)),
        hours_planned=Coalesce(Sum("hours"), Decimal(0), output_field=DecimalField()),
    )
    registrations = Registration.objects.filter(event__in=ids).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    attended = Attendance.objects.filter(
        day__event__in=ids, present=True, registration__status=RegistrationStatus.CONFIRMED
    ).aggregate(n=Count("registration", distinct=True))["n"]
    # Person-hours by event_figures' rule (day_hours, rounded per event), from one query.
    days = (
        EventDay.objects.filter(event__in=ids)
        .order_by()
        .values_list("pk", "event_id", "event__hours", "date", "start_time", "end_time")
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
    for pk, event_id, hours, date, start_time, end_time, present in days:
        event, event_days, counts = by_event.setdefault(
            event_id, (Event(pk=event_id, hours=hours), [], {})
        )
        event_days.append(EventDay(pk=pk, date=date, start_time=start_time, end_time=end_time))
        counts[pk] = present
    person_hours = Decimal(0)
    for event, event_days, counts in by_event.values():
        if any(counts.values()):
            hours = day_hours(event, event_days)
            person_hours += tenths(sum((hours[day] * n for day, n in counts.items()), Decimal(0)))
    certificates = Certificate.objects.filter(event__in=ids, revoked_at__isnull=True).count()
    return GroupFigures(
        events=totals["events"],
        events_held=totals["events_held"],
        hours_planned=tenths(totals["hours_planned"]),
        registered=registrations["confirmed"] + registrations["waiting"],
        confirmed=registrations["confirmed"],
        waiting=registrations["waiting"],
        attended=attended,
        person_hours_attended=tenths(person_hours),
        certificates=certificates,
    )


def series_figures(*, series) -> GroupFigures:
    """Figures of every event of a series, whatever its status."""
    return _group_figures(Event.objects.filter(series=series))


def lag_figures(*, lag, start: datetime.date, end: datetime.date) -> GroupFigures:
    """Figures of a LAG's events whose first day falls in [start, end] (Vilnius dates).

    A joint event counts in full for each of its LAGs.
    """
    tz = ZoneInfo(settings.TIME_ZONE)
    first = datetime.datetime.combine(start, datetime.time(), tzinfo=tz)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), tzinfo=tz)
    return _group_figures(Event.objects.filter(lags=lag, starts_at__gte=first, starts_at__lt=after))
