"""The certificate of attendance as a PDF (A4 landscape, with a QR code to verify it)."""

import io

import segno
from django.utils.translation import gettext as _

from kaimolink.certificates.models import Certificate
from kaimolink.certificates.selectors import event_dates
from kaimolink.core.links import absolute
from kaimolink.core.pdf import FONT_FAMILY, new_pdf


def verification_url(certificate: Certificate) -> str:
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

    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=8, border=2)
    qr.seek(0)
    size = 32
    x = pdf.w - pdf.r_margin - size
    y = pdf.h - 30 - size
    pdf.image(qr, x=x, y=y, w=size, h=size)
    pdf.set_xy(pdf.l_margin, y + size + 1)
    pdf.set_font(FONT_FAMILY, "", 7)
    pdf.cell(width, 4, _("Verify: %s") % url, align="R")
    return bytes(pdf.output())
