"""Who may see the contact fair of an event and act in it."""

import rules
from django.utils import timezone

from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.rules import can_follow_event


@rules.predicate
def is_fair_enabled(user, event):
    settings = getattr(event, "fair_settings", None)
    return bool(settings and settings.enabled)


@rules.predicate
def is_fair_open(user, event):
    settings = getattr(event, "fair_settings", None)
    return bool(settings and settings.is_open(timezone.now()))


@rules.predicate
def is_fair_participant(user, event):
    if not (user and user.is_authenticated and event is not None):
        return False
    from kaimolink.contactfair.models import FairParticipant  # rules load before models

    return FairParticipant.objects.filter(
        event=event,
        registration__person=user,
        registration__status=RegistrationStatus.CONFIRMED,
    ).exists()


@rules.predicate
def is_confirmed_registrant(user, event):
    if not (user and user.is_authenticated and event is not None):
        return False
    return event.registrations.filter(person=user, status=RegistrationStatus.CONFIRMED).exists()


# The organisers and the trainer follow the fair; participants who opted in see each other.
# Organisers may look in before it opens.
can_view_fair = is_fair_enabled & (can_follow_event | (is_fair_open & is_fair_participant))
# Only someone with a confirmed place can put themselves (or their actor) on the list.
can_join_fair = is_fair_open & is_confirmed_registrant

rules.add_perm("contactfair.view_fair", can_view_fair)
rules.add_perm("contactfair.join_fair", can_join_fair)
