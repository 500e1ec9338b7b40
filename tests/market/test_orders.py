"""Order requests: the workflow table, stock, contacts, notifications, bad input, pages."""

import pytest
from django.core import mail
from django.urls import reverse

from kaimolink.market import services
from kaimolink.market.enums import Availability, OrderState, Side
from kaimolink.market.models import Order, OrderItem, Product
from kaimolink.notifications.models import Notification
from tests.factories import ActorFactory, UserFactory
from tests.helpers.queries import count_queries
from tests.market.factories import ProductFactory, guest_order, seller_with_product

pytestmark = pytest.mark.django_db

S = OrderState
# Every move of the table, with the path that brings an order to its starting state.
PATHS = {
    S.REQUESTED: [],
    S.CHANGES_PROPOSED: [(S.CHANGES_PROPOSED, Side.SELLER)],
    S.CONFIRMED: [(S.CONFIRMED, Side.SELLER)],
    S.READY: [(S.CONFIRMED, Side.SELLER), (S.READY, Side.SELLER)],
}


def order_in(state, product=None, quantity=2):
    owner, product = (None, product) if product else seller_with_product(quantity=10)
    order = guest_order(product, quantity=quantity)
    for to, side in PATHS[state]:
        item = order.items.get()
        services.order_transition(order=order, to=to, side=side, quantities={item.pk: 1}, note="x")
    order.refresh_from_db()
    return order


@pytest.mark.parametrize(("frm", "to"), list(services.TRANSITIONS))
def test_every_allowed_move_works_and_is_audited(frm, to):
    order = order_in(frm)
    side = services.TRANSITIONS[(frm, to)]
    side = Side.SELLER if side == Side.EITHER else side
    entries = order.log_entries.count()
    item = order.items.get()
    services.order_transition(
        order=order, to=to, side=side, note="priežastis", quantities={item.pk: 1}
    )
    order.refresh_from_db()
    assert order.state == to
    last = order.log_entries.last()
    assert order.log_entries.count() == entries + 1
    assert (last.from_state, last.to_state, last.side) == (frm, to, side)


ALL_MOVES = [
    (frm, to, side)
    for frm in PATHS
    for to in S.values
    for side in (Side.SELLER, Side.BUYER)
    if services.TRANSITIONS.get((frm, to)) not in (side, Side.EITHER)
]


@pytest.mark.parametrize(("frm", "to", "side"), ALL_MOVES)
def test_every_other_move_is_refused_and_changes_nothing(frm, to, side):
    order = order_in(frm)
    product = order.items.get().product
    stock, entries = Product.objects.get(pk=product.pk).quantity, order.log_entries.count()
    with pytest.raises(services.MarketError, match="negali būti|cannot be moved"):
        services.order_transition(order=order, to=to, side=side, note="x")
    order.refresh_from_db()
    assert order.state == frm
    assert order.log_entries.count() == entries
    assert Product.objects.get(pk=product.pk).quantity == stock


@pytest.mark.parametrize("final", [S.DECLINED, S.HANDED_OVER, S.CANCELLED])
def test_final_states_move_nowhere(final):
    order = order_in(S.REQUESTED)
    Order.objects.filter(pk=order.pk).update(state=final)
    order.refresh_from_db()
    for to in S.values:
        with pytest.raises(services.MarketError):
            services.order_transition(order=order, to=to, side=Side.SELLER, note="x")


def test_confirming_reserves_stock_and_cancelling_gives_it_back():
    _, product = seller_with_product(quantity=5)
    order = guest_order(product, quantity=3)
    services.order_transition(order=order, to=S.CONFIRMED, side=Side.SELLER)
    assert Product.objects.get(pk=product.pk).quantity == 2
    services.order_transition(order=order, to=S.CANCELLED, side=Side.BUYER, note="nebereikia")
    assert Product.objects.get(pk=product.pk).quantity == 5
    assert OrderItem.objects.get(order=order).reserved == 0


def test_cancelling_before_confirmation_leaves_the_stock_alone():
    _, product = seller_with_product(quantity=5)
    order = guest_order(product, quantity=3)
    services.order_transition(order=order, to=S.CANCELLED, side=Side.BUYER)
    assert Product.objects.get(pk=product.pk).quantity == 5


def test_confirming_more_than_in_stock_is_refused_with_a_message():
    _, product = seller_with_product(quantity=5)
    order = guest_order(product, quantity=4)
    Product.objects.filter(pk=product.pk).update(quantity=3)
    with pytest.raises(services.MarketError, match="3"):
        services.order_transition(order=order, to=S.CONFIRMED, side=Side.SELLER)
    order.refresh_from_db()
    assert order.state == S.REQUESTED
    assert Product.objects.get(pk=product.pk).quantity == 3


