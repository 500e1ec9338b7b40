"""Who may do what at virtual fairs. Views answer 404 when these say no."""

import rules

from kaimolink.actors.rules import is_platform_admin


@rules.predicate
def is_coordinator_of_fair(user, fair):
    if not (user and user.is_authenticated and fair is not None):
        return False
    lag_ids = user.coordinated_lag_ids()
    return bool(lag_ids) and any(lag.pk in lag_ids for lag in fair.lags.all())


@rules.predicate
def is_member_of_booth(user, booth):
    if not (user and user.is_authenticated and booth is not None):
        return False
    return booth.actor.memberships.filter(user=user).exists()


can_manage_fair = is_platform_admin | is_coordinator_of_fair

rules.add_perm("fairs.manage_fair", can_manage_fair)
rules.add_perm("fairs.exhibit_booth", is_member_of_booth)
