"""The "Bendruomeninis verslas" (community business) certification mark, as SVG and PNG.

Pure functions, no models: the mark of a holder is `mark_svg(number=licence.number, …)`,
the sample shown in the usage guide is `mark_svg(number=None, …)` ("PAVYZDYS").

The design (docs/certification-mark.md) is a roundel: a green band carrying the words
"BENDRUOMENINIS VERSLAS" over the top and "kaimolink" at the bottom; inside, a house whose
wall holds a sprouting plant, a rising sun behind the roof and a field under it; across
the lower part, a ribbon with the holder's number.

One drawing, two painters. `_artwork()` lays the mark out once as a list of simple shapes
(discs, rings, polygons, glyphs) in a 240 × 240 box, every letter placed with DejaVu Sans
Bold's own widths; `mark_svg` writes those shapes as SVG and `mark_png` paints them with
Pillow (no cairo on the servers), so the two files cannot drift apart. Each shape has a
role rather than a colour: "ink", "accent" (the sun) and "paper". A variant maps the roles
to colours; in the one-colour variants paper is not white but a hole (a mask in the SVG,
erased pixels in the PNG), so the mark takes the colour of whatever it is printed on.
"""

import html
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override, pgettext
from PIL import Image, ImageDraw, ImageFont

from kaimolink.core.pdf import FONT_DIR

# ---- What the usage guide states (and the tests read) --------------------------------

BOX = 240  # the mark's drawing box: a square, in design units
MIN_WIDTH_MM = 30  # printed: below this the number stops being readable
MIN_WIDTH_PX = 150  # on screens, in CSS pixels
CLEAR_SPACE_FRACTION = 1 / 6  # free space on every side, as a share of the mark's width
CLEAR_SPACE_MIN_MM = round(MIN_WIDTH_MM * CLEAR_SPACE_FRACTION)  # 5 mm at the minimum size
PNG_SIZES = (256, 512, 1024)  # the PNG widths (= heights) offered for download
MAX_NUMBER_CHARS = 32  # longer numbers are cut with "…" (they come from the database)

GREEN = "#1f6b3a"  # the site's --accent (core/static/kaimolink/site.css)
GOLD = "#e3a21a"
WHITE = "#ffffff"
BLACK = "#000000"


@dataclass(frozen=True)
class Colour:
    """A colour of the mark as the guide gives it to printers and web designers."""

    name: str
    hex: str

    @property
    def rgb(self) -> tuple[int, int, int]:
        return tuple(int(self.hex[i : i + 2], 16) for i in (1, 3, 5))

    @property
    def cmyk(self) -> tuple[int, int, int, int]:
        """A plain conversion (no ICC profile): printers match it to their press."""
        r, g, b = (channel / 255 for channel in self.rgb)
        k = 1 - max(r, g, b)
        if k >= 1:
            return (0, 0, 0, 100)
        return tuple(round(100 * (1 - c - k) / (1 - k)) for c in (r, g, b)) + (round(100 * k),)

    @property
    def swatch(self) -> str:
        """A small square of the colour as a data: address, for an <img> in the guide
        (the Content-Security-Policy forbids style attributes)."""
        svg = (
            "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='20'>"
            f"<rect x='.5' y='.5' width='19' height='19' rx='3' fill='{self.hex}' "
            "stroke='#8a978e'/></svg>"
        )
        return "data:image/svg+xml," + quote(svg)


COLOURS = (
    Colour(_("Green"), GREEN),
    Colour(_("Gold (the sun, colour variant only)"), GOLD),
    Colour(_("White"), WHITE),
    Colour(_("Black (one-colour variant)"), BLACK),
)


@dataclass(frozen=True)
class Variant:
    """How the mark's roles are coloured. `paper=None`: paper is a hole (one colour)."""

    key: str
    label: str
    use: str
    ink: str
    accent: str
    paper: str | None
    dark_background: bool = False

    @property
    def colours(self) -> set[str]:
        """Every colour the variant may paint (the tests hold the files to this)."""
        return {c for c in (self.ink, self.accent, self.paper) if c}


