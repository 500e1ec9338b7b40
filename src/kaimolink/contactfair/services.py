"""Writes of the contact fair: joining, leaving, asking to meet and answering.

No address is shown to anyone until a meeting request is accepted: accepting is the
receiver's consent, and the sender consented by asking. Then both get one e-mail with the
other's name and address.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimolink.actors.models import Actor, ActorMembership
from kaimolink.contactfair.models import MAX_MESSAGE_LENGTH, FairParticipant, MeetingRequest
from kaimolink.contactfair.rules import can_join_fair
from kaimolink.core.mail import mail_to
from kaimolink.core.search import search_copies
from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Event, Registration


class ContactFairError(Exception):
    """A fair request that cannot be carried out; the message is for the person."""


def default_pitch(actor: Actor | None) -> str:
    """What the actor offers and seeks, as a starting text the person may change."""
    if actor is None:
        return ""
    parts = []
    if actor.offers:
        parts.append(_("We offer: %s") % actor.offers.strip())
    if actor.seeks:
        parts.append(_("We seek: %s") % actor.seeks.strip())
    return "\n\n".join(parts)


def _search_text(participant: FairParticipant) -> str:
    """The words the fair list's search looks in (core.search.search_copies folds them)."""
    actor = participant.actor
    bits = [participant.registration.person.full_name, participant.pitch]
    if actor is not None:
        bits += [actor.name, actor.offers, actor.seeks, str(actor.settlement or "")]
    return " ".join(b for b in bits if b)


@transaction.atomic
def fair_join(
    *, event: Event, person, actor: Actor | None = None, pitch: str | None = None
) -> FairParticipant:
    """Put the person (for one of their actors, or as themselves) on the event's fair list.

    Joining again changes the actor and pitch. `pitch=None` takes the actor's offers/seeks.
    """
    if not can_join_fair(person, event):
        raise ContactFairError(_("Only participants with a confirmed place can join the fair."))
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(event=event, person=person, status=RegistrationStatus.CONFIRMED)
    )
    if actor is not None and not ActorMembership.objects.filter(actor=actor, user=person).exists():
        raise ContactFairError(_("You can only take part for an actor you belong to."))
    if pitch is None:
        pitch = default_pitch(actor)
    participant = FairParticipant.objects.filter(registration=registration).first()
    if participant is None:
        participant = FairParticipant(event=event, registration=registration)
    participant.actor = actor
    participant.pitch = pitch.strip()
    participant.search_text, participant.search_stems = search_copies(_search_text(participant))
    participant.save()
    return participant


@transaction.atomic
def fair_leave(*, event: Event, person) -> None:
    """Take the person off the list; their meeting requests go with them."""
    FairParticipant.objects.filter(event=event, registration__person=person).delete()


@transaction.atomic
def meeting_request_create(
    *, sender: FairParticipant, receiver: FairParticipant, message: str = ""
) -> MeetingRequest:
    message = (message or "").strip()
    if sender.event_id != receiver.event_id:
        raise ContactFairError(_("You can only ask to meet people at the same fair."))
    if sender.pk == receiver.pk:
        raise ContactFairError(_("You cannot ask to meet yourself."))
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ContactFairError(
            _("The message may be at most %(max)d characters long.") % {"max": MAX_MESSAGE_LENGTH}
        )
    try:
        with transaction.atomic():
            return MeetingRequest.objects.create(
                event_id=sender.event_id,
                from_participant=sender,
                to_participant=receiver,
                message=message,
            )
    except IntegrityError:
        raise ContactFairError(_("You have already asked to meet them.")) from None


def _tell_accepted(request: MeetingRequest) -> None:
    """After the commit: each side gets the other's name and address."""
    sides = [
        (request.from_participant, request.to_participant),
        (request.to_participant, request.from_participant),
    ]
    for me, other in sides:
        other_person = other.registration.person

        def compose(other=other, other_person=other_person):
            subject = _("Contact fair: you can meet %s") % other.display_name
            body = _(
                "Your meeting at the contact fair of “%(event)s” is agreed.\n\n"
                "%(name)s (%(who)s) — %(email)s\n\nWrite to them to arrange the meeting."
            ) % {
                "event": request.event.title,
                "name": other_person.full_name,
                "who": other.display_name,
                "email": other_person.email or "—",
            }
            return subject, body

        mail_to(me.registration.person, compose)


@transaction.atomic
def meeting_request_answer(
    *, request: MeetingRequest, receiver: FairParticipant, accept: bool
) -> MeetingRequest:
    """The receiver accepts or declines a pending request; accepting sends both e-mails."""
    locked = (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related(
            "event",
            "from_participant__registration__person",
            "from_participant__actor",
            "to_participant__registration__person",
            "to_participant__actor",
        )
        .get(pk=request.pk)
    )
    if locked.to_participant_id != receiver.pk:
        raise ContactFairError(_("Only the person asked can answer this request."))
    if locked.status != MeetingRequest.Status.PENDING:
        raise ContactFairError(_("This request has already been answered."))
    locked.status = MeetingRequest.Status.ACCEPTED if accept else MeetingRequest.Status.DECLINED
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_at"])
    if accept:
        _tell_accepted(locked)
    return locked
