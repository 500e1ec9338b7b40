"""Writes of events and registrations: the one path for pages, admin, API and tasks.

Capacity is guarded by a row lock on the event (SELECT … FOR UPDATE): every write that
counts or changes places locks the event row first, so places are counted by one
transaction at a time and never handed out twice (tests/events/test_concurrency.py).
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimolink.accounts.models import User
from kaimolink.accounts.phones import PhoneError, phone_normalise
from kaimolink.accounts.selectors import is_offline_person, offline_person_find
from kaimolink.accounts.services import PeopleMergeError, person_rows_move
from kaimolink.actors.models import ActorMembership
from kaimolink.core.links import page_link
from kaimolink.core.mail import mail_to
from kaimolink.events.enums import EventStatus, RegistrationStatus, Visibility
from kaimolink.events.models import (
    Attendance,
    Event,
    EventDay,
    Registration,
    RegistrationLogEntry,
    local_datetime,
)
from kaimolink.events.rules import can_follow_event, can_manage_event

MAX_ANSWER_LENGTH = 1000


class RegistrationError(Exception):
    """A registration request that cannot be carried out; the message is for the person."""


def _lock_event(event: Event) -> Event:
    """The event's current row, locked until the transaction ends."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _confirmed_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()


def _tell_promoted(registration: Registration) -> None:
    """After the commit (never for a rolled-back promotion): 'a place is yours'."""
    event = registration.event

    def compose():
        subject = _("A place is free: you are registered for “%s”") % event.title
        body = _(
            "A place became free and you were moved from the waiting list: your registration "
            "for “%(title)s” is confirmed.\n\nIf you cannot come, cancel it so the next person "
            "gets the place: %(url)s"
        ) % {"title": event.title, "url": page_link("events:detail", slug=event.slug)}
        return subject, body

    mail_to(registration.person, compose)


def _promote_waiting(event: Event, *, by) -> list[Registration]:
    """Confirm the earliest waiting people while places are free. The event must be locked.

    Only while the event is open: nobody is promoted into a cancelled or held event.
    """
    if event.status != EventStatus.PUBLISHED:
        return []
    free = event.capacity - _confirmed_count(event)
    if free <= 0:
        return []
    waiting = list(
        Registration.objects.select_for_update()
        .filter(event=event, status=RegistrationStatus.WAITING)
        .select_related("person")
        .order_by("created_at", "id")[:free]
    )
    now = timezone.now()
    for registration in waiting:
        registration.event = event
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        RegistrationLogEntry.objects.create(
            event=event,
            registration=registration,
            kind=RegistrationLogEntry.Kind.PROMOTED,
            by=by,
            to_status=RegistrationStatus.CONFIRMED,
        )
        _tell_promoted(registration)
    return waiting


def _clean_answers(event: Event, answers) -> dict:
    answers = answers or {}
    if not isinstance(answers, dict):
        raise RegistrationError(_("The answers could not be read."))
    known = set(event.questions or [])
    cleaned = {}
    for question, answer in answers.items():
        if question not in known:
            raise RegistrationError(_("The answers do not match the event's questions."))
        answer = str(answer or "").strip()
        if len(answer) > MAX_ANSWER_LENGTH:
            raise RegistrationError(
                _("An answer may be at most %d characters long.") % MAX_ANSWER_LENGTH
            )
        if answer:
            cleaned[question] = answer
    return cleaned


