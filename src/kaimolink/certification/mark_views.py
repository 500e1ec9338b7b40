"""The certification mark's public pages: the usage guide (HTML and PDF), the sample files,
and `mark_download_response`, which a holder's download view calls with their number.

The guide's rules are written once, below, and shown by both the page and the PDF, so
the two cannot say different things.
"""

import io
from dataclasses import dataclass, field
from functools import lru_cache

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kaimolink.certification import mark
from kaimolink.core.links import absolute
from kaimolink.core.pagecache import cache_public_page
from kaimolink.core.pdf import FONT_FAMILY, new_pdf

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
DEFAULT_PNG_SIZE = 512
ONE_DAY = 24 * 3600
EXAMPLE_NUMBER = "BV-2026-0001"


@dataclass(frozen=True)
class Section:
    """A part of the guide: a heading, paragraphs, then a list of points."""

    key: str
    heading: str
    paragraphs: tuple = ()
    points: tuple = field(default=())


def _before_pictures() -> list[Section]:
    return [
        Section(
            "meaning",
            _("What the mark means"),
            paragraphs=(
                _(
                    "The mark “Bendruomeninis verslas” (community business) shows that a "
                    "business was certified under kaimolink's community-business "
                    "certification rules and holds a valid licence to use the mark."
                ),
                _(
                    "Every mark carries its holder's licence number. The number ties the "
                    "mark to one holder, and anyone can check it on kaimolink."
                ),
            ),
        ),
        Section(
            "who",
            _("Who may use it"),
            points=(
                _("Only the holder of a valid licence, and only while the licence is valid."),
                _("Only for the products, services and activities the licence covers."),
                _(
                    "A licence is not passed on: partners, buyers and shops may show the "
                    "mark only on or beside the holder's certified products, never as their own."
                ),
            ),
        ),
        Section(
            "where",
            _("Where it may be used"),
            points=(
                _("On certified products and their labels."),
                _("On packaging, bags and wrapping."),
                _("On the holder's website, social media pages and online shop."),
                _("On stands and signs at fairs, markets and events."),
                _("On documents: price lists, offers, invoices, letters and business cards."),
                _("On vehicles, signs and notice boards of the holder's premises."),
            ),
        ),
    ]


def _after_pictures() -> list[Section]:
    return [
        Section(
            "how",
            _("How to use it"),
            points=(
                _(
                    "Use only the files kaimolink gives you: download your mark with your "
                    "number from your licence page. Never redraw it or type a number into it."
                ),
                _(
                    "Choose the variant by the background: in colour on white or light "
                    "backgrounds, black where only one ink is printed, white on dark "
                    "backgrounds and photographs (on a calm part of the picture)."
                ),
                _("Make it larger or smaller as a whole: never stretch or squash it."),
                _(
                    "Keep the number readable: the mark is always used with its number, "
                    "never without it."
                ),
                _("On the web, link the mark to your licence's verification page."),
            ),
        ),
        Section(
            "forbidden",
            _("What is forbidden"),
            points=(
                _(
                    "Changing the colours, proportions, words or drawing, or adding "
                    "outlines, shadows or other effects."
                ),
                _("Using the mark without a number, or with another holder's number."),
                _(
                    "Using it before the licence is granted, or after it has expired, been "
                    "suspended or been withdrawn."
                ),
                _("Using it on products or services the licence does not cover."),
                _("Printing it smaller than the minimum size or without its clear space."),
                _(
                    "Suggesting that the state, a ministry, the European Union or a local "
                    "action group endorses or guarantees the product: the mark confirms "
                    "only what the certification rules require."
                ),
                _(
                    "Making it part of your own logo, trade mark or web address, or using "
                    "it in a way that misleads buyers or harms the scheme."
                ),
            ),
        ),
        Section(
            "ends",
            _("When the licence ends"),
            paragraphs=(
                _(
                    "When a licence expires, is suspended or is withdrawn, stop using the "
                    "mark at once: take it off the website and documents, and do not put "
                    "it on new products, packaging or signs. The verification page shows "
                    "the licence's state to everyone from that day."
                ),
            ),
        ),
    ]