VARIANTS = {
    variant.key: variant
    for variant in (
        Variant(
            "colour",
            _("In colour"),
            _("The first choice: on white or light backgrounds."),
            ink=GREEN,
            accent=GOLD,
            paper=WHITE,
        ),
        Variant(
            "mono",
            _("One colour, black"),
            _("Where only one ink is printed: stamps, labels, black and white documents."),
            ink=BLACK,
            accent=BLACK,
            paper=None,
        ),
        Variant(
            "mono-white",
            _("One colour, white"),
            _("On dark backgrounds: dark packaging, photographs, vehicles."),
            ink=WHITE,
            accent=WHITE,
            paper=None,
            dark_background=True,
        ),
    )
}


def clear_space_mm(width_mm: float) -> float:
    return width_mm * CLEAR_SPACE_FRACTION


# ---- The shapes ---------------------------------------------------------------------


@dataclass(frozen=True)
class Disc:
    role: str
    cx: float
    cy: float
    r: float


@dataclass(frozen=True)
class Ring:
    role: str
    cx: float
    cy: float
    r: float  # the middle of the line
    width: float


@dataclass(frozen=True)
class Polygon:
    role: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Text:
    """Text centred on (x, y) on its baseline, turned `rotate` degrees clockwise.
    `length`: its width in DejaVu Sans Bold, which the SVG asks the browser to keep."""

    role: str
    x: float
    y: float
    text: str
    size: float
    rotate: float = 0.0
    length: float | None = None


@lru_cache(maxsize=1)
def _metrics_font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), 1000)


def _advance(text: str, size: float) -> float:
    return _metrics_font().getlength(text) * size / 1000


def _cap_height(size: float) -> float:
    return 0.729 * size  # DejaVu Sans Bold's capitals


def _text_on_arc(
    text: str, *, role: str, radius: float, size: float, bottom: bool, spacing: float
) -> list[Text]:
    """One upright glyph per letter along a circle around the centre, centred on the top
    (read clockwise) or, with `bottom`, on the bottom (read anticlockwise, letters' tops
    towards the centre), so that both read left to right."""
    advances = [_advance(ch, size) + spacing for ch in text]
    total = sum(advances) - spacing
    glyphs = []
    walked = 0.0
    for ch, advance in zip(text, advances, strict=True):
        middle = walked + (advance - spacing) / 2
        walked += advance
        offset = (middle - total / 2) / radius  # radians from the top or bottom
        angle = -math.pi / 2 + offset if not bottom else math.pi / 2 - offset
        if ch == " ":
            continue
        x = BOX / 2 + radius * math.cos(angle)
        y = BOX / 2 + radius * math.sin(angle)
        rotate = math.degrees(angle) + (90 if not bottom else -90)
        glyphs.append(Text(role, x, y, ch, size, rotate=rotate))
    return glyphs


def _leaf(base, tip, width: float, steps: int = 16) -> tuple[tuple[float, float], ...]:
    """A pointed leaf from `base` to `tip`: the sides swell like a sine and meet at both
    ends."""
    (bx, by), (tx, ty) = base, tip
    length = math.hypot(tx - bx, ty - by)
    ux, uy = (tx - bx) / length, (ty - by) / length
    nx, ny = -uy, ux
    side = []
    for i in range(steps + 1):
        t = i / steps
        half = width / 2 * math.sin(math.pi * t) ** 0.8
        side.append((bx + ux * length * t, by + uy * length * t, half))
    left = [(x + nx * h, y + ny * h) for x, y, h in side]
    right = [(x - nx * h, y - ny * h) for x, y, h in reversed(side)]
    return tuple(left + right[1:-1])


def _strip(points, width: float) -> tuple[tuple[float, float], ...]:
    """A line of `width` along `points`, as a polygon (both painters fill polygons)."""
    left, right = [], []
    for i, (x, y) in enumerate(points):
        (x0, y0) = points[max(i - 1, 0)]
        (x1, y1) = points[min(i + 1, len(points) - 1)]
        length = math.hypot(x1 - x0, y1 - y0)
        nx, ny = -(y1 - y0) / length * width / 2, (x1 - x0) / length * width / 2
        left.append((x + nx, y + ny))
        right.append((x - nx, y - ny))
    return tuple(left + right[::-1])