def test_accepting_proposed_changes_confirms_the_new_quantities():
    _, product = seller_with_product(quantity=5)
    order = guest_order(product, quantity=4)
    item = order.items.get()
    services.order_transition(
        order=order, to=S.CHANGES_PROPOSED, side=Side.SELLER, quantities={item.pk: 2}
    )
    services.order_transition(order=order, to=S.CONFIRMED, side=Side.BUYER)
    item.refresh_from_db()
    assert (item.quantity, item.reserved) == (2, 2)
    assert Product.objects.get(pk=product.pk).quantity == 3


def test_declining_needs_a_reason():
    order = order_in(S.REQUESTED)
    with pytest.raises(services.MarketError):
        services.order_transition(order=order, to=S.DECLINED, side=Side.SELLER)
    services.order_transition(order=order, to=S.DECLINED, side=Side.SELLER, note="Išparduota")
    order.refresh_from_db()
    assert order.reason == "Išparduota"


def test_made_to_order_products_have_no_stock_to_reserve():
    _, product = seller_with_product(
        availability=Availability.TO_ORDER, quantity=None, lead_time_days=3
    )
    order = guest_order(product, quantity=50)
    services.order_transition(order=order, to=S.CONFIRMED, side=Side.SELLER)
    assert Product.objects.get(pk=product.pk).quantity is None


def test_audit_entries_cannot_be_changed():
    entry = order_in(S.REQUESTED).log_entries.get()
    entry.note = "kita"
    with pytest.raises(ValueError):
        entry.save()


# --- The pages ----------------------------------------------------------------------------


def order_url(product):
    return reverse("market:order_new", args=[product.actor.slug])


def test_a_guest_orders_with_a_plain_form_post_and_follows_it_by_its_link(
    client, django_capture_on_commit_callbacks
):
    owner, product = seller_with_product(quantity=10)
    response = client.post(
        order_url(product),
        {
            f"qty_{product.pk}": "2",
            "name": "Ona",
            "phone": "+37060000000",
            "email": "ona@example.lt",
            "consent": "on",
            "handover": "pickup",
        },
    )
    order = Order.objects.get()
    assert response.status_code == 302 and response.url == order.get_absolute_url()
    assert len(order.code) >= 32
    assert order.items.get().quantity == 2
    assert Notification.objects.filter(recipient=owner, kind="order").count() == 1
    # The seller confirms; the guest is e-mailed, and the page shows it confirmed.
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("market:order_move", args=[order.code]), {"to": "confirmed"})
    client.logout()
    assert "ona@example.lt" in [m.to[0] for m in mail.outbox]
    page = client.get(order.get_absolute_url()).content.decode()
    assert "Patvirtint" in page or "Confirmed" in page


def test_private_contacts_of_the_seller_are_shown_only_after_confirmation(client):
    owner = UserFactory(email="savininke@example.lt")
    actor = ActorFactory(owners=[owner], phone="+37069999999", contacts_public=False)
    product = ProductFactory(actor=actor)
    order = guest_order(product)
    page = client.get(order.get_absolute_url()).content.decode()
    assert "+37069999999" not in page and "savininke@example.lt" not in page
    services.order_transition(order=order, to=S.CONFIRMED, side=Side.SELLER)
    page = client.get(order.get_absolute_url()).content.decode()
    assert "+37069999999" in page and "savininke@example.lt" in page


def test_a_guest_cannot_act_as_the_seller_through_the_link(client):
    order = order_in(S.REQUESTED)
    response = client.post(reverse("market:order_move", args=[order.code]), {"to": "confirmed"})
    assert response.status_code == 409
    order.refresh_from_db()
    assert order.state == S.REQUESTED


def test_unknown_order_code_is_404(client):
    assert client.get(reverse("market:order", args=["nera-tokio"])).status_code == 404


@pytest.mark.parametrize("quantity", ["-1", "abc", "999999999999", "2.5", "1e9"], ids=str)
def test_bad_quantities_answer_400_with_a_message_and_nothing_changes(client, quantity):
    _, product = seller_with_product(quantity=10)
    data = {
        f"qty_{product.pk}": quantity, "name": "Ona", "phone": "+370600", "consent": "on",
        "handover": "pickup", "note": "Mano pastaba",
    }  # fmt: skip
    response = client.post(order_url(product), data)
    assert response.status_code == 400
    assert Order.objects.count() == 0
    page = response.content.decode()
    assert "Mano pastaba" in page  # nothing typed is lost
    assert 'aria-invalid="true"' in page