def _sizes() -> list[tuple[str, str]]:
    """(label, value) pairs of the size rules, for the page's summary list and the PDF."""
    clear_px = round(mark.MIN_WIDTH_PX * mark.CLEAR_SPACE_FRACTION)
    return [
        (
            gettext("Minimum width in print"),
            gettext("%(mm)d mm") % {"mm": mark.MIN_WIDTH_MM},
        ),
        (
            gettext("Minimum width on screens"),
            gettext("%(px)d px") % {"px": mark.MIN_WIDTH_PX},
        ),
        (
            gettext("Clear space"),
            gettext(
                "One sixth of the mark's width free on every side: no text, edges or "
                "pictures in it (%(mm)d mm at %(width)d mm, %(px)d px at %(width_px)d px)."
            )
            % {
                "mm": mark.CLEAR_SPACE_MIN_MM,
                "width": mark.MIN_WIDTH_MM,
                "px": clear_px,
                "width_px": mark.MIN_WIDTH_PX,
            },
        ),
        (
            gettext("Proportions"),
            gettext("Square: the width and the height are always equal."),
        ),
        (
            gettext("Files"),
            gettext(
                "SVG for print and the web (any size); PNG of %(sizes)s px for office "
                "documents and social media."
            )
            % {"sizes": ", ".join(str(size) for size in mark.PNG_SIZES)},
        ),
    ]


def _verify_example() -> str:
    return absolute(reverse("verify", kwargs={"code": EXAMPLE_NUMBER}))


# ---- Pages ---------------------------------------------------------------------------


@require_GET
@cache_public_page
def mark_guide(request):
    """The usage guide: what the mark means, who may use it where and how, what is
    forbidden, with each variant's sample and the sizes, colours and downloads."""
    variants = [
        {
            "variant": variant,
            "preview": reverse("certification:mark_preview", kwargs={"variant": key}),
            "svg": reverse("certification:mark_sample", kwargs={"variant": key, "fmt": "svg"}),
            "png": reverse("certification:mark_sample", kwargs={"variant": key, "fmt": "png"}),
        }
        for key, variant in mark.VARIANTS.items()
    ]
    context = {
        "before": _before_pictures(),
        "after": _after_pictures(),
        "variants": variants,
        "sizes": _sizes(),
        "colours": mark.COLOURS,
        "png_sizes": mark.PNG_SIZES,
        "verify_example": _verify_example(),
        "verify_text": _verify_text(),
        "sample_word": pgettext("certification mark", "SAMPLE"),
    }
    return render(request, "certification/mark_guide.html", context)


@require_GET
@cache_control(public=True, max_age=ONE_DAY)
def mark_guide_pdf(request):
    response = HttpResponse(_guide_pdf(get_language()), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_guide_filename()}"'
    return response


@require_GET
@cache_control(public=True, max_age=ONE_DAY)
def mark_sample(request, variant, fmt):
    """The sample mark ("PAVYZDYS") as SVG, or as PNG of ?size= (one of PNG_SIZES)."""
    size = _png_size(request)
    body = _file(number=None, variant=variant, fmt=fmt, language=get_language(), size_px=size)
    return HttpResponse(body, content_type=FORMATS[fmt])


@require_GET
@cache_control(public=True, max_age=ONE_DAY)
def mark_preview(request, variant):
    """The guide's picture of a variant: the sample on its background, with clear space."""
    if variant not in mark.VARIANTS:
        raise Http404
    svg = _preview(variant, get_language())
    return HttpResponse(svg, content_type=FORMATS["svg"])


def mark_download_response(
    *, number: str, variant: str, fmt: str, language: str, size_px: int = 1024
) -> HttpResponse:
    """A holder's mark with their `number` as a file to save (Content-Disposition:
    attachment, the number in the file name). 404 for an unknown variant, format or size.

    The caller checks that the person may download it (a valid licence of theirs);
    the answer is private to them and not kept by caches.
    """
    if size_px not in mark.PNG_SIZES:
        raise Http404
    body = _file(number=number, variant=variant, fmt=fmt, language=language, size_px=size_px)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    filename = mark.mark_filename(number=number, variant=variant, fmt=fmt, language=language)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# ---- Helpers -------------------------------------------------------------------------


def _png_size(request) -> int:
    raw = request.GET.get("size")
    if raw is None:
        return DEFAULT_PNG_SIZE
    if not raw.isdigit() or int(raw) not in mark.PNG_SIZES:
        raise Http404
    return int(raw)


def _file(*, number, variant, fmt, language, size_px) -> bytes:
    if variant not in mark.VARIANTS or fmt not in FORMATS:
        raise Http404
    if fmt == "svg":
        return mark.mark_svg(number=number, variant=variant, language=language).encode()
    if number is None:
        return _sample_png(variant, language, size_px)
    return mark.mark_png(number=number, variant=variant, language=language, size_px=size_px)


