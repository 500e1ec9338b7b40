"""A conference with its contact fair switched on, and people in it."""

from kaimolink.contactfair import services
from kaimolink.contactfair.models import FairSettings
from kaimolink.events.enums import EventKind
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ActorFactory


def fair_event(**kwargs):
    event = EventFactory(kind=EventKind.CONFERENCE, capacity=60, **kwargs)
    FairSettings.objects.create(event=event, enabled=True)
    return event


def participant(event, *, actor=True, pitch=None, **actor_kwargs):
    """A confirmed registrant who joined the fair, for a new actor of theirs (or as self)."""
    registration = RegistrationFactory(event=event)
    person = registration.person
    chosen = ActorFactory(owners=[person], **actor_kwargs) if actor else None
    return services.fair_join(event=event, person=person, actor=chosen, pitch=pitch)
