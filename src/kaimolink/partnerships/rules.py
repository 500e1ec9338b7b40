"""Who may do what with partnership offers and requests. Views, API and services ask these."""

import rules

from kaimolink.actors.enums import ActorStatus
from kaimolink.partnerships.enums import PostStatus


@rules.predicate
def is_platform_admin(user):
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_member_of_published_actor(user, actor):
    """Posts are written for an actor: its members, while the actor is published."""
    if not (user and user.is_authenticated and actor is not None and actor.pk):
        return False
    return actor.status == ActorStatus.PUBLISHED and actor.memberships.filter(user=user).exists()


@rules.predicate
def is_member_of_post_actor(user, post):
    return is_member_of_published_actor(user, post.actor)


@rules.predicate
def is_coordinator_of_post(user, post):
    return bool(user and user.is_authenticated and post.actor.lag_id in user.coordinated_lag_ids())


@rules.predicate
def is_not_hidden(user, post):
    return post.status != PostStatus.HIDDEN


@rules.predicate
def is_public(user, post):
    return post.status != PostStatus.HIDDEN and post.actor.status == ActorStatus.PUBLISHED


can_moderate_post = is_platform_admin | is_coordinator_of_post
# Members change their actor's post until a coordinator hides it.
can_edit_post = is_member_of_post_actor & is_not_hidden
can_close_post = can_edit_post | can_moderate_post
can_view_post = is_public | is_member_of_post_actor | can_moderate_post

rules.add_perm("partnerships.post_for_actor", is_member_of_published_actor)
rules.add_perm("partnerships.view_post", can_view_post)
rules.add_perm("partnerships.change_post", can_edit_post)
rules.add_perm("partnerships.close_post", can_close_post)
rules.add_perm("partnerships.hide_post", can_moderate_post)
