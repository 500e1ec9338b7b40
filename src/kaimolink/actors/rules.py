"""Who may do what with an actor. Every view, admin page and API call asks these."""

import rules

from kaimolink.actors.enums import ActorStatus


@rules.predicate
def is_platform_admin(user):
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_coordinator(user):
    return bool(user and user.is_authenticated and user.coordinated_lag_ids())


@rules.predicate
def is_coordinator_of_actor(user, actor):
    return bool(user and user.is_authenticated and actor.lag_id in user.coordinated_lag_ids())


@rules.predicate
def is_member_of_actor(user, actor):
    if not (user and user.is_authenticated and actor and actor.pk):
        return False
    return actor.memberships.filter(user=user).exists()


@rules.predicate
def is_published(user, actor):
    return actor.status == ActorStatus.PUBLISHED


can_manage_actor = is_platform_admin | is_coordinator_of_actor
can_edit_actor = can_manage_actor | is_member_of_actor
can_view_actor = is_published | can_edit_actor
can_see_private_fields = can_edit_actor

rules.add_perm("actors.view_actor", can_view_actor)
rules.add_perm("actors.change_actor", can_edit_actor)
rules.add_perm("actors.moderate_actor", can_manage_actor)
rules.add_perm("actors.see_private_fields", can_see_private_fields)
rules.add_perm("actors.import_actors", is_platform_admin | is_coordinator)