def _grow(points, distance: float) -> tuple[tuple[float, float], ...]:
    """The polygon pushed out by `distance` (mitred corners): the paper gap around a
    shape that lies over another of the same ink."""
    count = len(points)
    area = sum(
        points[i][0] * points[(i + 1) % count][1] - points[(i + 1) % count][0] * points[i][1]
        for i in range(count)
    )
    outward = 1 if area > 0 else -1  # clockwise on screen (y down) when area > 0

    def normal(a, b):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy)
        return (-dy / length * outward, dx / length * outward)

    grown = []
    for i in range(count):
        previous, here, following = points[i - 1], points[i], points[(i + 1) % count]
        n1, n2 = normal(previous, here), normal(here, following)
        mx, my = n1[0] + n2[0], n1[1] + n2[1]
        scale = distance / max(mx * n1[0] + my * n1[1], 0.2)
        grown.append((here[0] + mx * scale, here[1] + my * scale))
    return tuple(grown)


# Ribbon: a band with notched ends across the lower part of the roundel.
RIBBON_TOP, RIBBON_BOTTOM, RIBBON_LEFT, RIBBON_RIGHT, RIBBON_NOTCH = 162, 198, 4, 236, 9
RIBBON_TEXT_WIDTH = 190
CENTRE = BOX / 2
OUTER_R, LINE_R, INNER_R = 112, 107, 80


def clean_number(number: str) -> str:
    """The number as the mark prints it: control characters and runs of spaces made one
    space, at most MAX_NUMBER_CHARS characters (the SVG escapes the rest)."""
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in number)
    text = " ".join(text.split())
    if not text:
        raise ValueError("A mark needs a number (or None for the sample).")
    if len(text) > MAX_NUMBER_CHARS:
        text = text[: MAX_NUMBER_CHARS - 1].rstrip() + "…"
    return text


def _words(number: str | None, language: str) -> tuple[str, str]:
    """The scheme's name round the top and the ribbon's text, in `language`."""
    with override(language):
        name = pgettext("certification mark", "Community business").upper()
        if number is None:
            ribbon = pgettext("certification mark", "SAMPLE")
        else:
            ribbon = pgettext("certification mark", "No. %(number)s") % {
                "number": clean_number(number)
            }
    return name, ribbon


