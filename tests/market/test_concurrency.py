"""Stock under simultaneous confirmations (real PostgreSQL threads).

200 order requests of one unit each for an item with 15 in stock are confirmed at once by
20 threads: exactly 15 are confirmed and the stock ends at 0. Without the row lock the same
race oversells: every thread reads 15 before any writes.
"""

import threading

import pytest

from kaimolink.market import services
from kaimolink.market.enums import OrderState, Side
from kaimolink.market.models import Order, OrderItem, Product
from tests.concurrency import run_at_once
from tests.market.factories import seller_with_product

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

STOCK = 15


def requested_orders(product, count: int) -> list[int]:
    """`count` order requests of one unit each, written directly (the race is the subject)."""
    orders = Order.objects.bulk_create(
        [
            Order(seller=product.actor, buyer_name=f"Pirkėjas {n}", buyer_phone="+3706")
            for n in range(count)
        ]
    )
    OrderItem.objects.bulk_create(
        [OrderItem(order=o, product=product, quantity=1, name=product.name) for o in orders]
    )
    return [o.pk for o in orders]


def confirm(pk: int, *, lock: bool) -> str:
    try:
        services.order_transition(
            order=Order(pk=pk), to=OrderState.CONFIRMED, side=Side.SELLER, lock=lock
        )
    except services.MarketError:
        return "refused"
    return "confirmed"


def test_two_hundred_confirmations_at_once_confirm_exactly_the_stock():
    _, product = seller_with_product(quantity=STOCK)
    ids = requested_orders(product, 200)
    chunks = [ids[n::20] for n in range(20)]  # 20 threads, 10 confirmations each
    results = run_at_once(lambda chunk: [confirm(pk, lock=True) for pk in chunk], chunks)
    outcomes = [o for result in results for o in (result if isinstance(result, list) else [result])]
    assert sorted(set(map(str, outcomes))) == ["confirmed", "refused"]  # no other error
    assert outcomes.count("confirmed") == STOCK
    assert outcomes.count("refused") == 200 - STOCK
    assert Product.objects.get(pk=product.pk).quantity == 0
    assert Order.objects.filter(state=OrderState.CONFIRMED).count() == STOCK
    reserved = sum(OrderItem.objects.values_list("reserved", flat=True))
    assert reserved == STOCK


def test_without_the_lock_the_same_race_oversells(monkeypatch):
    _, product = seller_with_product(quantity=STOCK)
    ids = requested_orders(product, 20)
    barrier = threading.Barrier(len(ids), timeout=5)
    original = services.stock_rows

    def read_then_wait_for_the_others(product_ids, *, lock):
        rows = original(product_ids, lock=lock)
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        return rows

    monkeypatch.setattr(services, "stock_rows", read_then_wait_for_the_others)
    outcomes = run_at_once(lambda pk: confirm(pk, lock=False), ids)
    confirmed = outcomes.count("confirmed")
    assert confirmed > STOCK  # every thread saw 15 in stock: 20 units promised
    assert Product.objects.get(pk=product.pk).quantity == STOCK - 1  # lost updates
