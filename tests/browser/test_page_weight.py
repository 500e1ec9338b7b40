"""What a first visit costs over the wire (issue 9): the home page and the directory at
most 40 KB, the map page at most 150 KB without its tiles.

A fresh browser context (empty cache) loads each page; every response it received is
summed as sent on the wire: headers plus the encoded body (`request.sizes()`, Chromium's
own figures). Pages and JSON come through the whole middleware stack, so they are gzipped
as in production. Static files are the exception: pytest-django's live server hands
them out through Django's static handler, uncompressed, where production's WhiteNoise
sends the .gz copy collectstatic made (gzip level 9; kept only when smaller). For those the
test counts the gzip size of the same file instead (tests/core/test_compression.py shows
WhiteNoise sending exactly that copy). Map tiles are left out: they come from the tile
server of MAP_TILE_URL and depend on the screen. docs/performance.md lists the figures.
"""

import gzip
import re

import pytest
from playwright.sync_api import expect

from kaimolink.core.compression import COMPRESSIBLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KB = 1024
LIMITS = {"/lt/": 40 * KB, "/lt/actors/": 40 * KB, "/lt/actors/map/": 150 * KB}
TILES = "/healthz?"


def wire_bytes(response) -> tuple[int, bool]:
    """(bytes on the wire in production, whether the static-file estimate was used)."""
    sizes = response.request.sizes()
    body = sizes["responseBodySize"]
    estimated = False
    is_static = "/static/" in response.url
    if is_static and not response.header_value("content-encoding"):
        if COMPRESSIBLE.match(response.header_value("content-type") or ""):
            packed = len(gzip.compress(response.body(), compresslevel=9))
            if packed < body:
                body, estimated = packed, True
    return sizes["responseHeadersSize"] + body, estimated


def first_view(new_context, url: str, ready) -> dict[str, int]:
    """Bytes per URL of a first visit with an empty cache, tiles left out."""
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    ready(page)
    page.wait_for_load_state("networkidle")
    weights = {}
    for response in responses:
        if TILES in response.url:
            continue
        size, estimated = wire_bytes(response)
        weights[response.url + (" (gzip of static)" if estimated else "")] = size
    page.context.close()
    return weights


@pytest.fixture
def many_actors(directory):
    """A full first page of the directory (24 cards) and markers to draw."""
    from tests.factories import ActorFactory

    for i in range(30):
        ActorFactory(
            name=f"Bendruomenė Nr. {i}", lag=directory.lag_a, settlement=directory.liepa.settlement,
            offers="Kaimo turizmas, amatų dirbtuvės ir vietos maisto produktai.",
        )  # fmt: skip
    return directory


def test_first_view_page_weight(live_server, settings, new_context, guard, many_actors):
    settings.MAP_TILE_URL = f"{live_server.url}{TILES}{{z}}/{{x}}/{{y}}"
    ready = {
        "/lt/": lambda page: expect(page.locator("main")).to_be_visible(),
        "/lt/actors/": lambda page: expect(page.locator("#results .actor-card")).to_have_count(
            settings.DIRECTORY_PAGE_SIZE
        ),
        "/lt/actors/map/": lambda page: expect(page.locator("#map")).to_have_attribute(
            "data-loaded", re.compile(r"[1-9]")
        ),
    }
    totals = {}
    for path in LIMITS:
        weights = first_view(new_context, f"{live_server.url}{path}", ready[path])
        totals[path] = sum(weights.values())
        print(f"\n{path}: {totals[path] / KB:.1f} KB in {len(weights)} responses")
        for url, size in sorted(weights.items(), key=lambda item: -item[1]):
            print(f"  {size / KB:7.1f} KB  {url.removeprefix(live_server.url)}")
    assert {path: total <= LIMITS[path] for path, total in totals.items()} == dict.fromkeys(
        LIMITS, True
    ), {path: f"{total / KB:.1f} KB" for path, total in totals.items()}
    assert guard.foreign_requests == []