@lru_cache(maxsize=64)
def _artwork(number: str | None, language: str) -> tuple:
    """The mark's shapes, bottom first, in the BOX × BOX square."""
    name, ribbon = _words(number, language)
    c = CENTRE
    shapes: list = [Disc("ink", c, c, OUTER_R), Ring("paper", c, c, LINE_R, 1.6)]

    # The name over the top of the band: as large as fits in 200° of the circle.
    band_middle = (INNER_R + LINE_R - 0.8) / 2
    size = 15.0
    spacing = 0.9
    while size > 8 and _advance(name, size) + spacing * len(name) > math.radians(200) * (
        band_middle - _cap_height(size) / 2
    ):
        size -= 0.5
    shapes += _text_on_arc(
        name,
        role="paper",
        radius=band_middle - _cap_height(size) / 2,
        size=size,
        bottom=False,
        spacing=spacing,
    )
    shapes += _text_on_arc(
        "kaimolink", role="paper", radius=band_middle + 5.2, size=13, bottom=True, spacing=0.6
    )
    shapes.append(Disc("paper", c, c, INNER_R))

    # The sun rises behind the roof, apart from it by a paper gap.
    shapes.append(Disc("accent", 150, 70, 15))
    apex_y, slope, eave = 52.0, 0.9, 44.0
    roof_thick = 14.0
    roof = (
        (c - eave, apex_y + eave * slope),
        (c, apex_y),
        (c + eave, apex_y + eave * slope),
        (c + eave, apex_y + eave * slope + roof_thick),
        (c, apex_y + roof_thick),
        (c - eave, apex_y + eave * slope + roof_thick),
    )
    shapes.append(Polygon("paper", _grow(roof, 3.5)))
    shapes.append(Polygon("ink", roof))

    # The gable wall under the roof, a gap apart, standing in the field.
    gap = 5.5 / math.cos(math.atan(slope))
    wall_top = apex_y + roof_thick + gap
    half = 28.0
    wall = (
        (c - half, 150),
        (c - half, wall_top + half * slope),
        (c, wall_top),
        (c + half, wall_top + half * slope),
        (c + half, 150),
    )
    shapes.append(Polygon("ink", wall))

    # The field: the inner disc below a low hill, furrowed.
    def hill(x, lift=0.0):
        return 141 + lift + 11 * ((x - c) / INNER_R) ** 2

    # Where the hill meets the inner circle, and the circle's arc under the hill.
    edge = math.sqrt(INNER_R**2 - (hill(c + 74) - c) ** 2)
    xs = [c - edge + 2 * edge * i / 40 for i in range(41)]
    first = math.atan2(hill(xs[-1]) - c, edge)
    last = math.pi - first
    arc = [
        (c + INNER_R * math.cos(a), c + INNER_R * math.sin(a))
        for a in (first + (last - first) * i / 40 for i in range(41))
    ]
    shapes.append(Polygon("ink", tuple((x, hill(x)) for x in xs) + tuple(arc)))
    for lift in (5.5, 11.5):
        furrow = [(x, hill(x, lift)) for x in xs]
        shapes.append(Polygon("paper", _strip(furrow, 2.2)))

    # The plant sprouting in the wall: a stem and two leaves, cut out of the ink.
    shapes.append(Polygon("paper", _strip([(c, 146), (c, 104)], 4.2)))
    shapes.append(Polygon("paper", _leaf((c - 1, 128), (c - 21, 110), 13)))
    shapes.append(Polygon("paper", _leaf((c + 1, 118), (c + 20, 100), 13)))
    shapes.append(Disc("paper", c, 104, 2.1))

    # The ribbon with the number, apart from the band by a paper gap.
    mid = (RIBBON_TOP + RIBBON_BOTTOM) / 2
    band = (
        (RIBBON_LEFT, RIBBON_TOP),
        (RIBBON_RIGHT, RIBBON_TOP),
        (RIBBON_RIGHT - RIBBON_NOTCH, mid),
        (RIBBON_RIGHT, RIBBON_BOTTOM),
        (RIBBON_LEFT, RIBBON_BOTTOM),
        (RIBBON_LEFT + RIBBON_NOTCH, mid),
    )
    shapes.append(Polygon("paper", _grow(band, 3)))
    shapes.append(Polygon("ink", band))
    size = min(19.0, 19.0 * RIBBON_TEXT_WIDTH / _advance(ribbon, 19.0))
    shapes.append(
        Text(
            "paper",
            c,
            mid + _cap_height(size) / 2,
            ribbon,
            size,
            length=_advance(ribbon, size),
        )
    )
    return tuple(shapes)


def _variant(variant: str) -> Variant:
    try:
        return VARIANTS[variant]
    except KeyError:
        raise ValueError(f"Unknown variant {variant!r}: one of {', '.join(VARIANTS)}.") from None


# ---- SVG ----------------------------------------------------------------------------

FONT_FAMILY_SVG = "DejaVu Sans, Verdana, Arial, sans-serif"


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg_shape(shape, colour: str) -> str:
    if isinstance(shape, Disc):
        return (
            f'<circle cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{_n(shape.r)}" fill="{colour}"/>'
        )
    if isinstance(shape, Ring):
        return (
            f'<circle cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{_n(shape.r)}" fill="none" '
            f'stroke="{colour}" stroke-width="{_n(shape.width)}"/>'
        )
    if isinstance(shape, Polygon):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
        return f'<polygon points="{points}" fill="{colour}"/>'
    rotate = (
        f' transform="rotate({_n(shape.rotate)} {_n(shape.x)} {_n(shape.y)})"'
        if shape.rotate
        else ""
    )
    length = (
        f' textLength="{_n(shape.length)}" lengthAdjust="spacingAndGlyphs"' if shape.length else ""
    )
    return (
        f'<text x="{_n(shape.x)}" y="{_n(shape.y)}" font-size="{_n(shape.size)}"{rotate}{length} '
        f'fill="{colour}">{html.escape(shape.text)}</text>'
    )


