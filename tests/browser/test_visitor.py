"""A visitor finds actors: search, filter, share the URL, switch language, profile, map."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import translated, translated_plural

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_finds_actor_by_village_filters_switches_language_and_sees_map(
    live_server, settings, new_context, page, guard, directory
):
    # Tiles from the live server itself: the map page must then reach no other host at all.
    settings.MAP_TILE_URL = f"{live_server.url}/healthz?{{z}}/{{x}}/{{y}}"
    base = live_server.url
    cards = page.locator("#results .actor-card")

    page.goto(f"{base}/lt/actors/")
    expect(page.locator("html")).to_have_attribute("lang", "lt")
    heading_lt = translated("lt", "Rural development actors")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading_lt)
    expect(cards).to_have_count(len(directory.published))

    # Accent-free typing finds the actor of the village Šlapaberžė (and not the draft).
    page.locator("#id_q").fill("slapaberze")
    page.locator("#id_q").press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=slapaberze"))
    expect(cards).to_have_count(2)
    expect(cards.get_by_role("link", name=directory.liepa.name)).to_be_visible()
    expect(cards.get_by_role("link", name=directory.bite.name)).to_be_visible()
    expect(page.get_by_text(directory.draft.name)).to_have_count(0)

    # A LAG narrows the results, and the address says so.
    page.locator("#id_lag").select_option(directory.lag_a.slug)
    expect(page).to_have_url(re.compile(rf"[?&]lag={directory.lag_a.slug}(&|$)"))
    expect(cards).to_have_count(1)
    expect(cards.get_by_role("link", name=directory.liepa.name)).to_be_visible()

    # The address is shareable: another visitor opening it sees the same.
    shared = new_context().new_page()
    shared.goto(page.url)
    shared_cards = shared.locator("#results .actor-card")
    expect(shared_cards).to_have_count(1)
    expect(shared_cards.get_by_role("link", name=directory.liepa.name)).to_be_visible()
    expect(shared.locator("#id_q")).to_have_value("slapaberze")
    expect(shared.locator("#id_lag")).to_have_value(directory.lag_a.slug)
    shared.close()

    # The header's EN button: same page and filters, in English.
    page.locator("header .lang a[hreflang=en]").click()
    expect(page).to_have_url(re.compile(r"/en/actors/\?"))
    expect(page).to_have_url(re.compile(rf"[?&]lag={directory.lag_a.slug}(&|$)"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rural development actors")
    expect(page.get_by_role("button", name="Search", exact=True)).to_be_visible()
    expect(cards).to_have_count(1)

    # The profile, by following its link.
    cards.get_by_role("link", name=directory.liepa.name).click()
    expect(page).to_have_url(re.compile(rf"/en/actors/{directory.liepa.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(directory.liepa.name)
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # The map shows a marker for every published actor in view.
    page.goto(f"{base}/lt/actors/map/")
    markers = page.locator("#map .leaflet-marker-icon")
    expect(markers.first).to_be_visible()
    expect(page.locator("#map")).to_have_attribute("data-loaded", str(len(directory.published)))
    assert markers.count() == len(directory.published)
    # "4 veikėjai matomi žemėlapyje": the Lithuanian plural form chosen for the count.
    expect(page.locator("#map-status")).to_have_text(
        translated_plural("lt", "%(counter)s actor in view", "%(counter)s actors in view", 4)
    )
    expect(page.locator("#map .leaflet-tile").first).to_be_attached()

    # The map's own filters narrow the markers and the address.
    in_lag_a = [a for a in directory.published if a.lag_id == directory.lag_a.pk]
    page.locator("#id_lag").select_option(directory.lag_a.slug)
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/lt/actors/map/\?(.*&)?lag={directory.lag_a.slug}(&|$)"))
    expect(page.locator("#map")).to_have_attribute("data-loaded", str(len(in_lag_a)))
    expect(markers).to_have_count(len(in_lag_a))

    assert guard.foreign_requests == [], "the pages reached third-party hosts"
    assert guard.page_errors == [], "script errors on the pages"
