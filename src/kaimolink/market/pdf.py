"""The printable seasonal catalogue: A4, DejaVu (Lithuanian letters), the stored small photos.

Photos are embedded from the stored re-encoded small copies (PHOTO_SMALL wide), never the
originals, so the file stays small: at most MAX_PRODUCTS products, one photo each.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kaimolink.core.pdf import FONT_FAMILY, fit_text, new_pdf

MAX_PRODUCTS = 200
PHOTO_MM = 30


def _price(product) -> str:
    if product.price is None:
        return _("price on request")
    unit = f" / {product.unit}" if product.unit else ""
    return f"{product.price} €{unit}"


def catalogue_pdf(catalogue, products) -> bytes:
    pdf = new_pdf(title=catalogue.title, footer=catalogue.title)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 16)
    pdf.multi_cell(0, 8, catalogue.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 10)
    period = f"{date_format(catalogue.starts_on)} – {date_format(catalogue.ends_on)}"
    pdf.multi_cell(0, 6, f"{catalogue.lag.name} · {period}", new_x="LMARGIN", new_y="NEXT")
    if catalogue.intro:
        pdf.ln(2)
        pdf.multi_cell(0, 5, catalogue.intro, new_x="LMARGIN", new_y="NEXT")
    if catalogue.order_instructions:
        pdf.ln(2)
        pdf.set_font(FONT_FAMILY, "B", 11)
        pdf.multi_cell(0, 6, _("How to order"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT_FAMILY, "", 10)
        pdf.multi_cell(0, 5, catalogue.order_instructions, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    text_x = pdf.l_margin + PHOTO_MM + 4
    width = pdf.w - pdf.r_margin - text_x
    for product in list(products)[:MAX_PRODUCTS]:
        if pdf.get_y() + PHOTO_MM + 4 > pdf.h - 15:
            pdf.add_page()
        top = pdf.get_y()
        photos = list(product.photos.all())
        if photos:
            try:
                with photos[0].small.open("rb") as image:
                    pdf.image(image, x=pdf.l_margin, y=top, w=PHOTO_MM)
            except (OSError, ValueError):
                pass  # a missing file leaves the place empty rather than the whole PDF
        pdf.set_xy(text_x, top)
        pdf.set_font(FONT_FAMILY, "B", 11)
        pdf.cell(width, 6, fit_text(pdf, product.name, width), new_x="LEFT", new_y="NEXT")
        pdf.set_font(FONT_FAMILY, "", 9)
        pdf.cell(width, 5, fit_text(pdf, product.actor.name, width), new_x="LEFT", new_y="NEXT")
        pdf.cell(width, 5, _price(product), new_x="LEFT", new_y="NEXT")
        if product.description:
            pdf.multi_cell(width, 4.5, product.description[:300], new_x="LEFT", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), top + PHOTO_MM) + 4)
        pdf.set_x(pdf.l_margin)
    return bytes(pdf.output())