def _svg_body(shapes, variant: Variant, id_prefix: str) -> tuple[list[str], list[str]]:
    """The drawing and its masks. With white paper, shapes are painted in order. Without
    (one colour), each run of paper shapes becomes a mask over everything drawn before
    it: paper cuts holes in what lies below and nothing else, as in the PNG."""
    colour = {"ink": variant.ink, "accent": variant.accent, "paper": variant.paper}
    body: list[str] = []
    defs: list[str] = []
    holes: list[str] = []

    def close_holes():
        if not holes:
            return
        mask_id = f"{id_prefix}-cut{len(defs) + 1}"
        defs.append(
            f'<mask id="{mask_id}" maskUnits="userSpaceOnUse" x="0" y="0" '
            f'width="{BOX}" height="{BOX}"><rect width="{BOX}" height="{BOX}" fill="#fff"/>'
            + "".join(holes)
            + "</mask>"
        )
        body[:] = [f'<g mask="url(#{mask_id})">', *body, "</g>"]
        holes.clear()

    for shape in shapes:
        if shape.role == "paper" and variant.paper is None:
            holes.append(_svg_shape(shape, "#000"))
            continue
        close_holes()
        body.append(_svg_shape(shape, colour[shape.role]))
    close_holes()
    return defs, body


def mark_svg_element(
    *,
    number: str | None,
    variant: str,
    language: str,
    x: float = 0,
    y: float = 0,
    width: float = BOX,
) -> str:
    """The mark as an <svg> element to place inside another SVG (the guide's previews)."""
    chosen = _variant(variant)
    shapes = _artwork(number, language)
    name, ribbon = _words(number, language)
    id_prefix = f"kl-mark-{chosen.key}"
    defs, body = _svg_body(shapes, chosen, id_prefix)
    title = html.escape(f"{name.capitalize()} · {ribbon} · kaimolink")
    return (
        f'<svg x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(width)}" '
        f'viewBox="0 0 {BOX} {BOX}" role="img" aria-labelledby="{id_prefix}-title" '
        # On the root, so that the texts cut out in the masks inherit them too.
        f'font-family="{FONT_FAMILY_SVG}" font-weight="bold" text-anchor="middle">'
        f'<title id="{id_prefix}-title">{title}</title>'
        + (f"<defs>{''.join(defs)}</defs>" if defs else "")
        + "".join(body)
        + "</svg>"
    )


def mark_svg(*, number: str | None, variant: str, language: str) -> str:
    """The mark as a self-contained SVG file (no fonts or images from elsewhere).

    `number`: the licence number printed on the ribbon (escaped; cleaned by
    `clean_number`), or None for the guide's sample, which says "PAVYZDYS" / "SAMPLE".
    `variant`: a key of VARIANTS (ValueError otherwise). `language`: of the words.
    """
    element = mark_svg_element(number=number, variant=variant, language=language)
    element = element.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" ', 1)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + element + "\n"


# ---- PNG ----------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _font(pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), pixels)


def _paint(target: Image.Image, shape, fill, scale: float) -> None:
    draw = ImageDraw.Draw(target)
    if isinstance(shape, Disc):
        cx, cy, r = shape.cx * scale, shape.cy * scale, shape.r * scale
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
    elif isinstance(shape, Ring):
        cx, cy = shape.cx * scale, shape.cy * scale
        r, width = (shape.r + shape.width / 2) * scale, round(shape.width * scale)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=fill, width=width)
    elif isinstance(shape, Polygon):
        draw.polygon([(x * scale, y * scale) for x, y in shape.points], fill=fill)
    else:
        _paint_text(target, shape, fill, scale)


def _paint_text(target: Image.Image, shape: Text, fill, scale: float) -> None:
    """The text drawn into a small mask around its anchor, turned, then painted through it."""
    font = _font(max(1, round(shape.size * scale)))
    left, top, right, bottom = font.getbbox(shape.text, anchor="ms")
    reach = math.ceil(max(abs(left), abs(top), abs(right), abs(bottom)) * 1.5) + 2
    glyphs = Image.new("L", (2 * reach, 2 * reach), 0)
    ImageDraw.Draw(glyphs).text((reach, reach), shape.text, fill=255, font=font, anchor="ms")
    if shape.rotate:
        glyphs = glyphs.rotate(
            -shape.rotate, resample=Image.Resampling.BICUBIC, center=(reach, reach)
        )
    x, y = round(shape.x * scale) - reach, round(shape.y * scale) - reach
    target.paste(fill, (x, y), mask=glyphs)


