"""Who may do what in tourism. Views answer 404 when these say no."""

import rules

from kaimolink.actors.rules import is_platform_admin


@rules.predicate
def is_member_of_provider(user, service):
    if not (user and user.is_authenticated and service is not None):
        return False
    return service.actor.memberships.filter(user=user).exists()


@rules.predicate
def is_coordinator_of_service(user, service):
    return bool(user and user.is_authenticated and service is not None
                and service.lag_id in user.coordinated_lag_ids())  # fmt: skip


@rules.predicate
def is_published(user, service):
    return service is not None and service.is_published and service.actor.status == "published"


@rules.predicate
def is_member_of_enquiry_provider(user, enquiry):
    if not (user and user.is_authenticated and enquiry is not None):
        return False
    return enquiry.service.actor.memberships.filter(user=user).exists()


can_moderate_service = is_platform_admin | is_coordinator_of_service
can_view_service = is_published | is_member_of_provider | can_moderate_service

rules.add_perm("tourism.view_service", can_view_service)
rules.add_perm("tourism.change_service", is_member_of_provider | is_platform_admin)
rules.add_perm("tourism.moderate_service", can_moderate_service)
rules.add_perm("tourism.answer_enquiry", is_member_of_enquiry_provider)
