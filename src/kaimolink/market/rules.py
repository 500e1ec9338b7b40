"""Who may do what in the market. Views answer 404 when these say no."""

import rules

from kaimolink.actors.rules import is_platform_admin


@rules.predicate
def is_member_of_seller(user, product):
    if not (user and user.is_authenticated and product is not None):
        return False
    return product.actor.memberships.filter(user=user).exists()


@rules.predicate
def is_coordinator_of_product(user, product):
    return bool(user and user.is_authenticated and product is not None
                and product.lag_id in user.coordinated_lag_ids())  # fmt: skip


@rules.predicate
def is_published(user, product):
    return product is not None and product.is_published and product.actor.status == "published"


@rules.predicate
def is_coordinator_of_catalogue(user, catalogue):
    return bool(user and user.is_authenticated and catalogue is not None
                and catalogue.lag_id in user.coordinated_lag_ids())  # fmt: skip


@rules.predicate
def is_member_of_order_seller(user, order):
    if not (user and user.is_authenticated and order is not None):
        return False
    return order.seller.memberships.filter(user=user).exists()


can_moderate_product = is_platform_admin | is_coordinator_of_product
can_edit_product = is_member_of_seller | can_moderate_product
can_view_product = is_published | can_edit_product

rules.add_perm("market.view_product", can_view_product)
rules.add_perm("market.change_product", is_member_of_seller | is_platform_admin)
rules.add_perm("market.moderate_product", can_moderate_product)
rules.add_perm("market.change_catalogue", is_platform_admin | is_coordinator_of_catalogue)
rules.add_perm("market.sell_order", is_member_of_order_seller)