@transaction.atomic
def registration_create(
    *, event: Event, person, actor=None, answers=None, by=None, consent: bool = False
) -> Registration:
    """Register `person` for `event`: a confirmed place if one is free, else the waiting list.

    `by` is who registers (the person themselves when None). Registering someone else is
    for the event's organisers and needs the person's consent recorded. `actor` must be an
    actor the person belongs to. Locks the event row while counting the places.
    """
    by = by or person
    event = _lock_event(event)
    assisted = by.pk != person.pk
    if assisted:
        if not can_manage_event(by, event):
            raise RegistrationError(_("You may not register other people for this event."))
        if not consent:
            raise RegistrationError(
                _("Record that the person agreed to be registered before registering them.")
            )
    if event.status == EventStatus.CANCELLED:
        raise RegistrationError(_("This event is cancelled."))
    if event.status != EventStatus.PUBLISHED:
        raise RegistrationError(_("Registration for this event is not open."))
    if event.visibility == Visibility.INVITED and not assisted and not can_manage_event(by, event):
        raise RegistrationError(
            _("This event is by invitation: the organisers register the participants.")
        )
    now = timezone.now()
    if event.registration_opens and now < event.registration_opens:
        raise RegistrationError(_("Registration for this event has not opened yet."))
    closes = event.registration_closes_at
    if closes is None or now >= closes:
        raise RegistrationError(_("Registration for this event is closed."))
    if actor is not None and not ActorMembership.objects.filter(actor=actor, user=person).exists():
        raise RegistrationError(_("You can register only on behalf of an actor you belong to."))
    if (
        Registration.objects.filter(event=event, person=person)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        raise RegistrationError(_("This person is already registered for this event."))
    answers = _clean_answers(event, answers)
    status = (
        RegistrationStatus.CONFIRMED
        if _confirmed_count(event) < event.capacity
        else RegistrationStatus.WAITING
    )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                person=person,
                actor=actor,
                status=status,
                answers=answers,
                registered_by=by,
                consent_recorded=bool(consent) if assisted else False,
            )
    except IntegrityError:  # the unique constraint, should anything bypass the lock
        raise RegistrationError(_("This person is already registered for this event.")) from None
    RegistrationLogEntry.objects.create(
        event=event,
        registration=registration,
        kind=RegistrationLogEntry.Kind.CREATED,
        by=by,
        to_status=status,
        note=_("Registered by a coordinator, consent recorded.") if assisted else "",
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by, reason: str = "") -> Registration:
    """Cancel a registration and give a freed place to the earliest person waiting.

    The participant may cancel until the event starts; the event's organisers at any time,
    with a reason. Locks the event row first (the same order as registration_create), then
    the registration. The promoted person is told by e-mail after the commit.
    """
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.event = event
    reason = (reason or "").strip()
    manager = can_manage_event(by, event)
    own = registration.person_id == by.pk
    if not (own or manager):
        raise RegistrationError(_("You may not cancel this registration."))
    if registration.status == RegistrationStatus.CANCELLED:
        raise RegistrationError(_("This registration is already cancelled."))
    started = event.starts_at is not None and timezone.now() >= event.starts_at
    if not manager and started:
        raise RegistrationError(
            _("The event has started; ask the organisers to cancel the registration.")
        )
    if manager and not own and not reason:
        raise RegistrationError(_("Write the reason for cancelling this registration."))
    _cancel(registration, event=event, by=by, reason=reason)
    return registration


def _cancel(registration: Registration, *, event: Event, by, reason: str) -> None:
    """Cancel with a log entry; a confirmed place freed before the event starts goes to the
    earliest person waiting. `event` must be locked (registration_cancel, merges)."""
    held_place = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.cancelled_by = by
    registration.cancel_reason = reason
    registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    RegistrationLogEntry.objects.create(
        event=event,
        registration=registration,
        kind=RegistrationLogEntry.Kind.CANCELLED,
        by=by,
        to_status=RegistrationStatus.CANCELLED,
        note=reason,
    )
    started = event.starts_at is not None and timezone.now() >= event.starts_at
    if held_place and not started:
        _promote_waiting(event, by=by)


@transaction.atomic
def event_set_capacity(*, event: Event, capacity: int, by) -> Event:
    """Change the number of places; refuses fewer than are confirmed, promotes when raised."""
    event = _lock_event(event)
    if not can_manage_event(by, event):
        raise RegistrationError(_("You may not change this event."))
    if not isinstance(capacity, int) or capacity < 0:
        raise RegistrationError(_("The number of places must be a whole number, 0 or more."))
    confirmed = _confirmed_count(event)
    if capacity < confirmed:
        raise RegistrationError(
            _("%(confirmed)d places are already confirmed: the capacity cannot be %(capacity)d.")
            % {"confirmed": confirmed, "capacity": capacity}
        )
    old = event.capacity
    event.capacity = capacity
    event.save(update_fields=["capacity", "updated_at"])
    RegistrationLogEntry.objects.create(
        event=event, kind=RegistrationLogEntry.Kind.CAPACITY, by=by, note=f"{old} → {capacity}"
    )
    if capacity > old:
        _promote_waiting(event, by=by)
    return event


@dataclass(frozen=True)
class CapacityChange:
    event: Event
    promoted: list[Registration]  # moved from the waiting list to a confirmed place


@transaction.atomic
def event_change_capacity(*, event: Event, capacity: int, by) -> CapacityChange:
    """`event_set_capacity`, also telling who was promoted from the waiting list.

    The event row is locked first, so the waiting list read before and after the change
    is not touched by anyone else in between.
    """
    event = _lock_event(event)
    waiting = set(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).values_list(
            "pk", flat=True
        )
    )
    event = event_set_capacity(event=event, capacity=capacity, by=by)
    promoted = list(
        Registration.objects.filter(pk__in=waiting, status=RegistrationStatus.CONFIRMED)
        .select_related("person")
        .order_by("created_at", "id")
    )
    return CapacityChange(event=event, promoted=promoted)


