"""The certification mark's guide and files in a real browser (issue 11): the guide fits a
phone and a desktop, its pictures load, and Chromium draws the SVG as Pillow draws the PNG.

Screenshots go to $SCREENSHOT_DIR (default var/test/) for a person to look at.
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import expect

from kaimolink.certification import mark
from tests.browser.conftest import sideways
from tests.browser.test_accessibility import _blocking_violations, _describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "var/test"))


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["lt", "en"])
def test_guide_fits_the_screen_and_shows_every_variant(
    live_server, new_context, guard, width, lang
):
    page = new_context(viewport={"width": width, "height": 800}).new_page()

    page.goto(f"{live_server.url}/{lang}/certification/mark/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    pictures = page.locator("main img[src*='/certification/mark/preview-']")
    expect(pictures).to_have_count(len(mark.VARIANTS))
    for index in range(len(mark.VARIANTS)):
        pictures.nth(index).scroll_into_view_if_needed()
        expect(pictures.nth(index)).to_be_visible()
    loaded = page.evaluate(
        "[...document.querySelectorAll('main img')].map(i => i.complete && i.naturalWidth > 0)"
    )

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"mark-guide-{lang}-{width}.png"), full_page=True)
    assert all(loaded) and len(loaded) >= len(mark.VARIANTS) + len(mark.COLOURS)
    assert sideways(page) is None
    blocking = _blocking_violations(page)
    assert blocking == [], _describe(blocking)
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def _rendered(page, url: str, size: int, background: str) -> Image.Image:
    """The image at `url` as Chromium draws it, `size` px square on `background`."""
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(
        f'<body style="margin:0;background:{background}">'
        f'<img src="{url}" width="{size}" height="{size}" style="display:block"></body>'
    )
    page.wait_for_function("document.images[0].complete && document.images[0].naturalWidth > 0")
    return Image.open(io.BytesIO(page.screenshot())).convert("RGB")


@pytest.mark.parametrize("variant", list(mark.VARIANTS))
def test_browser_draws_the_svg_as_the_png(live_server, page, guard, variant):
    """The SVG (masks and all) and the PNG are one drawing: on the variant's background,
    Chromium's picture of the SVG and Pillow's PNG differ only at the edges of shapes
    and letters (where fonts and anti-aliasing differ)."""
    size = 256
    background = mark.DARK_BACKGROUND if mark.VARIANTS[variant].dark_background else "#ffffff"
    base = f"{live_server.url}/lt/certification/mark/sample-{variant}"

    drawn = _rendered(page, f"{base}.svg", size, background)
    SHOTS.mkdir(parents=True, exist_ok=True)
    drawn.save(SHOTS / f"mark-browser-{variant}.png")
    response = page.request.get(f"{base}.png?size={size}")
    painted = Image.open(io.BytesIO(response.body())).convert("RGBA")
    flat = Image.new("RGBA", painted.size, background)
    flat.alpha_composite(painted)

    difference = ImageChops.difference(drawn, flat.convert("RGB")).convert("L")
    mostly_same = sum(difference.histogram()[:64]) / (size * size)
    assert mostly_same > 0.97, f"only {mostly_same:.0%} of the pixels agree"
    # Not two blank squares: the drawing has both light and dark.
    assert ImageStat.Stat(drawn.convert("L")).stddev[0] > 40
    assert guard.foreign_requests == []
    assert guard.page_errors == []
