"""A person's part in contact fairs, for the GDPR export and erasure.

Export (`personal_data`):
- `contact_fair_participations`: the fairs the person joined, for which actor (or as
  themselves), the text of what they offer and seek, and when they joined.
- `contact_fair_meeting_requests_sent` / `_received`: each request with the event, the
  other side as the fair shows them to everyone in it (the actor's name or the person's
  name, never their address), the message, the status and when it was sent and answered.

Erasure (`erase`): nothing beyond the account's CASCADE. A participation belongs to a
registration, which goes with the account; the meeting requests sent and received go
with the participation. The other side keeps only what they already received by e-mail
when a request was accepted.
"""

from kaimolink.contactfair.models import FairParticipant, MeetingRequest


def _at(value):
    return value.isoformat() if value else None


def _requests(qs) -> list[dict]:
    return [
        {
            "event": r.event.title,
            "from": r.from_participant.display_name,
            "to": r.to_participant.display_name,
            "message": r.message,
            "status": r.status,
            "sent_at": _at(r.created_at),
            "answered_at": _at(r.answered_at),
        }
        for r in qs.select_related(
            "event",
            "from_participant__actor",
            "from_participant__registration__person",
            "to_participant__actor",
            "to_participant__registration__person",
        ).order_by("created_at", "id")
    ]


def personal_data(user) -> dict:
    participations = (
        FairParticipant.objects.filter(registration__person=user)
        .select_related("event", "actor")
        .order_by("created_at", "id")
    )
    return {
        "contact_fair_participations": [
            {
                "event": p.event.title,
                "on_behalf_of": p.actor.name if p.actor else None,
                "pitch": p.pitch,
                "joined_at": _at(p.created_at),
            }
            for p in participations
        ],
        "contact_fair_meeting_requests_sent": _requests(
            MeetingRequest.objects.filter(from_participant__registration__person=user)
        ),
        "contact_fair_meeting_requests_received": _requests(
            MeetingRequest.objects.filter(to_participant__registration__person=user)
        ),
    }


def erase(user) -> None:
    """Nothing beyond the CASCADE of the account (through the registrations)."""