@dataclass(frozen=True)
class AssistedRegistration:
    registration: Registration
    person_created: bool  # a new account was made for the person
    person_found: bool = False  # a person without e-mail found again by name and phone


def _new_offline_person(*, email: str, full_name: str, phone: str = "") -> User:
    """An account that cannot log in: no usable password (and none is e-mailed to anyone).

    With an e-mail address the person can later take it over through "forgot password";
    without one (`email` None) it only holds their registrations, and their phone.
    """
    user = User(
        email=email.lower() if email else None, full_name=full_name, phone="" if email else phone
    )
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def assisted_registration_create(
    *,
    event: Event,
    by,
    email: str = "",
    full_name: str = "",
    phone: str = "",
    actor=None,
    answers=None,
    consent: bool = False,
) -> AssistedRegistration:
    """An organiser registers a person who may not be online, with their consent.

    The person is the account with this e-mail address (case-insensitive); without an
    address, the person without e-mail registered before with the same name (without case
    and accents) and the same phone (`phone`, in any form accounts.phones reads); else a new
    account without a usable password (`_new_offline_person`). Without an address or a
    phone nobody can be found again, so the same name without an address already
    registered for the event is refused as a likely double entry. Everything happens under
    the event's row lock and in one transaction: when the registration is refused, no
    account is left.
    """
    event = _lock_event(event)
    if not can_manage_event(by, event):
        raise RegistrationError(_("You may not register other people for this event."))
    if not consent:
        raise RegistrationError(
            _("Record that the person agreed to be registered before registering them.")
        )
    email = (email or "").strip()
    full_name = (full_name or "").strip()
    person = User.objects.filter(email__iexact=email).first() if email else None
    found = False
    try:
        phone = phone_normalise(phone)
    except PhoneError:
        raise RegistrationError(
            _("Write the phone number like +370 612 34567 or 8 612 34567.")
        ) from None
    if person is None and not email:
        person = offline_person_find(full_name=full_name, phone=phone)
        found = person is not None
    created = person is None
    if created:
        if not email and not User._meta.get_field("email").null:
            raise RegistrationError(_("Write the person's e-mail address."))
        if not full_name:
            raise RegistrationError(_("Write the name of the person to register."))
        if not email and (
            Registration.objects.filter(
                event=event,
                person__email__isnull=True,
                person__full_name__iexact=full_name,
            )
            .exclude(status=RegistrationStatus.CANCELLED)
            .exists()
        ):
            raise RegistrationError(
                _(
                    "A person with this name and no e-mail address is already registered for "
                    "this event."
                )
            )
        try:
            with transaction.atomic():
                person = _new_offline_person(email=email, full_name=full_name, phone=phone)
        except IntegrityError:  # the same address registered elsewhere at this moment
            person = User.objects.get(email__iexact=email)
            created = False
    if actor is not None and not ActorMembership.objects.filter(actor=actor, user=person).exists():
        raise RegistrationError(
            _(
                "This person is not a member of that actor: register them without it, "
                "or ask the actor to add them first."
            )
        )
    registration = registration_create(
        event=event, person=person, actor=actor, answers=answers, by=by, consent=consent
    )
    return AssistedRegistration(
        registration=registration, person_created=created, person_found=found
    )


