"""The certification mark (issue 11): its SVG and PNG files, the usage guide and its PDF,
the sample files and the holder's download."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from kaimolink.certification import mark
from kaimolink.certification.mark_views import mark_download_response

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = "BV-2026-0001"
HOSTILE = '<script>x</script>&amp;\x00\x07"'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode())


def painted_colours(root: ET.Element) -> set[str]:
    """The fill and stroke colours the drawing paints, leaving out the masks (which say
    only where the paint goes: white keeps, black cuts)."""
    colours = set()

    def walk(element):
        if element.tag == f"{SVG}mask":
            return
        for attribute in ("fill", "stroke"):
            value = element.get(attribute)
            if value and value != "none":
                colours.add(value.lower())
        for child in element:
            walk(child)

    walk(root)
    return colours


def texts(root: ET.Element) -> str:
    return " ".join("".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# ---- The SVG ---------------------------------------------------------------------------


@pytest.mark.parametrize("variant", list(mark.VARIANTS))
@pytest.mark.parametrize("language", ["lt", "en"])
def test_svg_is_a_self_contained_image_with_a_title(variant, language):
    svg = mark.mark_svg(number=NUMBER, variant=variant, language=language)
    root = parse(svg)

    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == f"0 0 {mark.BOX} {mark.BOX}"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and NUMBER in title.text
    # Nothing from elsewhere: no images, links, scripts, styles or web fonts.
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "defs", "mask", "rect", "g", "circle", "polygon", "text"}
    assert "href" not in svg and "url(http" not in svg and "@font-face" not in svg


def test_svg_prints_the_number_and_the_scheme_in_the_language():
    lt = parse(mark.mark_svg(number=NUMBER, variant="colour", language="lt"))
    en = parse(mark.mark_svg(number=NUMBER, variant="colour", language="en"))

    assert f"Nr. {NUMBER}" in texts(lt)
    assert f"No. {NUMBER}" in texts(en)
    # The name is set letter by letter round the band.
    assert "".join(texts(lt).split()).startswith("BENDRUOMENINISVERSLAS")
    assert "".join(texts(en).split()).startswith("COMMUNITYBUSINESS")
    assert "kaimolink" in "".join(texts(en).split())


def test_sample_says_sample_and_has_no_number():
    lt = texts(parse(mark.mark_svg(number=None, variant="colour", language="lt")))
    en = texts(parse(mark.mark_svg(number=None, variant="colour", language="en")))

    assert "PAVYZDYS" in lt and "Nr." not in lt
    assert "SAMPLE" in en and "No." not in en


@pytest.mark.parametrize("variant", list(mark.VARIANTS))
def test_hostile_number_is_escaped_and_the_svg_stays_valid(variant):
    svg = mark.mark_svg(number=HOSTILE, variant=variant, language="en")

    assert "<script" not in svg
    root = parse(svg)  # raises on a stray "<", "&" or control character
    assert root.find(f".//{SVG}script") is None
    assert '<script>x</script>&amp; "' in texts(root)


def test_long_number_is_cut_and_still_fits_the_ribbon():
    svg = mark.mark_svg(number="BV-" + "9" * 80, variant="colour", language="lt")

    ribbon = [t for t in parse(svg).iter(f"{SVG}text") if t.get("textLength")]
    assert len(ribbon) == 1
    assert ribbon[0].text.endswith("…")
    assert len(ribbon[0].text) == len("Nr. ") + mark.MAX_NUMBER_CHARS
    assert float(ribbon[0].get("textLength")) <= mark.RIBBON_TEXT_WIDTH + 0.01


def test_empty_number_is_refused():
    with pytest.raises(ValueError):
        mark.mark_svg(number=" \x00 ", variant="colour", language="lt")


@pytest.mark.parametrize("variant", list(mark.VARIANTS))
def test_each_variant_paints_only_its_colours(variant):
    root = parse(mark.mark_svg(number=NUMBER, variant=variant, language="lt"))

    colours = painted_colours(root)
    assert colours == mark.VARIANTS[variant].colours
    if mark.VARIANTS[variant].paper is None:
        assert len(colours) == 1
        assert root.find(f".//{SVG}mask") is not None  # the paper is cut out, not white


def test_unknown_variant_is_refused():
    with pytest.raises(ValueError):
        mark.mark_svg(number=NUMBER, variant="neon", language="lt")
    with pytest.raises(ValueError):
        mark.mark_png(number=NUMBER, variant="neon", language="lt", size_px=256)


# ---- The PNG ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", mark.PNG_SIZES)
def test_png_has_the_asked_size_and_is_not_blank(size):
    image = png(mark.mark_png(number=NUMBER, variant="colour", language="lt", size_px=size))

    assert image.format == "PNG" and image.mode == "RGBA"
    assert image.size == (size, size)
    alpha = image.getchannel("A")
    covered = sum(alpha.histogram()[128:]) / (size * size)
    # The roundel covers about π/4 of the square, the ribbon a little more.
    assert 0.6 < covered < 0.95
    colours = dict((colour, count) for count, colour in image.getcolors(size * size))
    green = colours[(0x1F, 0x6B, 0x3A, 255)]
    assert green > 0.3 * size * size
    # The corners are see-through, the centre of the band is not.
    assert image.getpixel((0, 0))[3] == 0
    assert image.getpixel((size // 2, round(size * 12 / mark.BOX)))[3] == 255


@pytest.mark.parametrize("variant", ["mono", "mono-white"])
def test_one_colour_png_has_one_colour_and_transparency(variant):
    image = png(mark.mark_png(number=NUMBER, variant=variant, language="lt", size_px=256))

    visible = {colour[:3] for _count, colour in image.getcolors(256 * 256) if colour[3]}
    assert visible == {mark.Colour("", mark.VARIANTS[variant].ink).rgb}
    alphas = image.getchannel("A").histogram()
    assert alphas[0] > 0 and alphas[255] > 0
    # The cut-out paper (inside the roundel) is transparent: the drawing is not a blob.
    assert image.getpixel((128, 76))[3] == 0


def test_png_draws_the_number():
    """Two numbers give two different ribbons, and nothing else differs."""
    first = png(mark.mark_png(number=NUMBER, variant="mono", language="lt", size_px=256))
    second = png(mark.mark_png(number="BV-2026-0999", variant="mono", language="lt", size_px=256))

    changed = ImageChops.difference(first, second).getbbox()
    top, bottom = (round(256 * y / mark.BOX) for y in (mark.RIBBON_TOP, mark.RIBBON_BOTTOM))
    assert changed is not None
    assert top <= changed[1] and changed[3] <= bottom


def test_png_of_the_hostile_number_is_drawn():
    image = png(mark.mark_png(number=HOSTILE, variant="colour", language="en", size_px=256))

    assert ImageStat.Stat(image.getchannel("A")).mean[0] > 100


# ---- Constants the guide states ----------------------------------------------------------


def test_clear_space_at_minimum_size():
    assert mark.CLEAR_SPACE_MIN_MM == round(mark.clear_space_mm(mark.MIN_WIDTH_MM))
    assert mark.MIN_WIDTH_MM >= 25 and mark.MIN_WIDTH_PX >= 120


def test_colours_for_printers():
    green = mark.Colour("", mark.GREEN)
    assert green.rgb == (31, 107, 58)
    assert mark.Colour("", mark.BLACK).cmyk == (0, 0, 0, 100)
    assert mark.Colour("", mark.WHITE).cmyk == (0, 0, 0, 0)
    assert green.swatch.startswith("data:image/svg+xml,") and "1f6b3a" in green.swatch


def test_file_name_keeps_the_number_readable():
    assert (
        mark.mark_filename(number=NUMBER, variant="mono", fmt="png", language="lt")
        == f"bendruomeninis-verslas-{NUMBER}-mono.png"
    )
    hostile = mark.mark_filename(
        number='a"; rm -rf /\r\n', variant="colour", fmt="svg", language="en"
    )
    assert re.fullmatch(r"[A-Za-z0-9.-]+", hostile)


# ---- Pages -------------------------------------------------------------------------------


def guide_url(lang):
    with translation.override(lang):
        return reverse("certification:mark_guide")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "heading", "forbidden"),
    [
        ("lt", "Kas draudžiama", "Naudoti ženklą be numerio arba su kito turėtojo numeriu."),
        ("en", "What is forbidden", "Using the mark without a number, or with another holder"),
    ],
)
def test_guide_page_lists_the_rules(client, lang, heading, forbidden):
    response = client.get(guide_url(lang))

    assert response.status_code == 200
    page = response.content.decode()
    assert heading in page
    assert forbidden in page.replace("&#x27;", "'")
    assert f"{mark.MIN_WIDTH_MM} mm" in page and f"{mark.MIN_WIDTH_PX} px" in page
    for key in mark.VARIANTS:
        assert f"/{lang}/certification/mark/preview-{key}.svg" in page
        assert f"/{lang}/certification/mark/sample-{key}.svg" in page
    assert f"/{lang}/certification/mark/guide.pdf" in page
    assert f"/{lang}/verify/{NUMBER}/" in page
    assert ' style="' not in page and "<script>" not in page


@pytest.mark.django_db
def test_guide_pdf_has_the_headings_and_the_minimum_size(client):
    response = client.get("/lt/certification/mark/guide.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "public" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    for heading in (
        "Bendruomeninio verslo ženklo naudojimo gidas",
        "Ką reiškia ženklas",
        "Kas draudžiama",
        "Dydis ir apsauginė zona",
        "Patikrinti ženklo numerį",
    ):
        assert heading in text
    assert f"{mark.MIN_WIDTH_MM} mm" in text
    assert "#1f6b3a" in text
    images = [image for page in reader.pages for image in page.images]
    assert len(images) >= len(mark.VARIANTS)


@pytest.mark.django_db
@pytest.mark.parametrize("variant", list(mark.VARIANTS))
def test_sample_files_are_public(client, variant):
    svg = client.get(f"/en/certification/mark/sample-{variant}.svg")
    image = client.get(f"/en/certification/mark/sample-{variant}.png", {"size": 256})
    preview = client.get(f"/lt/certification/mark/preview-{variant}.svg")

    assert svg.status_code == image.status_code == preview.status_code == 200
    assert svg["Content-Type"] == "image/svg+xml"
    assert "SAMPLE" in texts(parse(svg.content.decode()))
    assert "public" in svg["Cache-Control"] and "max-age" in svg["Cache-Control"]
    assert png(image.content).size == (256, 256)
    assert "PAVYZDYS" in texts(parse(preview.content.decode()))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/lt/certification/mark/sample-neon.svg",
        "/lt/certification/mark/sample-colour.gif",
        "/lt/certification/mark/sample-colour.svg.png",
        "/lt/certification/mark/sample-colour.png?size=7",
        "/lt/certification/mark/sample-colour.png?size=100000",
        "/lt/certification/mark/sample-colour.png?size=-1",
        "/lt/certification/mark/sample-.svg",
        "/lt/certification/mark/preview-neon.svg",
    ],
)
def test_unknown_variant_format_or_size_is_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_download_response_is_an_attachment_named_with_the_number(fmt):
    response = mark_download_response(number=NUMBER, variant="colour", fmt=fmt, language="lt")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="bendruomeninis-verslas-{NUMBER}-colour.{fmt}"'
    )
    assert response["Cache-Control"] == "private, no-store"
    if fmt == "svg":
        assert f"Nr. {NUMBER}" in texts(parse(response.content.decode()))
    else:
        assert png(response.content).size == (1024, 1024)


@pytest.mark.parametrize(
    "kwargs", [{"variant": "neon"}, {"fmt": "gif"}, {"fmt": "png", "size_px": 300}]
)
def test_download_response_refuses_what_does_not_exist(kwargs):
    arguments = {"number": NUMBER, "variant": "mono", "fmt": "svg", "language": "en", **kwargs}
    with pytest.raises(Http404):
        mark_download_response(**arguments)
