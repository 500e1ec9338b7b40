"""A person's orders, for the GDPR export and erasure.

Export: the orders the person asked for (seller, items, state, the contacts they gave).
Erasure: the orders stay with the seller (they are the seller's records of a sale) without
the person: the link to the account, the name, phone, e-mail, address and note are emptied.
Audit entries and products keep their rows with `by` emptied (SET_NULL) by the database.
Guests' orders hold no account; their contacts are kept with the order for the seller.
"""

from django.db import transaction

from kaimolink.market.models import Order


def personal_data(user) -> dict:
    return {
        "market_orders": [
            {
                "number": order.pk,
                "seller": order.seller.name,
                "state": order.state,
                "ordered_at": order.created_at.isoformat(),
                "name": order.buyer_name,
                "phone": order.buyer_phone,
                "email": order.buyer_email,
                "address": order.address,
                "note": order.note,
                "items": [{"name": i.name, "quantity": i.quantity} for i in order.items.all()],
            }
            for order in Order.objects.filter(buyer=user)
            .select_related("seller")
            .prefetch_related("items")
            .order_by("created_at", "id")
        ]
    }


@transaction.atomic
def erase(user) -> None:
    Order.objects.filter(buyer=user).update(
        buyer=None, buyer_name="", buyer_phone="", buyer_email="", address="", note=""
    )
