"""A coordinator adds a settlement on a phone; the actor form's settlement search box."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, sideways, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_settlement_add_filled_wrong_on_a_phone_shows_the_summary(
    live_server, new_context, guard, settings
):
    from kaimolink.core.models import Settlement
    from tests.factories import DistrictFactory, LagFactory, make_coordinator

    settings.MAP_TILE_URL = f"{live_server.url}/healthz?{{z}}/{{x}}/{{y}}"
    lag = LagFactory(districts=[DistrictFactory(name="Kėdainių r. sav.")])
    coordinator = verified_user(make_coordinator(lag, email="koordinatore@example.lt"))
    page = new_context(viewport=PHONE).new_page()
    log_in(page, live_server.url, coordinator.email)
    page.goto(f"{live_server.url}/lt/settlements/{lag.slug}/new/")
    page.locator("#id_name_genitive").fill("Bakainių")
    page.locator("#id_kind").select_option("village")
    page.locator("#id_lat").fill("52,52")
    page.locator("#id_lon").fill("23.95")
    page.locator("main form button[type=submit]").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.locator("a[href='#id_name']")).to_have_text("Įrašykite gyvenvietės pavadinimą")
    expect(summary.locator("a[href='#id_lat']")).to_contain_text("Įrašykite Lietuvos platumą")
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_name_genitive")).to_have_value("Bakainių")
    expect(page.locator("#id_kind")).to_have_value("village")
    expect(page.locator("#id_lat")).to_have_value("52,52")
    expect(page.locator("#id_lon")).to_have_value("23.95")
    assert sideways(page) is None
    assert not Settlement.objects.exists()

    # Corrected, it is saved and shown on the LAG's list.
    page.locator("#id_name").fill("Bakainiai")
    page.locator("#id_lat").fill("55,31")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".table-fold")).to_contain_text("Bakainiai")
    page.wait_for_load_state("load")  # the stylesheet too: unstyled, the table is wider
    assert sideways(page) is None
    assert Settlement.objects.get().lat == pytest.approx(55.31)
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_settlement_position_picked_on_the_map(live_server, new_context, guard, settings):
    from kaimolink.core.models import Settlement
    from tests.factories import DistrictFactory, LagFactory, make_coordinator

    settings.MAP_TILE_URL = f"{live_server.url}/healthz?{{z}}/{{x}}/{{y}}"
    lag = LagFactory(districts=[DistrictFactory(name="Kėdainių r. sav.")])
    coordinator = verified_user(make_coordinator(lag, email="koordinatore@example.lt"))
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, live_server.url, coordinator.email)
    page.goto(f"{live_server.url}/lt/settlements/{lag.slug}/new/")
    page.locator("#id_name").fill("Pajieslys")
    page.locator("#id_kind").select_option("village")
    picker = page.locator("#venue-map")
    expect(picker).to_be_visible()  # shown by its script; hidden without JavaScript
    expect(page.locator("#id_lat")).to_have_value("")
    box = picker.bounding_box()
    picker.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    expect(page.locator("#venue-map .leaflet-marker-icon")).to_be_visible()
    lat = float(page.locator("#id_lat").input_value())
    lon = float(page.locator("#id_lon").input_value())
    assert 53.8 < lat < 56.5 and 20.9 < lon < 26.9  # the map opens on Lithuania
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".table-fold")).to_contain_text("Pajieslys")
    saved = Settlement.objects.get()
    assert (saved.lat, saved.lon) == (pytest.approx(lat), pytest.approx(lon))
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_actor_form_settlement_search_narrows_the_list(live_server, new_context, guard, directory):
    from tests.factories import SettlementFactory, UserFactory

    district = directory.liepa.settlement.district
    for n in range(200):
        SettlementFactory(name=f"Kaimas {n:03d}", district=district)
    wanted = SettlementFactory(name="Ąžuolų Būda", district=district)
    person = verified_user(UserFactory(email="ona@example.lt"))
    page = new_context(viewport=PHONE).new_page()
    log_in(page, live_server.url, person.email)
    page.goto(f"{live_server.url}/lt/actors/new/")
    page.locator("#id_lag").select_option(str(directory.lag_a.pk))
    search = page.get_by_label("Raskite gyvenvietę pagal pavadinimą")
    search.fill("azuolu")  # without diacritics
    expect(page.locator("#id_settlement")).to_have_value(str(wanted.pk))
    visible = page.locator("#id_settlement option[data-lags]:not([hidden])")
    expect(visible).to_have_count(1)
    search.fill("")
    expect(page.locator("#id_settlement option[data-lags]:not([hidden])")).not_to_have_count(1)
    assert sideways(page) is None
    assert guard.foreign_requests == []
    assert guard.page_errors == []
