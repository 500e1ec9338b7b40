"""Spreadsheet export of the actors directory (CSV and XLSX), for everyone.

Who sees what, row by row:
- public columns (name, type, place, LAG, description, themes, offers, website…) for all;
- contact columns (e-mail, phone, address) filled where the actor made its contacts
  public, or where the person exporting manages that actor;
- private columns (legal entity code, contact consent, status, dates) appear only in files
  for LAG coordinators and platform administrators, and are filled only in the rows of
  actors they manage (`rules.can_export_private_fields`: admins everywhere, a coordinator
  in their own LAGs).

Every text cell that a spreadsheet program would run as a formula gets a leading
apostrophe (`escape_cell`), so a name like "=HYPERLINK(…)" stays text: one starting with
= @, a tab or a carriage return always, one starting with + or - unless the rest is a plain
number (a phone number like "+370 600 00001" is exported as written). Column headers use
the import's labels (same msgids), so an exported file can be read back by the import.

Rows are read with `.iterator(chunk_size=CHUNK_SIZE)`: memory stays flat and the number of
queries grows with the number of chunks (one for the actors, one for their themes), not
with the number of actors.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext

from kaimolink.actors.fields import CONTACT, EXPORT_FIELDS, PRIVATE, PUBLIC
from kaimolink.actors.models import Actor
from kaimolink.actors.rules import can_export_private_fields, is_coordinator, is_platform_admin

CHUNK_SIZE = 500
# CSV text is handed to the response this many rows at a time.
CSV_ROWS_PER_CHUNK = 200
XLSX_MAX_CELL = 32767  # Excel's limit for one cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Always a formula (or a field separator that becomes one) in Excel, LibreOffice, Sheets.
ALWAYS_FORMULA_STARTS = ("=", "@", "\t", "\r")
# Digits in groups and an optional decimal part: after a sign, a number, never a formula.
_PLAIN_NUMBER = re.compile(r"[0-9][0-9 ]*(?:[.,][0-9]+)?")


def escape_cell(value: str) -> str:
    """'=1+1' -> "'=1+1": text a spreadsheet must not run as a formula (OWASP CSV injection).

    "+37060000001" and "-12,5" stay as they are: a sign before a plain number is a number
    (or a phone number) to a spreadsheet, not a formula; "+SUM(A1)" or "-2+3" are escaped.
    """
    if not value:
        return value
    if value.startswith(ALWAYS_FORMULA_STARTS):
        return "'" + value
    if value[0] in "+-" and not _PLAIN_NUMBER.fullmatch(value[1:]):
        return "'" + value
    return value


@dataclass(frozen=True)
class ExportColumn:
    label: str  # an English msgid, translated when written
    value: Callable  # (actor, absolute_url) -> str
    kind: str = PUBLIC


# The exported fields of the one table of actor fields (actors/fields.py), in its order.
COLUMNS = tuple(ExportColumn(f.label, f.export, f.visibility) for f in EXPORT_FIELDS)


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
    yield [gettext(c.label) for c in columns]
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
    sheet = workbook.create_sheet(title=sheet_title(title))
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


def sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")
    return (cleaned or "Sheet")[:31]
