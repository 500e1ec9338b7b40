"""A person's registrations and attendance, for the GDPR export and erasure.

Export (`personal_data`):
- `event_registrations`: every registration of the person, cancelled ones too: the event,
  status, on behalf of which actor, the answers to the organisers' questions, when it was
  made, promoted or cancelled (and why), who registered them (themselves, or the name of
  the organiser who did, with the consent recorded), and the attendance of each day.
- `event_registrations_made_for_others`: registrations this person made for other people
  (as an organiser): only the event and when; nothing about the people registered.
- `events_trained`: events where this person is the trainer or lecturer.

Erasure (`erase`, before the account row is deleted):
- A live registration for a published event that has not started is cancelled through
  `events.services.registration_cancel` (as the person themselves), so a confirmed place
  that frees goes to the first person waiting, who is told as usual. Then every
  registration of the person is deleted with the account (CASCADE), with its answers,
  attendance, log entries, contact-fair participation and homework.
- A registration for an event that has started or is over is only deleted: nobody can take
  a place at a started event. The event's figures (registered, attended, person-hours)
  then no longer count this person; certificates already issued stay in the registry
  without the name (see certificates/gdpr.py).
- What the person did for others stays, without the link to them (SET_NULL): registrations
  they made for other people, attendance they marked, cancellations and promotions they
  caused; events they trained keep their programme with the trainer emptied.
"""

from django.utils import timezone

from kaimolink.events import services
from kaimolink.events.enums import LIVE_STATUSES, EventStatus
from kaimolink.events.models import Event, Registration


def _at(value):
    return value.isoformat() if value else None


def _registered_by(registration: Registration, user) -> str | None:
    """ "self", the name of the organiser who registered them, or None (an erased account)."""
    if registration.registered_by_id is None:
        return None
    if registration.registered_by_id == user.pk:
        return "self"
    return str(registration.registered_by)


def personal_data(user) -> dict:
    registrations = (
        Registration.objects.filter(person=user)
        .select_related("event", "actor", "registered_by")
        .prefetch_related("attendances__day")
        .order_by("created_at", "id")
    )
    made_for_others = (
        Registration.objects.filter(registered_by=user)
        .exclude(person=user)
        .select_related("event")
        .order_by("created_at", "id")
    )
    return {
        "event_registrations": [
            {
                "event": r.event.title,
                "event_starts": _at(r.event.starts_at),
                "status": r.status,
                "on_behalf_of": r.actor.name if r.actor else None,
                "answers": r.answers,
                "registered_at": _at(r.created_at),
                "registered_by": _registered_by(r, user),
                "consent_recorded": r.consent_recorded,
                "promoted_at": _at(r.promoted_at),
                "cancelled_at": _at(r.cancelled_at),
                "cancel_reason": r.cancel_reason,
                "reminded_at": _at(r.reminded_at),
                "attendance": [
                    {"date": a.day.date.isoformat(), "present": a.present}
                    for a in sorted(r.attendances.all(), key=lambda a: a.day.date)
                ],
            }
            for r in registrations
        ],
        "event_registrations_made_for_others": [
            {"event": r.event.title, "registered_at": _at(r.created_at)} for r in made_for_others
        ],
        "events_trained": [
            {"event": e.title, "starts": _at(e.starts_at)}
            for e in Event.objects.filter(trainer=user).order_by("starts_at", "id")
        ],
    }


def erase(user) -> None:
    """Free the person's places at events still ahead (the waiting list moves up); the rows
    themselves go with the account (CASCADE)."""
    now = timezone.now()
    ahead = (
        Registration.objects.filter(
            person=user, status__in=LIVE_STATUSES, event__status=EventStatus.PUBLISHED
        )
        .exclude(event__starts_at__lte=now)
        .select_related("event")
        .order_by("pk")
    )
    for registration in ahead:
        services.registration_cancel(registration=registration, by=user, reason="")
