"""Who may do what with events and registrations. Views, admin and services ask these."""

import rules

from kaimolink.events.enums import EventStatus, Visibility


@rules.predicate
def is_platform_admin(user):
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_coordinator_of_event(user, event):
    if not (user and user.is_authenticated and event is not None and event.pk):
        return False
    return bool(event.lag_ids & user.coordinated_lag_ids())


@rules.predicate
def is_trainer_of_event(user, event):
    return bool(
        user and user.is_authenticated and event is not None and event.trainer_id == user.pk
    )


@rules.predicate
def is_visible_event(user, event):
    return event.status != EventStatus.DRAFT


@rules.predicate
def is_public_event(user, event):
    return event.visibility == Visibility.PUBLIC


@rules.predicate
def is_own_registration(user, registration):
    return bool(user and user.is_authenticated and registration.person_id == user.pk)


@rules.predicate
def manages_registration_event(user, registration):
    return can_manage_event(user, registration.event)


# Change the event, its capacity, cancel anyone's registration, register someone else.
can_manage_event = is_platform_admin | is_coordinator_of_event
# See the participants (and, later, mark attendance): the organisers and the trainer.
can_follow_event = can_manage_event | is_trainer_of_event
# Invited-only events are not listed, but their page opens for those who have the link.
can_view_event = is_visible_event | can_follow_event
can_view_registration = is_own_registration | manages_registration_event

rules.add_perm("events.view_event", can_view_event)
rules.add_perm("events.change_event", can_manage_event)
rules.add_perm("events.manage_registrations", can_manage_event)
rules.add_perm("events.view_participants", can_follow_event)
rules.add_perm("events.view_registration", can_view_registration)
