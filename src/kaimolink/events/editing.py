"""Writes of events and series by their organisers: the coordinator's desk calls these.

The rules a coordinator meets here are the admin's (events/admin.py): they choose among
their own LAGs, keep the partner LAGs of a joint event they may not choose themselves,
and at least one of their own stays. Every service checks `can_manage_event` itself, so
the desk, the API or a task cannot bypass it, and refuses with an `EventEditError` that
names the field it is about.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kaimolink.core.links import page_link
from kaimolink.core.mail import mail_to
from kaimolink.events.enums import EventStatus
from kaimolink.events.models import (
    Event,
    EventDay,
    EventSeries,
    Registration,
    RegistrationLogEntry,
)
from kaimolink.events.rules import can_manage_event
from kaimolink.events.selectors import registrations_of_event
from kaimolink.events.services import RegistrationError, event_set_capacity

# What the event form edits besides the LAGs, the days, the capacity and the status.
EVENT_FIELDS = (
    "title",
    "description",
    "kind",
    "theme",
    "series",
    "settlement",
    "address",
    "lat",
    "lon",
    "online_url",
    "hours",
    "trainer",
    "registration_opens",
    "registration_closes",
    "questions",
    "visibility",
    "requires_homework",
)
# The statuses a coordinator sets in the form; "cancelled" has its own page (event_cancel)
# and "held" is an event that has taken place.
EDITABLE_STATUSES = (EventStatus.DRAFT, EventStatus.PUBLISHED)


class EventEditError(Exception):
    """A change that cannot be made; the message is for the person, `field` the form field
    it is about (None: the whole form)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class DayPlan:
    """One day of the programme as the form gives it."""

    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    programme: str = ""


def choosable_lag_ids(user, *, kept=()) -> set[int] | None:
    """The LAGs this person may give an event or a series: their own, plus those it
    already has (`kept`, a joint event's partners). None: any LAG (an administrator)."""
    if user.is_superuser:
        return None
    return set(user.coordinated_lag_ids()) | {lag.pk for lag in kept}


def _check_lags(by, lags, *, kept=()) -> None:
    if not lags:
        raise EventEditError(_("Choose at least one LAG."), field="lags")
    if by.is_superuser:
        return
    allowed = choosable_lag_ids(by, kept=kept)
    chosen = {lag.pk for lag in lags}
    if not chosen <= allowed:
        raise EventEditError(_("Choose only LAGs you coordinate."), field="lags")
    if not chosen & by.coordinated_lag_ids():
        raise EventEditError(_("Keep at least one of your own LAGs."), field="lags")


def _check_settlement(settlement, lags) -> None:
    if settlement is None:
        return
    districts = {district.pk for lag in lags for district in lag.districts.all()}
    if settlement.district_id not in districts:
        raise EventEditError(
            _("Choose a settlement in a municipality of the organising LAGs."),
            field="settlement",
        )


def _check_days(days: list[DayPlan]) -> None:
    if not days:
        raise EventEditError(_("Add at least one day to the programme."), field="days")
    seen = set()
    for day in days:
        if day.end_time <= day.start_time:
            raise EventEditError(_("A day must end after it starts."), field="days")
        if day.date in seen:
            raise EventEditError(_("Each day of the programme needs its own date."), field="days")
        seen.add(day.date)


def _set_days(event: Event, days: list[DayPlan]) -> None:
    """Make the event's programme `days`, matching days by date: a date kept is updated,
    a date gone is removed (refused when attendance is marked on it), a new one added.
    Each save keeps the event's first and last moment (events.signals)."""
    wanted = {day.date: day for day in days}
    for existing in list(event.days.all()):
        plan = wanted.pop(existing.date, None)
        if plan is None:
            if existing.attendances.exists():
                raise EventEditError(
                    _(
                        "Attendance is marked on %(date)s: that day cannot be removed "
                        "or moved to another date."
                    )
                    % {"date": existing.date.isoformat()},
                    field="days",
                )
            existing.delete()
            continue
        changed = (existing.start_time, existing.end_time, existing.programme) != (
            plan.start_time,
            plan.end_time,
            plan.programme,
        )
        if changed:
            existing.start_time, existing.end_time = plan.start_time, plan.end_time
            existing.programme = plan.programme
            existing.save(update_fields=["start_time", "end_time", "programme"])
    for plan in wanted.values():
        EventDay.objects.create(
            event=event,
            date=plan.date,
            start_time=plan.start_time,
            end_time=plan.end_time,
            programme=plan.programme,
        )


def _check_values(values: dict) -> None:
    opens, closes = values.get("registration_opens"), values.get("registration_closes")
    if opens and closes and closes <= opens:
        raise EventEditError(
            _("Registration must close after it opens."), field="registration_closes"
        )
    questions = values.get("questions") or []
    if not all(isinstance(q, str) and q.strip() for q in questions):
        raise EventEditError(_("Questions must be a list of texts."), field="questions")


@transaction.atomic
def event_create(
    *, by, values: dict, lags, days: list[DayPlan], capacity: int, status=EventStatus.DRAFT
) -> Event:
    """A new event of `lags` with its programme; its slug is made from the title.

    `values` holds the fields of EVENT_FIELDS (missing ones keep their defaults). Without
    a position the settlement's is used (Event.save).
    """
    if status not in EDITABLE_STATUSES:
        raise EventEditError(_("Choose draft or published."), field="status")
    lags = list(lags)
    _check_lags(by, lags)
    _check_settlement(values.get("settlement"), lags)
    _check_days(days)
    _check_values(values)
    event = Event(
        status=status,
        capacity=capacity,
        **{name: value for name, value in values.items() if name in EVENT_FIELDS},
    )
    event.save()
    event.lags.set(lags)
    _set_days(event, days)
    event.refresh_from_db()
    return event


