"""The learning record as a PDF (A4 portrait): the totals, then each section's entries,
with the verification address and printed code of every certificate."""

from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kaimolink.core.links import absolute
from kaimolink.core.pdf import FONT_FAMILY, new_pdf
from kaimolink.passport.sections import Entry, Record, hours_by_person


def _entry_lines(entry: Entry, *, names: bool) -> list[str]:
    first = " · ".join(
        part
        for part in (
            f"{entry.date:%Y-%m-%d}" if entry.date else "",
            entry.title,
            _("%(hours)s h") % {"hours": localize(entry.hours)} if entry.hours is not None else "",
        )
        if part
    )
    lines = [first]
    second = [entry.detail] if entry.detail else []
    if names and entry.person is not None:
        second.insert(0, str(entry.person))
    if entry.revoked:
        second.append(_("revoked: not counted"))
    if second:
        lines.append(" · ".join(second))
    if entry.verify_url and not entry.revoked:
        lines.append(
            _("Verify: %(url)s (code %(code)s)")
            % {"url": absolute(entry.verify_url), "code": entry.verify_code}
        )
    return lines


def record_pdf(record: Record, *, heading: str, subject: str, people: bool = False) -> bytes:
    """`heading` (what the document is) and `subject` (whose) at the top; `people`: an
    actor's record, which names who earned each entry and sums the hours per person."""
    pdf = new_pdf(title=f"{heading}: {subject}", footer=f"{heading} · {subject}")
    pdf.add_page()
    width = pdf.epw
    pdf.set_font(FONT_FAMILY, "B", 18)
    pdf.multi_cell(width, 9, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "B", 14)
    pdf.multi_cell(width, 8, subject, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 9)
    pdf.multi_cell(
        width,
        5,
        _("As recorded by kaimolink on %(date)s.") % {"date": f"{timezone.localdate():%Y-%m-%d}"},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    pdf.set_font(FONT_FAMILY, "", 11)
    for total in record.totals:
        line = f"{total.label}: {localize(total.value)}"
        pdf.multi_cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")
    if people:
        rows = hours_by_person(record)
        if rows:
            _heading(pdf, _("Hours per person"))
            for row in rows:
                pdf.multi_cell(
                    width,
                    5.5,
                    ngettext(
                        "%(name)s: %(count)d event, %(hours)s h",
                        "%(name)s: %(count)d events, %(hours)s h",
                        row.trainings,
                    )
                    % {"name": row.person, "count": row.trainings, "hours": localize(row.hours)},
                    new_x="LMARGIN",
                    new_y="NEXT",
                )
    for section in record.sections:
        _heading(pdf, section.title)
        if not section.entries:
            pdf.multi_cell(width, 5.5, _("Nothing yet."), new_x="LMARGIN", new_y="NEXT")
        for entry in section.entries:
            for number, line in enumerate(_entry_lines(entry, names=people)):
                pdf.set_font(FONT_FAMILY, "B" if number == 0 else "", 10 if number == 0 else 9)
                pdf.multi_cell(width, 5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
    return bytes(pdf.output())


def _heading(pdf, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FONT_FAMILY, "B", 13)
    pdf.multi_cell(pdf.epw, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 10)
