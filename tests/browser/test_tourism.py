"""A visitor asks a provider about dates, the provider confirms, the visitor sees it
confirmed (360 px); the tourism list and map page work without JavaScript; with it the
map shows the services and a route its line. Screenshots of every page at 360 and 1280 px
go to var/shots/tourism/."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, sideways, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}}
WIDE = {"viewport": {"width": 1280, "height": 900}}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "shots" / "tourism"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def world(settings):
    from django.utils import timezone

    from kaimolink.tourism import services
    from kaimolink.tourism.enums import ServiceKind
    from tests.factories import ActorFactory, UserFactory
    from tests.tourism.factories import ServiceFactory

    settings.MAP_TILE_URL = ""  # markers on a plain background; no tile server is asked
    owner = verified_user(UserFactory(email="sodyba@example.lt"))
    actor = ActorFactory(name="Kaimo turizmo sodyba „Ąžuolų pavėsis“", owners=[owner])
    homestead = ServiceFactory(
        actor=actor,
        name="Sodyba prie Nevėžio",
        capacity=8,
        price="60.00",
        price_text="už naktį dviem",
        languages=["lt", "en"],
        season_months=[5, 6, 7, 8],
        lat=55.30,
        lon=24.01,
    )
    hall = ServiceFactory(
        actor=actor, kind=ServiceKind.HERITAGE, name="Senoji rotušė", lat=55.2885, lon=23.9747
    )
    walk = ServiceFactory(actor=actor, kind=ServiceKind.ROUTE, name="Senamiesčio takas")
    services.stop_add(route=walk, name="Didžioji Rinkos aikštė", lat=55.2883, lon=23.9744)
    services.stop_add(route=walk, service=hall)
    services.stop_add(route=walk, name="Minaretas", lat=55.2937, lon=23.9697)
    start = timezone.localdate() + timedelta(days=20)
    return {"owner": owner, "homestead": homestead, "walk": walk, "start": start}


def test_a_visitor_enquires_the_provider_confirms_and_the_visitor_sees_it(
    live_server, new_context, guard, world
):
    base = live_server.url
    visitor = new_context(**PHONE).new_page()
    visitor.goto(f"{base}/lt/tourism/?q=nevezio")
    expect(visitor.locator(".tourism-card")).to_have_count(1)
    assert sideways(visitor) is None
    shot(visitor, "01-list-360")
    visitor.locator(".tourism-card h2 a").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Sodyba prie Nevėžio")
    assert sideways(visitor) is None
    shot(visitor, "02-service-360")
    visitor.get_by_role("link", name="Klausti dėl datų").click()
    start = world["start"]
    visitor.locator("#id_date_from").fill(start.isoformat())
    visitor.locator("#id_date_to").fill((start + timedelta(days=2)).isoformat())
    visitor.locator("#id_party_size").fill("4")
    visitor.locator("#id_name").fill("Ona Onaitė")
    visitor.locator("#id_email").fill("ona@example.lt")
    visitor.locator("#id_consent").check()
    assert sideways(visitor) is None
    shot(visitor, "03-enquiry-form-360")
    visitor.get_by_role("button", name="Siųsti užklausą").click()
    expect(visitor).to_have_url(re.compile(r"/lt/tourism/enquiries/[\w-]{30,}/$"))
    enquiry_url = visitor.url
    expect(visitor.locator(".enquiry-state")).to_have_text("Laukia teikėjo atsakymo")
    shot(visitor, "04-enquiry-sent-360")

    provider = new_context(**PHONE).new_page()
    log_in(provider, base, world["owner"].email)
    provider.goto(f"{base}/lt/tourism/enquiries/")
    card = provider.locator(".enquiry-card", has_text="Ona Onaitė")
    expect(card).to_have_count(1)
    assert sideways(provider) is None
    shot(provider, "05-provider-enquiries-360")
    card.locator("textarea").fill("Laukiame jūsų!")
    card.locator("button[value=confirmed]").click()
    expect(provider.locator(".enquiry-state")).to_have_text("Patvirtinta")

    visitor.goto(enquiry_url)
    expect(visitor.locator(".enquiry-state")).to_have_text("Patvirtinta")
    expect(visitor.locator("main")).to_contain_text("Laukiame jūsų!")
    assert sideways(visitor) is None
    shot(visitor, "06-enquiry-confirmed-360")

    # The provider's own pages, on a phone and a wide screen.
    for width, options in (("360", PHONE), ("1280", WIDE)):
        page = new_context(**options).new_page()
        log_in(page, base, world["owner"].email)
        for name, path in [
            ("my-services", "/lt/tourism/mine/"),
            ("edit-route", f"/lt/tourism/services/{world['walk'].slug}/edit/"),
            ("enquiries", "/lt/tourism/enquiries/"),
        ]:
            page.goto(base + path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            assert sideways(page, int(width)) is None
            shot(page, f"07-{name}-{width}")
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_the_list_and_map_page_work_without_javascript(live_server, new_context, guard, world):
    base = live_server.url
    for width, options in (("360", PHONE), ("1280", WIDE)):
        page = new_context(java_script_enabled=False, **options).new_page()
        page.goto(f"{base}/lt/tourism/")
        page.locator("#id_kind").select_option("accommodation")
        page.locator("form.filters button").click()
        expect(page).to_have_url(re.compile(r"kind=accommodation"))
        expect(page.locator(".tourism-card")).to_have_count(1)
        expect(page.locator(".tourism-card")).to_contain_text("Sodyba prie Nevėžio")
        assert sideways(page, int(width)) is None
        shot(page, f"10-list-nojs-{width}")
        page.goto(f"{base}/lt/tourism/map/?kind=heritage")
        expect(page.locator("#map")).to_be_hidden()
        expect(page.locator(".map-fallback .tourism-card")).to_have_count(1)
        expect(page.locator(".map-fallback")).to_contain_text("Senoji rotušė")
        assert sideways(page, int(width)) is None
        shot(page, f"11-map-nojs-{width}")
        page.goto(f"{base}/lt/tourism/routes/{world['walk'].slug}/")
        expect(page.locator(".route-stops li")).to_have_count(3)
        shot(page, f"12-route-nojs-{width}")
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_the_map_shows_the_services_and_the_route_its_line(live_server, new_context, guard, world):
    base = live_server.url
    for width, options in (("360", PHONE), ("1280", WIDE)):
        page = new_context(**options).new_page()
        page.goto(f"{base}/lt/tourism/map/")
        expect(page.locator("#map")).to_have_attribute("data-loaded", "3")
        assert sideways(page, int(width)) is None
        shot(page, f"20-map-{width}")
        page.goto(f"{base}/lt/tourism/routes/{world['walk'].slug}/")
        expect(page.locator("#route-map")).to_have_attribute("data-stops", "3")
        expect(page.locator("#route-map path.leaflet-interactive")).to_have_count(1)
        expect(page.locator("#route-map .leaflet-marker-icon")).to_have_count(3)
        assert sideways(page, int(width)) is None
        shot(page, f"21-route-{width}")
        page.goto(f"{base}/lt/tourism/services/{world['homestead'].slug}/")
        shot(page, f"22-service-{width}")
        page.goto(f"{base}/lt/tourism/services/{world['homestead'].slug}/enquire/")
        assert sideways(page, int(width)) is None
        shot(page, f"23-enquiry-form-{width}")
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_the_coordinator_publishes_a_waiting_service(live_server, new_context, guard, world):
    from kaimolink.tourism.enums import ServiceStatus
    from tests.factories import UserFactory
    from tests.tourism.factories import ServiceFactory

    waiting = ServiceFactory(name="Laukianti sodyba", status=ServiceStatus.PENDING)
    admin = verified_user(UserFactory(email="admin@example.lt", is_superuser=True))
    for width, options in (("360", PHONE), ("1280", WIDE)):
        page = new_context(**options).new_page()
        log_in(page, live_server.url, admin.email)
        page.goto(f"{live_server.url}/lt/tourism/moderation/")
        expect(page.locator(".actor-card", has_text="Laukianti sodyba")).to_have_count(
            0 if width == "1280" else 1
        )
        assert sideways(page, int(width)) is None
        shot(page, f"30-moderation-{width}")
        if width == "360":
            page.get_by_label("Paskelbti").check()
            page.locator(".actor-card button").click()
            expect(page.locator(".actor-card", has_text="Laukianti sodyba")).to_have_count(0)
    waiting.refresh_from_db()
    assert waiting.status == ServiceStatus.PUBLISHED
    assert guard.foreign_requests == []
    assert guard.page_errors == []