def test_another_sellers_product_id_in_an_order_is_ignored_not_ordered(client):
    _, product = seller_with_product(quantity=10)
    _, other = seller_with_product(quantity=10)
    data = {
        f"qty_{other.pk}": "3", "name": "Ona", "phone": "+370600", "consent": "on",
        "handover": "pickup",
    }  # fmt: skip
    response = client.post(order_url(product), data)
    assert response.status_code == 400
    assert Order.objects.count() == 0


def test_service_refuses_another_sellers_product():
    _, product = seller_with_product(quantity=10)
    _, other = seller_with_product(quantity=10)
    with pytest.raises(services.MarketError):
        services.order_create(
            seller=product.actor,
            lines=[services.OrderLine(other, 1)],
            name="Ona",
            phone="1",
            consent=True,
        )
    assert Order.objects.count() == 0


def test_a_guest_without_contacts_or_consent_is_told_what_is_missing(client):
    _, product = seller_with_product(quantity=10)
    response = client.post(order_url(product), {f"qty_{product.pk}": "1", "handover": "post"})
    assert response.status_code == 400
    assert len(response.context["form"].errors) >= 3  # name, phone, consent, address
    assert Order.objects.count() == 0


def test_a_signed_in_buyer_needs_no_contacts_and_sees_my_orders(client):
    _, product = seller_with_product(quantity=10)
    buyer = UserFactory()
    client.force_login(buyer)
    client.post(order_url(product), {f"qty_{product.pk}": "1", "handover": "pickup"})
    order = Order.objects.get()
    assert order.buyer == buyer
    page = client.get(reverse("market:my_orders")).content.decode()
    assert order.get_absolute_url() in page


def test_the_seller_list_filters_by_state_and_others_get_404(client):
    owner, product = seller_with_product(quantity=10)
    first, second = guest_order(product), guest_order(product)
    services.order_transition(order=second, to=S.CONFIRMED, side=Side.SELLER)
    client.force_login(owner)
    response = client.get(reverse("market:sales"), {"state": "confirmed"})
    assert [o.pk for o in response.context["page"]] == [second.pk]
    assert first.pk in [o.pk for o in client.get(reverse("market:sales")).context["page"]]
    client.force_login(UserFactory())
    assert client.get(reverse("market:sales")).status_code == 404


def test_the_seller_list_costs_the_same_for_one_and_many_orders(client):
    owner, product = seller_with_product(quantity=100)
    guest_order(product)
    client.force_login(owner)
    url = reverse("market:sales")
    one = count_queries(client, url)
    for _ in range(5):
        guest_order(product)
    assert count_queries(client, url) == one


def test_printable_order_is_there_for_both_sides(client):
    owner, product = seller_with_product(quantity=10)
    order = guest_order(product, quantity=2)
    assert (
        product.name
        in client.get(reverse("market:order_print", args=[order.code])).content.decode()
    )


@pytest.mark.parametrize("quantity", ["abc", "-2", "99999999999"])
def test_bad_proposed_quantities_answer_400_and_change_nothing(client, quantity):
    owner, product = seller_with_product(quantity=10)
    order = guest_order(product, quantity=3)
    item = order.items.get()
    client.force_login(owner)
    response = client.post(
        reverse("market:order_move", args=[order.code]),
        {"to": "changes_proposed", f"qty_{item.pk}": quantity},
    )
    assert response.status_code == 400
    order.refresh_from_db()
    item.refresh_from_db()
    assert (order.state, item.proposed_quantity) == (S.REQUESTED, None)


def test_an_unknown_state_answers_400(client):
    order = order_in(S.REQUESTED)
    response = client.post(reverse("market:order_move", args=[order.code]), {"to": "paid"})
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.state == S.REQUESTED


def test_the_seller_proposes_changes_and_the_guest_accepts_them_with_plain_posts(client):
    owner, product = seller_with_product(quantity=10)
    order = guest_order(product, quantity=5)
    item = order.items.get()
    move = reverse("market:order_move", args=[order.code])
    client.force_login(owner)
    client.post(move, {"to": "changes_proposed", f"qty_{item.pk}": "3", "note": "Tiek turiu"})
    client.logout()
    assert "3" in client.get(order.get_absolute_url()).content.decode()
    response = client.post(move, {"to": "confirmed"})
    assert response.status_code == 302
    order.refresh_from_db()
    item.refresh_from_db()
    assert (order.state, item.quantity) == (S.CONFIRMED, 3)
    assert Product.objects.get(pk=product.pk).quantity == 7
