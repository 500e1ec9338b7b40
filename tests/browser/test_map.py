"""The map groups nearby actors into clusters and asks for its markers once (issue 9)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import translated
from tests.browser.test_accessibility import _blocking_violations, _describe
from tests.browser.test_csp import violations, watched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKERS = re.compile(r"/actors/map/markers\.geojson\?")


@pytest.fixture
def crowd(themes):
    """Thirty actors within a few hundred metres of each other, and one far away."""
    from tests.factories import ActorFactory, DistrictFactory, LagFactory, SettlementFactory

    district = DistrictFactory(name="Kėdainių r. sav.")
    lag = LagFactory(districts=[district])
    village = SettlementFactory(name="Dotnuva", district=district, lat=55.36, lon=23.87)
    far = SettlementFactory(name="Šeduva", district=district, lat=55.76, lon=23.76)
    actors = [
        ActorFactory(
            name=f"Dotnuvos veikėjas {i}",
            lag=lag,
            district=district,
            settlement=village,
            lat=55.36 + (i % 6) * 0.0008,
            lon=23.87 + (i // 6) * 0.0008,
        )  # fmt: skip
        for i in range(30)
    ]
    # Šeduva's holds a community-business mark (the status derived from its licence).
    actors.append(
        ActorFactory(
            name="Šeduvos veikėjas", lag=lag, district=district, settlement=far,
            certification_status="certified",
        )
    )  # fmt: skip
    return actors


@pytest.mark.parametrize("width", [360, 1280])
def test_map_clusters_open_on_click_and_markers_are_asked_once(
    live_server, settings, new_context, guard, crowd, width
):
    settings.MAP_TILE_URL = f"{live_server.url}/healthz?{{z}}/{{x}}/{{y}}"
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    console = watched(page)  # Content-Security-Policy reports
    asked = []
    page.on(
        "request",
        lambda request: asked.append(request.url) if MARKERS.search(request.url) else None,
    )
    page.goto(f"{live_server.url}/lt/actors/map/")
    expect(page.locator("#map")).to_have_attribute("data-loaded", str(len(crowd)))

    clusters = page.locator("#map .marker-cluster")
    expect(clusters.first).to_be_visible()
    # 30 actors stand in one cluster, not in 30 pins on top of each other.
    expect(clusters.filter(has_text="30")).to_have_count(1)
    single_pins = page.locator("#map .leaflet-marker-icon:not(.marker-cluster)")
    expect(single_pins).to_have_count(1)  # Šeduva, alone
    assert len(asked) == 1, asked
    blocking = _blocking_violations(page)
    assert blocking == [], _describe(blocking)

    # A click on the cluster zooms in (or fans the pins out) until actors show one by one.
    clusters.filter(has_text="30").click()
    expect(single_pins.first).to_be_visible()
    expect(single_pins).not_to_have_count(1)
    # Wait for the zoom to end: the clusters are redrawn when it does, and that closes a
    # popup opened on a pin that was still moving (Leaflet and markercluster mark the map
    # pane with these classes while they animate).
    expect(page.locator("#map .leaflet-zoom-anim, #map .leaflet-cluster-anim")).to_have_count(0)
    page.locator('#map .leaflet-marker-icon[title^="Dotnuvos veikėjas"]').first.click()
    expect(page.locator(".leaflet-popup-content a")).to_have_text(re.compile("Dotnuvos veikėjas"))
    # Zooming into what is loaded asks for nothing more.
    assert len(asked) == 1, asked
    # The clusters' inline styles are set from script (element.style), which the policy
    # without 'unsafe-inline' allows; nothing may have been refused.
    assert violations(page, console) == []

    # The holder of a mark shows it in its pin's popup, as in the list and on its profile.
    page.goto(f"{live_server.url}/lt/actors/map/")
    page.locator('#map .leaflet-marker-icon[title="Šeduvos veikėjas"]').click()
    expect(page.locator(".leaflet-popup-content .badge")).to_have_text(
        "✓ " + translated("lt", "certified")
    )
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_map_without_tiles_still_shows_clusters(live_server, settings, page, guard, crowd):
    """MAP_TILE_URL empty: no tile server is asked at all, markers still work."""
    settings.MAP_TILE_URL = ""
    page.goto(f"{live_server.url}/lt/actors/map/")
    expect(page.locator("#map .marker-cluster").first).to_be_visible()
    assert page.locator("#map .leaflet-tile").count() == 0
    assert guard.foreign_requests == []
    assert guard.page_errors == []