def _supersampling(size_px: int) -> int:
    """Draw this many times larger, then shrink: smooth edges without a 64 MB canvas."""
    return max(2, min(4, 3072 // size_px))


def mark_png(*, number: str | None, variant: str, language: str, size_px: int = 512) -> bytes:
    """The mark as a square PNG of `size_px` (16–2048) with a transparent background.

    One-colour variants hold exactly one colour: their edges are smooth through the
    alpha channel alone.
    """
    chosen = _variant(variant)
    if not 16 <= size_px <= 2048:
        raise ValueError("size_px must be between 16 and 2048.")
    factor = _supersampling(size_px)
    scale = size_px * factor / BOX
    big = size_px * factor
    shapes = _artwork(number, language)
    if chosen.paper is None:
        coverage = Image.new("L", (big, big), 0)
        for shape in shapes:
            _paint(coverage, shape, 0 if shape.role == "paper" else 255, scale)
        alpha = coverage.resize((size_px, size_px), Image.Resampling.BOX)
        image = Image.new("RGBA", (size_px, size_px), _rgba(chosen.ink))
        image.putalpha(alpha)
    else:
        colour = {"ink": chosen.ink, "accent": chosen.accent, "paper": chosen.paper}
        canvas = Image.new("RGBA", (big, big), (0, 0, 0, 0))
        for shape in shapes:
            _paint(canvas, shape, _rgba(colour[shape.role]), scale)
        # Shrink with premultiplied alpha, or the transparent black would grey the rim.
        image = canvas.convert("RGBa").resize((size_px, size_px), Image.Resampling.BOX)
        image = image.convert("RGBA")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _rgba(hex_colour: str) -> tuple[int, int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)) + (255,)


# ---- File names ----------------------------------------------------------------------


def mark_filename(*, number: str | None, variant: str, fmt: str, language: str) -> str:
    """`bendruomeninis-verslas-BV-2026-0001-colour.svg`: ASCII, the number kept readable."""
    name, ribbon = _words(number, language)

    def ascii_slug(text: str) -> str:
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-")

    part = ascii_slug(clean_number(number)) if number is not None else ascii_slug(ribbon)
    return f"{ascii_slug(name).lower()}-{part or 'mark'}-{_variant(variant).key}.{fmt}"


# ---- The guide's pictures ------------------------------------------------------------

PREVIEW_MARGIN = 12  # around the clear space, so its dashed frame is not on the edge
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1d2a22"  # the site's --ink: a dark packaging or photograph


def mark_preview_svg(*, variant: str, language: str) -> str:
    """The sample mark on the background its variant is for, inside a dashed frame that
    shows the clear space: the usage guide's picture of each variant.

    A picture of its own (rather than the sample on a coloured page) so that the white
    variant is seen on dark in the guide, in its PDF and wherever the picture is copied.
    """
    chosen = _variant(variant)
    clear = BOX * CLEAR_SPACE_FRACTION
    side = BOX + 2 * (clear + PREVIEW_MARGIN)
    background = DARK_BACKGROUND if chosen.dark_background else LIGHT_BACKGROUND
    frame = "#a9b8ad" if chosen.dark_background else "#6b7a70"
    with override(language):
        title = html.escape(
            pgettext("certification mark", "Sample of the mark: %(variant)s, with its clear space")
            % {"variant": chosen.label}
        )
    mark = mark_svg_element(
        number=None,
        variant=variant,
        language=language,
        x=clear + PREVIEW_MARGIN,
        y=clear + PREVIEW_MARGIN,
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'viewBox="0 0 {_n(side)} {_n(side)}" width="{_n(side)}" height="{_n(side)}" '
        f'role="img"><title>{title}</title>'
        f'<rect width="{_n(side)}" height="{_n(side)}" rx="6" fill="{background}" '
        f'stroke="#d5ddd7" stroke-width="1"/>'
        f'<rect x="{PREVIEW_MARGIN}" y="{PREVIEW_MARGIN}" width="{_n(BOX + 2 * clear)}" '
        f'height="{_n(BOX + 2 * clear)}" fill="none" stroke="{frame}" stroke-width="1.2" '
        f'stroke-dasharray="6 4"/>' + mark + "</svg>\n"
    )
