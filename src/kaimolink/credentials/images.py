"""A plain badge picture for credentials whose issuer has no image of its own."""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

from kaimolink.core.pdf import FONT_DIR

SIZE = 400
BACKGROUND = (255, 255, 255)
RING = (31, 94, 59)  # the site's green
TEXT = (20, 40, 30)


def badge_png(title: str, subtitle: str = "") -> bytes:
    """A round badge with the title (wrapped) and a subtitle: a PNG of SIZE x SIZE pixels."""
    image = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, SIZE - 10, SIZE - 10), outline=RING, width=14)
    draw.ellipse((34, 34, SIZE - 34, SIZE - 34), outline=RING, width=3)
    bold = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), 26)
    regular = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 18)
    lines = textwrap.wrap(title, width=20)[:5] or [""]
    height = 34 * len(lines) + (30 if subtitle else 0)
    y = (SIZE - height) // 2
    for line in lines:
        draw.text((SIZE // 2, y), line, font=bold, fill=TEXT, anchor="ma")
        y += 34
    if subtitle:
        draw.text((SIZE // 2, y + 6), subtitle[:40], font=regular, fill=RING, anchor="ma")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
