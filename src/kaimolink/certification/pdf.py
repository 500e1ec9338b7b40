"""The certificate of accreditation: a one-page PDF the accredited person keeps."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kaimolink.certification.models import Accreditation
from kaimolink.core.links import absolute
from kaimolink.core.pdf import FONT_FAMILY, new_pdf


def accreditation_pdf(accreditation: Accreditation) -> bytes:
    """The person's name, the scheme and role, the validity and the printed code, with the
    address where the credential and its status can be checked."""
    person = accreditation.person
    pdf = new_pdf(title=_("Certificate of accreditation"), font_size=12, footer="kaimolink")
    pdf.add_page()
    width = pdf.epw
    pdf.set_y(40)
    pdf.set_font(FONT_FAMILY, "B", 26)
    pdf.cell(width, 14, _("Certificate of accreditation"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font(FONT_FAMILY, "B", 20)
    pdf.cell(width, 12, person.full_name or person.email, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT_FAMILY, "", 12)
    pdf.multi_cell(
        width,
        7,
        _("is accredited to act in the certification scheme “%(scheme)s” as %(role)s.")
        % {"scheme": accreditation.scheme.name, "role": accreditation.get_role_display().lower()},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(6)
    lines = [
        _("Scheme: %s") % accreditation.scheme.name,
        _("Role: %s") % accreditation.get_role_display(),
        _("Valid from: %s") % f"{accreditation.valid_from:%Y-%m-%d}",
        _("Valid until: %s") % f"{accreditation.valid_until:%Y-%m-%d}",
        _("Basis: %s") % accreditation.basis,
    ]
    if accreditation.withdrawn_at:
        lines.append(_("Withdrawn: %s") % f"{accreditation.withdrawn_at:%Y-%m-%d}")
    for line in lines:
        pdf.multi_cell(width, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font(FONT_FAMILY, "B", 14)
    pdf.cell(
        width,
        8,
        _("Verification code: %s") % accreditation.printed_code,
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(FONT_FAMILY, "", 10)
    pdf.multi_cell(
        width,
        6,
        _("Anyone can check whether it is valid at %(url)s")
        % {"url": absolute(reverse("verify", args=[accreditation.printed_code]))},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.multi_cell(
        width,
        6,
        _(
            "The same accreditation is issued as an Open Badges credential, signed by "
            "kaimolink; its issuer's keys: %(jwks)s"
        )
        % {"jwks": absolute("/.well-known/jwks.json")},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
