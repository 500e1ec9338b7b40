"""A visitor finds a Christmas card in the seasonal catalogue, orders two, the seller
confirms, the visitor sees it confirmed (360 px, no sideways scroll)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, sideways, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "market"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_visitor_orders_two_christmas_cards_and_sees_the_order_confirmed(
    live_server, new_context, guard
):
    from kaimolink.market import services
    from tests.factories import ActorFactory, UserFactory
    from tests.files import image_bytes, upload
    from tests.market.factories import CatalogueFactory, ProductFactory

    owner = verified_user(UserFactory(email="bendruomene@example.lt"))
    actor = ActorFactory(name="Pelėdnagių bendruomenė", owners=[owner], phone="+37061111111")
    card = ProductFactory(actor=actor, name="Kalėdinis atvirukas su eglute", quantity=10)
    services.photo_add(product=card, uploaded=upload("a.jpg", image_bytes("JPEG", (900, 600))))
    catalogue = CatalogueFactory(lag=actor.lag, products=[card])
    base = live_server.url

    visitor = new_context(**PHONE).new_page()
    visitor.goto(f"{base}/lt/market/catalogues/")
    visitor.get_by_role("link", name=catalogue.title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(catalogue.title)
    assert sideways(visitor) is None
    shot(visitor, "1-catalogue")
    visitor.locator(".product-card a.button").first.click()
    expect(visitor).to_have_url(re.compile(r"/lt/market/order/"))
    visitor.locator(f"#id_qty_{card.pk}").fill("2")
    visitor.locator("#id_name").fill("Ona Onaitė")
    visitor.locator("#id_phone").fill("+37060000000")
    visitor.locator("#id_consent").check()
    assert sideways(visitor) is None
    shot(visitor, "2-order-form")
    visitor.locator("main form button:not([name])").last.click()
    expect(visitor).to_have_url(re.compile(r"/lt/market/orders/[\w-]{30,}/$"))
    order_url = visitor.url
    expect(visitor.locator(".order-state")).to_have_text("Pateikta")
    expect(visitor.locator("main")).not_to_contain_text("+37061111111")
    shot(visitor, "3-order-requested")

    seller = new_context(**PHONE).new_page()
    log_in(seller, base, owner.email)
    seller.goto(order_url)
    expect(seller.locator("main")).to_contain_text("Ona Onaitė")
    seller.locator("button[value=confirmed]").click()
    expect(seller.locator(".order-state")).to_have_text("Patvirtinta")
    shot(seller, "4-seller-confirmed")

    visitor.goto(order_url)
    expect(visitor.locator(".order-state")).to_have_text("Patvirtinta")
    expect(visitor.locator("main")).to_contain_text("+37061111111")
    assert sideways(visitor) is None
    shot(visitor, "5-visitor-sees-confirmed")
    card.refresh_from_db()
    assert card.quantity == 8

    # The catalogue and the product page on a wide screen, searched without accents.
    desk = new_context(viewport={"width": 1280, "height": 900}).new_page()
    desk.goto(f"{base}/lt/market/?q=kaledinis+atviruka")
    expect(desk.locator(".product-card")).to_have_count(1)
    shot(desk, "6-catalogue-wide")
    desk.locator(".product-card h2 a").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text(card.name)
    shot(desk, "7-product-wide")
    assert guard.foreign_requests == []
    assert guard.page_errors == []