@transaction.atomic
def event_update(
    *, event: Event, by, values: dict, lags, days: list[DayPlan], capacity: int, status=None
) -> Event:
    """Change an event, its LAGs, programme, capacity and status (draft or published).

    The event row is locked first. Fewer places than are confirmed is refused; more
    places confirm people from the waiting list (services.event_set_capacity, which also
    tells them). A cancelled or held event keeps its status (`status` None).
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not can_manage_event(by, event):
        raise EventEditError(_("You may not change this event."))
    current_lags = list(event.lags.all())
    lags = list(lags)
    _check_lags(by, lags, kept=current_lags)
    _check_settlement(values.get("settlement"), lags)
    _check_days(days)
    _check_values(values)
    if status is not None and status != event.status:
        if event.status not in EDITABLE_STATUSES or status not in EDITABLE_STATUSES:
            raise EventEditError(_("The status of this event cannot be changed."), field="status")
        event.status = status
    fields = [name for name in EVENT_FIELDS if name in values]
    for name in fields:
        setattr(event, name, values[name])
    event.save(update_fields=[*fields, "status", "updated_at"])
    if {lag.pk for lag in lags} != {lag.pk for lag in current_lags}:
        event.lags.set(lags)
    _set_days(event, days)
    if capacity != event.capacity:
        try:
            event_set_capacity(event=event, capacity=capacity, by=by)
        except RegistrationError as exc:
            raise EventEditError(str(exc), field="capacity") from None
    event.refresh_from_db()
    return event


@transaction.atomic
def event_copy(*, source: Event, by, first_date: datetime.date | None = None) -> Event:
    """A new draft with everything of `source` but its registrations and its slug.

    With `first_date` the programme days move by the same number of days, so the first
    falls on it (hours and programme kept); without it the copy has no days yet.
    """
    if not can_manage_event(by, source):
        raise EventEditError(_("You may not copy this event."))
    copy = Event(
        status=EventStatus.DRAFT,
        capacity=source.capacity,
        **{name: getattr(source, name) for name in EVENT_FIELDS},
    )
    # Registration windows belong to the old dates; the copy opens and closes by its own.
    copy.registration_opens = copy.registration_closes = None
    copy.save()
    copy.lags.set(source.lags.all())
    days = list(source.days.order_by("date"))
    if first_date is not None and days:
        shift = first_date - days[0].date
        _set_days(
            copy,
            [DayPlan(d.date + shift, d.start_time, d.end_time, d.programme) for d in days],
        )
    copy.refresh_from_db()
    return copy


@dataclass(frozen=True)
class Cancellation:
    event: Event
    told: list[Registration]  # registrations whose person was e-mailed
    without_email: list[Registration]  # people to tell another way (phone, in person)


def _tell_cancelled(registration: Registration, reason: str) -> bool:
    event = registration.event

    def compose():
        subject = _("Cancelled: “%s”") % event.title
        body = _(
            "The event “%(title)s” you registered for is cancelled.\n\nReason: %(reason)s\n\n"
            "The event's page: %(url)s"
        ) % {
            "title": event.title,
            "reason": reason,
            "url": page_link("events:detail", slug=event.slug),
        }
        return subject, body

    return mail_to(registration.person, compose)


@transaction.atomic
def event_cancel(*, event: Event, by, reason: str) -> Cancellation:
    """Cancel the event and e-mail every confirmed or waiting registrant the reason.

    The registrations stay as they were (the record of who had a place); the event's
    page says it is cancelled, nobody can register any more, nobody is promoted. The
    e-mails go after the commit; a log entry keeps who cancelled and why.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not can_manage_event(by, event):
        raise EventEditError(_("You may not cancel this event."))
    reason = (reason or "").strip()
    if not reason:
        raise EventEditError(_("Write the reason for cancelling the event."), field="reason")
    if event.status == EventStatus.CANCELLED:
        raise EventEditError(_("This event is already cancelled."))
    if event.status == EventStatus.HELD:
        raise EventEditError(_("This event has taken place: it cannot be cancelled."))
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    RegistrationLogEntry.objects.create(
        event=event,
        kind=RegistrationLogEntry.Kind.CANCELLED,
        by=by,
        to_status=EventStatus.CANCELLED,
        note=reason,
    )
    told, without = [], []
    for registration in registrations_of_event(event=event):
        registration.event = event
        (told if _tell_cancelled(registration, reason) else without).append(registration)
    return Cancellation(event=event, told=told, without_email=without)


@transaction.atomic
def series_create(*, by, title: str, lags, theme=None) -> EventSeries:
    """A new series of events of `lags` (the person's own, any for an administrator)."""
    lags = list(lags)
    _check_lags(by, lags)
    series = EventSeries.objects.create(title=" ".join(title.split()), theme=theme)
    series.lags.set(lags)
    return series


@transaction.atomic
def series_update(*, series: EventSeries, by, title: str, lags, theme=None) -> EventSeries:
    """Rename a series, change its LAGs (partner LAGs it has may stay) or its theme."""
    series = EventSeries.objects.select_for_update().get(pk=series.pk)
    current = list(series.lags.all())
    if not by.is_superuser and not {lag.pk for lag in current} & by.coordinated_lag_ids():
        raise EventEditError(_("You may not change this series."))
    lags = list(lags)
    _check_lags(by, lags, kept=current)
    series.title = " ".join(title.split())
    series.theme = theme
    series.save(update_fields=["title", "theme"])
    series.lags.set(lags)
    return series
