"""A visitor at an open fair asks a booth a question, the exhibitor answers on the booth's
desk, the visitor sees the answer. The hall's filters work without JavaScript. Every fairs
page fits 360 px without sideways scroll and is shot at 360 and 1280 px."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, sideways, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}}
WIDE = {"viewport": {"width": 1280, "height": 900}}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "shots" / "fairs"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _world():
    from tests.factories import UserFactory
    from tests.fairs.factories import make_world

    world = make_world()
    verified_user(world.owner)
    verified_user(world.coordinator)
    world.visitor = verified_user(UserFactory(email="lankytoja@example.lt"))
    return world


def test_a_visitor_asks_the_exhibitor_answers_and_the_visitor_sees_it(
    live_server, new_context, guard
):
    world = _world()
    base = live_server.url
    booth_path = f"/lt/fairs/{world.fair.slug}/booths/{world.booth.pk}/"

    visitor = new_context(**PHONE).new_page()
    log_in(visitor, base, world.visitor.email)
    visitor.goto(f"{base}/lt/fairs/")
    visitor.get_by_role("link", name=world.fair.title).first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(world.fair.title)
    visitor.get_by_role("link", name=world.actor.name).click()
    expect(visitor).to_have_url(re.compile(re.escape(booth_path) + "$"))
    visitor.locator("#id_text").fill("Ar atvirukus siunčiate paštu?")
    visitor.get_by_role("button", name="Klausti").click()
    expect(visitor.locator(".qa").first).to_contain_text("Ar atvirukus siunčiate paštu?")
    expect(visitor.locator(".qa").first).to_contain_text("Dar neatsakyta")
    assert sideways(visitor) is None

    exhibitor = new_context(**PHONE).new_page()
    log_in(exhibitor, base, world.owner.email)
    exhibitor.goto(f"{base}/lt/fairs/mine/")
    exhibitor.get_by_role("link", name=re.compile("Stendo darbo vieta")).click()
    exhibitor.locator(".qa textarea").first.fill("Taip, siunčiame per dvi dienas.")
    exhibitor.locator(".qa form button").first.click()
    expect(exhibitor.locator(".messages")).to_contain_text("Atsakymas paskelbtas")
    assert sideways(exhibitor) is None
    shot(exhibitor, "booth-desk-360")

    visitor.goto(base + booth_path)
    expect(visitor.locator(".qa__answer").first).to_contain_text("siunčiame per dvi dienas")
    shot(visitor, "booth-360")
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_the_hall_filters_work_without_javascript(live_server, new_context, guard):
    world = _world()
    base = live_server.url
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    page.goto(f"{base}/lt/fairs/{world.fair.slug}/")
    expect(page.locator(".booth-card")).to_have_count(1)
    page.locator(".halls").get_by_role("link", name="Maistas").click()
    expect(page).to_have_url(re.compile(r"\?category=food"))
    expect(page.locator(".booth-card")).to_have_count(1)  # it brings honey cakes
    page.locator("#id_category").select_option("services")
    page.get_by_role("button", name="Rodyti").click()
    expect(page.locator(".booth-card")).to_have_count(0)
    assert sideways(page) is None
    assert guard.foreign_requests == []
    assert guard.page_errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_every_fairs_page_fits_and_is_shot(live_server, new_context, guard, width):
    from datetime import timedelta

    from django.utils import timezone

    from kaimolink.fairs import services

    world = _world()
    start = timezone.now() + timedelta(days=1)
    services.slot_add(booth=world.booth, starts_at=start, ends_at=start + timedelta(hours=1))
    services.question_ask(booth=world.booth, by=world.visitor, text="Ar turite didesnių?")
    base = live_server.url
    fair, booth = world.fair.slug, world.booth.pk
    pages = {
        world.visitor: ["/lt/fairs/", f"/lt/fairs/{fair}/", f"/lt/fairs/{fair}/booths/{booth}/",
                        "/lt/fairs/mine/"],
        world.owner: [f"/lt/fairs/{fair}/booths/{booth}/desk/",
                      f"/lt/fairs/{fair}/booths/{booth}/edit/"],
        world.coordinator: ["/lt/fairs/new/", f"/lt/fairs/{fair}/edit/",
                            f"/lt/fairs/{fair}/applications/", f"/lt/fairs/{fair}/report/"],
    }  # fmt: skip
    for person, paths in pages.items():
        page = new_context(viewport={"width": width, "height": 900}).new_page()
        log_in(page, base, person.email)
        for path in paths:
            response = page.goto(base + path)
            assert response.status == 200, path
            assert sideways(page, width) is None
            name = path.strip("/").replace("/", "_").replace(fair, "fair") or "index"
            shot(page, f"{name}-{width}")
    assert guard.foreign_requests == []
    assert guard.page_errors == []
