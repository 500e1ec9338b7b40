"""Reads of events and registrations. Pages, calendar files, API and reports go through here."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from kaimolink.core.models import Lag
from kaimolink.events.enums import (
    LIVE_STATUSES,
    VISIBLE_STATUSES,
    RegistrationStatus,
    Visibility,
)
from kaimolink.events.models import Event, EventDay, Registration


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


def events_upcoming(*, lag=None, kind=None, theme=None, month=None) -> QuerySet:
    """Public events, soonest first, with LAGs, days and place counts in fixed queries.

    Without `month`: those not yet over. With `month` (a date in that month): every
    public event starting in that month, held ones included.
    """
    qs = public_events()
    if month is not None:
        start, following = month_range(month)
        qs = qs.filter(starts_at__gte=start, starts_at__lt=following)
    else:
        qs = qs.filter(ends_at__gte=timezone.now())
    if lag is not None:
        qs = qs.filter(lags=lag)
    if kind:
        qs = qs.filter(kind=kind)
    if theme is not None:
        qs = qs.filter(theme=theme)
    return _with_related(with_counts(qs)).order_by("starts_at", "id")


def events_for_calendar(*, lag=None) -> QuerySet:
    """Every public event with its days (past ones too: calendars keep history)."""
    qs = public_events().filter(starts_at__isnull=False)
    if lag is not None:
        qs = qs.filter(lags=lag)
    return _with_related(qs).order_by("starts_at", "id")


def event_for_page(slug: str) -> Event | None:
    """One event with everything its page shows; None when there is none."""
    return (
        _with_related(with_counts(Event.objects.all()))
        .select_related("trainer")
        .filter(slug=slug)
        .first()
    )


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
    """Counts for reporting (attendance and certificates come with those features)."""

    registered: int  # every registration ever made, cancelled ones included
    confirmed: int
    waiting: int
    cancelled: int

    @property
    def live(self) -> int:
        return self.confirmed + self.waiting


def event_figures(*, event: Event) -> EventFigures:
    counts = dict(
        Registration.objects.filter(event=event)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return EventFigures(
        registered=sum(counts.values()),
        confirmed=counts.get(RegistrationStatus.CONFIRMED, 0),
        waiting=counts.get(RegistrationStatus.WAITING, 0),
        cancelled=counts.get(RegistrationStatus.CANCELLED, 0),
    )
