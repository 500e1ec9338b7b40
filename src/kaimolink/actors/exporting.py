"""Spreadsheet export of the actors directory (CSV and XLSX), for everyone.

Who sees what, row by row:
- public columns (name, type, place, LAG, description, themes, offers, website…) for all;
- contact columns (e-mail, phone, address) filled where the actor made its contacts
  public, or where the person exporting manages that actor;
- private columns (legal entity code, contact consent, status, dates) appear only in files
  for LAG coordinators and platform administrators, and are filled only in the rows of
  actors they manage (`rules.can_export_private_fields`: admins everywhere, a coordinator
  in their own LAGs).

Every text cell that a spreadsheet program would read as a formula (it starts with
= + - @, a tab or a carriage return) gets a leading apostrophe (`escape_cell`), so a name
like "=HYPERLINK(…)" stays text. Column headers use the import's labels (same msgids), so
an exported file can be read back by the import.

Rows are read with `.iterator(chunk_size=CHUNK_SIZE)`: memory stays flat and the number of
queries grows with the number of chunks (one for the actors, one for their themes), not
with the number of actors.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.models import Actor
from kaimolink.actors.rules import can_export_private_fields, is_coordinator, is_platform_admin

CHUNK_SIZE = 500
# CSV text is handed to the response this many rows at a time.
CSV_ROWS_PER_CHUNK = 200
XLSX_MAX_CELL = 32767  # Excel's limit for one cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

PUBLIC, CONTACT, PRIVATE = "public", "contact", "private"


def escape_cell(value: str) -> str:
    """'=1+1' -> "'=1+1": text a spreadsheet must not run as a formula (OWASP CSV injection)."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


@dataclass(frozen=True)
class ExportColumn:
    label: object  # a lazy translation
    value: Callable  # (actor, absolute_url) -> str
    kind: str = PUBLIC


COLUMNS = (
    ExportColumn(_("Name"), lambda a, url: a.name),
    ExportColumn(_("Type"), lambda a, url: a.get_actor_type_display()),
    ExportColumn(_("LAG"), lambda a, url: a.lag.name),
    ExportColumn(_("District"), lambda a, url: a.district.name),
    ExportColumn(_("Settlement"), lambda a, url: a.settlement.name if a.settlement else ""),
    ExportColumn(_("Description"), lambda a, url: a.description),
    ExportColumn(_("Themes"), lambda a, url: ", ".join(t.name for t in a.themes.all())),
    ExportColumn(_("Offers"), lambda a, url: a.offers),
    ExportColumn(_("Seeks"), lambda a, url: a.seeks),
    ExportColumn(_("Website"), lambda a, url: a.website),
    ExportColumn(_("Certification"), lambda a, url: a.get_certification_status_display()),
    ExportColumn(_("Profile address"), lambda a, url: url(a.get_absolute_url())),
    ExportColumn(_("E-mail"), lambda a, url: a.email, CONTACT),
    ExportColumn(_("Phone"), lambda a, url: a.phone, CONTACT),
    ExportColumn(_("Address"), lambda a, url: a.address, CONTACT),
    ExportColumn(_("Legal entity code"), lambda a, url: a.legal_code or "", PRIVATE),
    ExportColumn(_("Contacts public"), lambda a, url: _yes_no(a.contacts_public), PRIVATE),
    ExportColumn(_("Status"), lambda a, url: a.get_status_display(), PRIVATE),
    ExportColumn(_("Created"), lambda a, url: _when(a.created_at), PRIVATE),
    ExportColumn(_("Published"), lambda a, url: _when(a.published_at), PRIVATE),
)


def export_columns(*, user) -> list[ExportColumn]:
    """The columns of this person's file: private ones only for coordinators and admins."""
    privileged = is_platform_admin(user) or is_coordinator(user)
    return [c for c in COLUMNS if privileged or c.kind != PRIVATE]


def export_rows(*, user, actors: Iterable[Actor], absolute_url: Callable[[str], str]):
    """The header, then one list of texts per actor, with what this person may see.

    `actors` should come from selectors.actors_directory (places and themes prefetched);
    a QuerySet is read in chunks. The texts are not escaped yet: see the writers.
    """
    columns = export_columns(user=user)
    privileged = any(c.kind == PRIVATE for c in columns)
    yield [str(c.label) for c in columns]
    if hasattr(actors, "iterator"):
        actors = actors.iterator(chunk_size=CHUNK_SIZE)
    for actor in actors:
        manages = privileged and can_export_private_fields(user, actor)
        contacts = manages or actor.contacts_public
        row = []
        for column in columns:
            if (column.kind == PRIVATE and not manages) or (
                column.kind == CONTACT and not contacts
            ):
                row.append("")
            else:
                row.append(str(column.value(actor, absolute_url) or ""))
        yield row


class _Buffer(io.StringIO):
    def take(self) -> str:
        text = self.getvalue()
        self.seek(0)
        self.truncate()
        return text


def csv_chunks(rows: Iterable[list[str]]) -> Iterator[str]:
    """UTF-8 CSV text in pieces for a StreamingHttpResponse, starting with a BOM.

    Excel opens a CSV as UTF-8 (and shows ą č ę ė į š ų ū ž) only when it starts with a
    BOM; the delimiter is the comma, and Excel's "Data → From Text" reads it everywhere.
    """
    buffer = _Buffer()
    writer = csv.writer(buffer)
    yield "\ufeff"
    for n, row in enumerate(rows, start=1):
        writer.writerow([escape_cell(v) for v in row])
        if n % CSV_ROWS_PER_CHUNK == 0:
            yield buffer.take()
    yield buffer.take()


def xlsx_cell_text(value: str) -> str:
    """Text openpyxl can store: no control characters, escaped, within Excel's cell limit."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return escape_cell(ILLEGAL_CHARACTERS_RE.sub("", value))[:XLSX_MAX_CELL]


def write_xlsx(rows: Iterable[list[str]], file, *, title: str) -> None:
    """Write rows (the first is the header) to `file` as XLSX; memory stays flat.

    openpyxl's write-only mode spools the rows to a temporary file as they come; the
    workbook is zipped into `file` at the end.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    rows = iter(rows)
    bold = Font(bold=True)
    header = []
    for label in next(rows, []):
        cell = WriteOnlyCell(sheet, value=xlsx_cell_text(label))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([xlsx_cell_text(v) for v in row])
    workbook.save(file)


def _sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")
    return (cleaned or "Sheet")[:31]