@transaction.atomic
def attendance_mark(*, registration: Registration, day: EventDay, present: bool, by) -> Attendance:
    """Record whether the registered person was present on `day` (insert or update).

    For the event's organisers (`can_manage_event`) and its trainer; only confirmed
    registrations, only days of the registration's event. Marking the same value again
    changes nothing but who marked and when, so a double tap or a repeated form is harmless.
    Locks the registration row (as registration_cancel does), so a cancellation cannot slip
    in between the status check and the write; two people marking the same person at once
    are applied one after the other and the last one wins.
    """
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=registration.pk)
    )
    event = registration.event
    if not can_follow_event(by, event):
        raise RegistrationError(_("You may not mark attendance at this event."))
    if day.event_id != event.pk:
        raise RegistrationError(_("This day is not part of this event's programme."))
    if event.status == EventStatus.CANCELLED:
        raise RegistrationError(_("This event is cancelled."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise RegistrationError(_("Attendance is marked only for confirmed registrations."))
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration,
        day=day,
        defaults={"present": bool(present), "marked_by": by, "marked_at": timezone.now()},
    )
    return attendance


def _remind(registration: Registration) -> None:
    if not registration.person.email:
        return
    event = registration.event
    first = event.days.order_by("date", "start_time").first()

    def compose():
        subject = _("Reminder: “%s” is tomorrow") % event.title
        body = _(
            "You are registered for “%(title)s”, which starts tomorrow at %(time)s.\n\n"
            "The programme, the venue and, if you cannot come, the button to cancel your "
            "place: %(url)s"
        ) % {
            "title": event.title,
            "time": f"{first.start_time:%H:%M}" if first else "",
            "url": page_link("events:detail", slug=event.slug),
        }
        return subject, body

    mail_to(registration.person, compose)


def reminders_send(*, now=None) -> int:
    """E-mail every confirmed participant of a published event starting tomorrow.

    "Tomorrow" is the platform's local date (Europe/Vilnius). Each registration is marked
    `reminded_at` in the same transaction as its e-mail is queued (sent after the commit),
    so running this twice sends nothing twice; on PostgreSQL two runs at once skip each
    other's locked rows (SKIP LOCKED) instead of both sending. Returns how many were sent.
    Run daily by `kaimolink worker` (settings.DAILY_JOBS) or `send_event_reminders`.
    """
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    starts_from = local_datetime(tomorrow, datetime.time.min)
    starts_before = local_datetime(tomorrow + datetime.timedelta(days=1), datetime.time.min)
    with transaction.atomic():
        due = Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminded_at__isnull=True,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gte=starts_from,
            event__starts_at__lt=starts_before,
        ).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        due = list(due.select_related("event", "person"))
        for registration in due:
            _remind(registration)
        Registration.objects.filter(pk__in=[r.pk for r in due]).update(reminded_at=now)
    return len(due)


@dataclass(frozen=True)
class PeopleMerge:
    """What `offline_people_merge` did: the kept person, how many registrations moved, and
    the events both were registered for (one registration kept, the other cancelled)."""

    kept: User
    moved: int
    doubled: list[Event]


_STATUS_RANK = {
    RegistrationStatus.CONFIRMED: 2,
    RegistrationStatus.WAITING: 1,
    RegistrationStatus.CANCELLED: 0,
}


def _registration_weight(registration: Registration) -> tuple:
    """Which of two registrations of one person for one event to keep: the live one, the
    confirmed one, the one with more days present, the earlier one."""
    present = registration.attendances.filter(present=True).count()
    return (_STATUS_RANK[registration.status], present, -registration.pk)


@transaction.atomic
def offline_people_merge(*, keep: User, drop: User, by) -> PeopleMerge:
    """Two records of one person registered without e-mail become one: `keep`.

    Every registration of `drop` moves to `keep`, with its attendance, and so does every
    other row about `drop` (homework, certificates, …; accounts.services.person_rows_move);
    then `drop` is deleted. Where both hold a live registration for the same event, the
    stronger one (`_registration_weight`) stays and the other is cancelled with a log entry,
    keeping its history; a confirmed place freed so goes to the next person waiting. The
    caller checks that `by` may merge these people (the desk: their LAGs' coordinators).
    Raises PeopleMergeError and changes nothing for the same person twice, a person with
    an e-mail address (an account someone can log in to), or rows that cannot be doubled.
    """
    if keep.pk == drop.pk:
        raise PeopleMergeError(_("A person cannot be merged with themselves."))
    people = {p.pk: p for p in User.objects.select_for_update().filter(pk__in=[keep.pk, drop.pk])}
    if len(people) != 2:
        raise PeopleMergeError(_("One of these people no longer exists."))
    keep, drop = people[keep.pk], people[drop.pk]
    if not (is_offline_person(keep) and is_offline_person(drop)):
        raise PeopleMergeError(
            _("Only people registered without an e-mail address can be merged here.")
        )
    kept_by_event = {
        r.event_id: r
        for r in Registration.objects.filter(person=keep).exclude(
            status=RegistrationStatus.CANCELLED
        )
    }
    doubled, moved = [], 0
    for registration in Registration.objects.filter(person=drop).order_by("pk"):
        other = kept_by_event.get(registration.event_id)
        if other is not None and registration.status != RegistrationStatus.CANCELLED:
            event = _lock_event(registration.event)
            weaker = min(other, registration, key=_registration_weight)
            note = _("Two records of %(person)s were merged: their other registration is kept.") % {
                "person": keep
            }
            _cancel(weaker, event=event, by=by, reason=note)
            doubled.append(event)
        moved += Registration.objects.filter(pk=registration.pk).update(person=keep)
    person_rows_move(source=drop, target=keep)
    if not keep.phone and drop.phone:
        keep.phone = drop.phone
        keep.save(update_fields=["phone"])
    drop.delete()
    return PeopleMerge(kept=keep, moved=moved, doubled=doubled)
