"""A buyer's orders in the personal data export and erasure; the buyer is notified."""

import pytest
from django.urls import reverse

from kaimolink.accounts import services as account_services
from kaimolink.market import gdpr, services
from kaimolink.market.enums import OrderState, Side
from kaimolink.market.models import Order
from kaimolink.notifications.models import Notification
from tests.factories import ActorFactory, UserFactory
from tests.market.factories import ProductFactory, seller_with_product

pytestmark = pytest.mark.django_db


def signed_in_order(buyer, product, quantity=2):
    return services.order_create(
        seller=product.actor,
        lines=[services.OrderLine(product, quantity)],
        buyer=buyer,
        phone="+37060000001",
        note="Prašau supakuoti",
    )


def test_the_buyer_is_notified_of_each_move_of_the_seller():
    _, product = seller_with_product(quantity=5)
    buyer = UserFactory()
    order = signed_in_order(buyer, product)
    services.order_transition(order=order, to=OrderState.CONFIRMED, side=Side.SELLER)
    notes = Notification.objects.filter(recipient=buyer, kind="order")
    assert notes.count() == 1
    assert notes.get().url == order.get_absolute_url()


def test_orders_are_in_the_export_and_erasure_keeps_them_without_the_person():
    _, product = seller_with_product(quantity=5)
    buyer = UserFactory(full_name="Jonas Jonaitis")
    order = signed_in_order(buyer, product)
    data = account_services.personal_data_export(user=buyer)
    (row,) = data["market_orders"]
    assert (row["number"], row["items"][0]["quantity"], row["note"]) == (
        order.pk, 2, "Prašau supakuoti",
    )  # fmt: skip
    gdpr.erase(buyer)
    order.refresh_from_db()
    assert order.buyer is None
    assert (order.buyer_name, order.buyer_phone, order.buyer_email, order.note) == ("", "", "", "")
    assert order.items.count() == 1  # the seller's record of the sale stays


def test_a_member_lists_co_producers_of_the_lag_only(client):
    owner = UserFactory()
    actor = ActorFactory(owners=[owner])
    partner = ActorFactory(lag=actor.lag)
    stranger = ActorFactory()
    client.force_login(owner)
    data = {
        "name": "Bendras sūris", "kind": "product", "category": "food", "price": "5",
        "availability": "in_stock", "quantity": "3", "co_producers": [partner.pk],
    }  # fmt: skip
    response = client.post(reverse("market:product_new", args=[actor.slug]), data)
    assert response.status_code == 302
    product = actor.products.get()
    assert list(product.co_producers.all()) == [partner]
    response = client.post(
        reverse("market:product_edit", args=[product.slug]),
        {**data, "co_producers": [stranger.pk]},
    )
    assert response.status_code == 400
    assert "co_producers" in response.context["form"].errors
    assert list(product.co_producers.all()) == [partner]


def test_a_signed_in_buyer_sees_only_their_own_orders(client):
    _, product = seller_with_product(quantity=5)
    mine, other = UserFactory(), UserFactory()
    signed_in_order(mine, product)
    signed_in_order(other, ProductFactory(actor=product.actor))
    client.force_login(mine)
    orders = client.get(reverse("market:my_orders")).context["page"]
    assert [o.buyer_id for o in orders] == [mine.pk]
    assert Order.objects.count() == 2
