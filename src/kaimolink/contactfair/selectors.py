"""Reads of the contact fair: one place for the querysets the pages and tests use."""

from django.db.models import Q, QuerySet

from kaimolink.contactfair.models import FairParticipant, MeetingRequest
from kaimolink.core.search import word_forms_match
from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Event


def fair_event(slug: str) -> Event | None:
    """The event with its fair settings and LAGs, or None."""
    return (
        Event.objects.select_related("fair_settings", "trainer")
        .prefetch_related("lags")
        .filter(slug=slug)
        .first()
    )


def participant_of(*, event: Event, person) -> FairParticipant | None:
    """The person's live participation in the event's fair (confirmed registration only)."""
    if not person.is_authenticated:
        return None
    return (
        FairParticipant.objects.select_related("registration__person", "actor")
        .filter(
            event=event,
            registration__person=person,
            registration__status=RegistrationStatus.CONFIRMED,
        )
        .first()
    )


def fair_participants(
    *, event: Event, actor_type: str = "", q: str = ""
) -> QuerySet[FairParticipant]:
    """Participants whose registration is still confirmed; `q` ignores accents and word forms."""
    qs = FairParticipant.objects.select_related(
        "registration__person", "actor", "actor__settlement"
    ).filter(event=event, registration__status=RegistrationStatus.CONFIRMED)
    if actor_type:
        qs = qs.filter(actor__actor_type=actor_type)
    qs = qs.filter(word_forms_match(q))
    return qs.order_by("created_at", "id")


def requests_sent(participant: FairParticipant) -> QuerySet[MeetingRequest]:
    return _with_people(MeetingRequest.objects.filter(from_participant=participant))


def requests_received(participant: FairParticipant) -> QuerySet[MeetingRequest]:
    return _with_people(MeetingRequest.objects.filter(to_participant=participant))


def _with_people(qs: QuerySet[MeetingRequest]) -> QuerySet[MeetingRequest]:
    return qs.select_related(
        "from_participant__registration__person",
        "from_participant__actor",
        "to_participant__registration__person",
        "to_participant__actor",
    ).filter(
        Q(from_participant__registration__status=RegistrationStatus.CONFIRMED)
        & Q(to_participant__registration__status=RegistrationStatus.CONFIRMED)
    )