@lru_cache(maxsize=32)
def _sample_png(variant: str, language: str, size_px: int) -> bytes:
    """The samples are the same for everyone: drawn once per process."""
    return mark.mark_png(number=None, variant=variant, language=language, size_px=size_px)


@lru_cache(maxsize=8)
def _preview(variant: str, language: str) -> str:
    return mark.mark_preview_svg(variant=variant, language=language)


def _guide_filename() -> str:
    return gettext("community-business-mark-guide") + ".pdf"


# ---- The PDF ---------------------------------------------------------------------------

PDF_MARK_MM = 40


@lru_cache(maxsize=4)
def _guide_pdf(language: str) -> bytes:
    """The guide as an A4 PDF, drawn once per language and process (it never changes)."""
    title = pgettext("certification mark", "Guide to using the community business mark")
    pdf = new_pdf(title=title, font_size=10.5, footer=title)
    pdf.add_page()
    width = pdf.epw

    def heading(text, size=13):
        if pdf.get_y() > pdf.h - pdf.b_margin - 25:  # never a heading alone at a page's foot
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font(FONT_FAMILY, "B", size)
        pdf.multi_cell(width, 7, str(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT_FAMILY, "", 10.5)

    def paragraph(text):
        pdf.multi_cell(width, 5.5, str(text), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def point(text):
        """A bullet with its text hanging beside it."""
        pdf.set_x(pdf.l_margin + 2)
        pdf.cell(4, 5.5, "•")
        pdf.multi_cell(width - 6, 5.5, str(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def section(part: Section):
        heading(part.heading)
        for text in part.paragraphs:
            paragraph(text)
        for text in part.points:
            point(text)

    heading(title, size=18)
    paragraph(
        gettext("kaimolink · the community-business certification scheme · %(address)s")
        % {"address": absolute(reverse("certification:mark_guide"))}
    )
    for part in _before_pictures():
        section(part)

    heading(gettext("The variants"))
    _pdf_variants(pdf, language)

    heading(gettext("Size and clear space"))
    for label, value in _sizes():
        point(f"{label}: {value}")

    heading(gettext("Colours"))
    for colour in mark.COLOURS:
        r, g, b = colour.rgb
        c, m, y, k = colour.cmyk
        point(f"{colour.name}: HEX {colour.hex} · RGB {r} {g} {b} · CMYK {c} {m} {y} {k}")

    for part in _after_pictures():
        section(part)

    heading(gettext("Check a mark's number"))
    paragraph(_verify_text())
    paragraph(_verify_example())
    return bytes(pdf.output())


def _verify_text() -> str:
    return gettext(
        "Anyone can check whether the number on a mark belongs to a valid licence: open "
        "the verification page with the number at its end, or type the number on the "
        "verification page. It shows the holder and whether the licence is valid, "
        "suspended, withdrawn or expired."
    )


def _pdf_variants(pdf, language: str) -> None:
    """The three samples side by side, each on the background it is for, with its use."""
    if pdf.get_y() + PDF_MARK_MM + 30 > pdf.h - pdf.b_margin:
        pdf.add_page()
    top = pdf.get_y() + 2
    column = pdf.epw / len(mark.VARIANTS)
    for index, (key, variant) in enumerate(mark.VARIANTS.items()):
        x = pdf.l_margin + index * column + (column - PDF_MARK_MM) / 2
        if variant.dark_background:
            rgb = mark.Colour("", mark.DARK_BACKGROUND).rgb
            pdf.set_fill_color(*rgb)
            pdf.rect(x - 4, top - 4, PDF_MARK_MM + 8, PDF_MARK_MM + 8, style="F")
        png = io.BytesIO(_sample_png(key, language, 512))
        pdf.image(png, x=x, y=top, w=PDF_MARK_MM, h=PDF_MARK_MM)
        pdf.set_xy(pdf.l_margin + index * column, top + PDF_MARK_MM + 6)
        pdf.set_font(FONT_FAMILY, "B", 10)
        pdf.multi_cell(column - 2, 5, str(variant.label), align="C")
        pdf.set_xy(pdf.l_margin + index * column, top + PDF_MARK_MM + 11)
        pdf.set_font(FONT_FAMILY, "", 9)
        pdf.multi_cell(column - 4, 4.5, str(variant.use), align="C")
    pdf.set_font(FONT_FAMILY, "", 10.5)
    pdf.set_xy(pdf.l_margin, top + PDF_MARK_MM + 26)
