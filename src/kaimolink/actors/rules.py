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


# --- Spreadsheet import and export (actors/importing.py, actors/exporting.py) -------------


@rules.predicate
def is_coordinator_of_lag(user, lag):
    return bool(user and user.is_authenticated and lag is not None
                and lag.pk in user.coordinated_lag_ids())  # fmt: skip


@rules.predicate
def is_coordinator_of_import(user, actor_import):
    return bool(user and user.is_authenticated and actor_import is not None
                and actor_import.lag_id in user.coordinated_lag_ids())  # fmt: skip


# Import into this LAG: its coordinators and the platform administrators.
can_import_into_lag = is_platform_admin | is_coordinator_of_lag
# See, follow and confirm an import: the coordinators of its LAG (whoever uploaded it).
can_manage_import = is_platform_admin | is_coordinator_of_import
# A row of an export carries the private columns (contacts, legal code, status) only for
# the people who manage that actor; contacts the actor made public are filled for everyone.
can_export_private_fields = can_manage_actor

rules.add_perm("actors.import_into_lag", can_import_into_lag)
rules.add_perm("actors.manage_import", can_manage_import)
rules.add_perm("actors.export_private_fields", can_export_private_fields)
