"""Who may see an actor's learning record: its members, the coordinators of its LAG and
the platform's administrators (the people who manage the actor). For everyone else the
record does not exist (404). The names on it are personal data; those who may see the
record are the ones allowed to see them."""

import rules

from kaimolink.actors.rules import is_coordinator_of_actor, is_member_of_actor, is_platform_admin

can_see_actor_record = is_platform_admin | is_coordinator_of_actor | is_member_of_actor

rules.add_perm("passport.view_actor_record", can_see_actor_record)
