"""The certificate of attendance as a PDF (A4 landscape, with a QR code to verify it)."""

import io

import segno
from django.urls import reverse
from django.utils.translation import gettext as _

from kaimolink.certificates.models import Certificate
from kaimolink.certificates.selectors import event_dates
from kaimolink.core.links import absolute
from kaimolink.core.pdf import FONT_FAMILY, new_pdf


def verification_url(certificate: Certificate) -> str:
    """The link printed and in the QR code: SITE_URL (never the request's host, which a
    client chooses) and the printed code, so a person can type it from the paper."""
    return absolute(certificate.get_absolute_url())


def certificate_pdf(certificate: Certificate) -> bytes:
    event = certificate.event
    url = verification_url(certificate)
    pdf = new_pdf(title=_("Certificate of attendance"), orientation="landscape", font_size=12)
    pdf.add_page()
    width = pdf.epw
    pdf.set_y(30)
    pdf.set_font(FONT_FAMILY, "B", 30)
    pdf.cell(width, 14, _("Certificate"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 13)
    pdf.cell(width, 8, _("of attendance"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font(FONT_FAMILY, "B", 22)
    pdf.cell(width, 12, certificate.holder_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT_FAMILY, "", 12)
    pdf.cell(width, 7, _("attended the event"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "B", 15)
    pdf.multi_cell(width, 8, certificate.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT_FAMILY, "", 11)
    lags = ", ".join(lag.name for lag in event.lags.all())
    lines = [
        _("Dates: %s") % event_dates(event),
        _("Hours: %s") % certificate.hours,
        _("Organised by: %s") % lags,
    ]
    if event.trainer:
        lines.append(_("Trainer: %s") % event.trainer)
    for line in lines:
        pdf.cell(width, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.cell(
        width,
        6,
        _("Number: %(number)s · issued %(date)s")
        % {"number": certificate.number, "date": f"{certificate.issued_at:%Y-%m-%d}"},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )

    _verification_block(pdf, certificate, url)
    return bytes(pdf.output())


# Typed from paper, so never small: at least 11 pt (tests/certificates read the sizes).
VERIFY_FONT_SIZE = 11
QR_SIZE = 32  # mm


def _verification_block(pdf, certificate: Certificate, url: str) -> None:
    """The QR code at the bottom right and, beside it, the link and the printed code,
    large enough to read and type (the QR holds the same link; the number is above)."""
    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=8, border=2)
    qr.seek(0)
    x = pdf.w - pdf.r_margin - QR_SIZE
    y = pdf.h - 30 - QR_SIZE
    pdf.image(qr, x=x, y=y, w=QR_SIZE, h=QR_SIZE)
    width = x - 4 - pdf.l_margin
    pdf.set_xy(pdf.l_margin, y + 4)
    pdf.set_font(FONT_FAMILY, "", VERIFY_FONT_SIZE)
    pdf.cell(width, 6, _("Verify the certificate: scan the QR code or open"), align="R")
    pdf.set_xy(pdf.l_margin, y + 11)
    pdf.set_font(FONT_FAMILY, "B", VERIFY_FONT_SIZE + 1)
    pdf.cell(width, 7, url, align="R")
    pdf.set_xy(pdf.l_margin, y + 19)
    pdf.set_font(FONT_FAMILY, "", VERIFY_FONT_SIZE)
    pdf.cell(
        width,
        6,
        _("or enter the code %(code)s (or the number) at %(address)s")
        % {"code": certificate.printed_code, "address": absolute(reverse("verify_form"))},
        align="R",
    )
