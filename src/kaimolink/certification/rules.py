"""Who may do what in certification. The workflow table (workflow.py) names these roles;
services, selectors and views ask them.

- applicant: a member (owner or editor) of the applying actor;
- coordinator: a coordinator of the application's LAG (the LAG the actor belonged to when
  it applied) — checks completeness, assigns the evaluator, suspends and withdraws;
- evaluator: the evaluator currently assigned to the application, while accredited;
- panel: the coordinators of the application's LAG, who decide;
- admin: a platform administrator (the LAG's office work, never the panel's decision).

Everyone acting for the LAG (coordinator, evaluator, panel, admin) must be independent of
the applicant: not a member of the actor and without a declared conflict of interest.
"""

import rules
from django.utils import timezone

from kaimolink.actors.models import ActorMembership
from kaimolink.certification.enums import AccreditationRole
from kaimolink.certification.models import Accreditation, ConflictDeclaration


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_member_of_actor(user, actor_id) -> bool:
    if not _signed_in(user):
        return False
    return ActorMembership.objects.filter(actor_id=actor_id, user=user).exists()


def has_declared_conflict(user, actor_id) -> bool:
    if not _signed_in(user):
        return False
    return ConflictDeclaration.objects.filter(evaluator=user, actor_id=actor_id).exists()


@rules.predicate
def is_platform_admin(user):
    return _signed_in(user) and user.is_superuser


@rules.predicate
def is_applicant(user, application):
    """A member of the actor (of the holder, for a licence)."""
    return is_member_of_actor(user, application.actor_id)


@rules.predicate
def is_independent(user, application):
    return not is_member_of_actor(user, application.actor_id) and not has_declared_conflict(
        user, application.actor_id
    )


@rules.predicate
def is_coordinator_of_lag(user, application):
    """A coordinator of the application's (or the licence's) LAG."""
    return _signed_in(user) and application.lag_id in user.coordinated_lag_ids()


@rules.predicate
def is_assigned_evaluator(user, application):
    if not _signed_in(user):
        return False
    return application.assignments.filter(evaluator=user, ended_at__isnull=True).exists()


@rules.predicate
def is_accredited_evaluator(user, application):
    """Holds a valid (not withdrawn) evaluator accreditation for the application's scheme
    today: an evaluator who lost it may no longer act on an application assigned before."""
    if not _signed_in(user):
        return False
    today = timezone.localdate()
    return Accreditation.objects.filter(
        person=user,
        scheme_id=application.scheme_id,
        role=AccreditationRole.EVALUATOR,
        valid_from__lte=today,
        valid_until__gte=today,
        withdrawn_at__isnull=True,
    ).exists()


@rules.predicate
def is_admin_of(user, application):
    return is_platform_admin(user)


# The roles of the workflow table: each is a predicate of (user, application or licence).
ROLES = {
    "applicant": is_applicant,
    "coordinator": is_coordinator_of_lag & is_independent,
    "evaluator": is_assigned_evaluator & is_independent & is_accredited_evaluator,
    "panel": is_coordinator_of_lag & is_independent,
    "admin": is_admin_of & is_independent,
}
# A licence: its holder's members, and the LAG's side as for applications.
LICENCE_ROLES = {
    "holder": is_applicant,
    "coordinator": is_coordinator_of_lag & is_independent,
    "admin": is_admin_of & is_independent,
}

# Who may open an application and its private evidence: the applicant's members, the
# assigned evaluator, the LAG's coordinators (the panel) and administrators.
can_view_application = is_applicant | is_assigned_evaluator | is_coordinator_of_lag | is_admin_of
can_edit_application = is_applicant
can_view_licence = is_applicant | is_coordinator_of_lag | is_admin_of

rules.add_perm("certification.view_application", can_view_application)
rules.add_perm("certification.edit_application", can_edit_application)
rules.add_perm("certification.view_licence", can_view_licence)
