"""Spreadsheet import of actors for LAG coordinators: read, check every row, preview, write.

The steps are services with keyword-only arguments, like actors/services.py:

1. `import_upload(*, lag, by, file)` runs in the upload request. It checks what can be
   judged from the file as a whole (size, file type, text encoding, header row, required
   columns, number of rows). A file that fails raises `ActorImportError` and nothing is
   saved; otherwise an `ActorImport` (UPLOADED) keeps the bytes.
2. `import_validate(*, actor_import)` checks every row (required cells, types, settlement
   in the LAG's territory, themes, addresses, lengths, duplicates in the file and in the
   directory) and stores the report: every rejected row with its row number, column and
   reason, and the accepted rows normalised. Nothing is written to the directory (VALIDATED).
3. `import_confirm(*, actor_import, by)` writes the accepted rows in one transaction: all of
   them are published, or, if anything fails, none is written (IMPORTED or FAILED).

Steps 2 and 3 are started by the view in a background thread (see io_views.start_step for
why), so both write their progress (`processed_rows`) every few hundred rows in a short
statement of its own that other requests can read while the step runs.

Reasons are stored as English msgids (marked with `gettext_noop`) with their parameters and
translated when shown (`reason_text`), so a coordinator reading in Lithuanian or English
sees their language whichever thread wrote the report.
"""

import codecs
import csv
import datetime
import difflib
import io
import itertools
import logging
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, override

from kaimolink.actors.enums import ActorStatus, ActorType
from kaimolink.actors.fields import IMPORT_FIELDS, ActorField
from kaimolink.actors.models import (
    SETTLEMENT_OUTSIDE_LAG,
    Actor,
    ActorImport,
    ActorLogEntry,
    ImportColumnChoice,
    actor_slug_candidates,
    contacts_problem,
    legal_code_problem,
    name_problem,
)
from kaimolink.actors.rules import can_import_into_lag
from kaimolink.core.models import Settlement, Theme
from kaimolink.core.pagecache import public_pages_changed
from kaimolink.core.text import fold, lt_sort_key

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# Rows the reader walks through, empty ones included, before it gives up on a file.
MAX_PHYSICAL_ROWS = 10 * MAX_ROWS
# So many empty rows in a row end the data: the rest of the sheet is formatting.
MAX_EMPTY_RUN = 1000
# Reading a file (the read step, and again the check step) stops after so many seconds.
READ_SECONDS = 120
# The header row is looked for among the first rows (a title may stand above it).
HEADER_SEARCH_ROWS = 10
# Columns read from each row; a register never has more, a hostile file may claim 16 384.
MAX_COLUMNS = 60
# An XLSX file is a zip: refuse one that unpacks to far more than any real register
# (check_zip), before openpyxl opens it.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 200
MAX_ZIP_RATIO = 100
ZIP_RATIO_FROM_BYTES = 1024 * 1024
# Progress is written every this many rows; actors are inserted this many at a time.
PROGRESS_EVERY = 250
BATCH_SIZE = 500
# A step that has not reported for this long was interrupted (the process was restarted).
STALE_AFTER = datetime.timedelta(minutes=15)
# How much of a rejected cell the report keeps, to show what was wrong.
REPORT_VALUE_CHARS = 100
# Names in one settlement this similar (difflib ratio of the folded names) are flagged as
# possible duplicates for the person to decide.
SIMILAR_RATIO = 0.85

ActorImportStatus = ActorImport.Status


class ActorImportError(Exception):
    """An import that cannot go on; `str()` is the reason in the active language.

    `message` is an English msgid marked with gettext_noop, `params` fill its placeholders.
    `conflict` is true when the import is in the wrong state for the request (HTTP 409).
    """

    def __init__(self, message: str, params: dict | None = None, *, conflict: bool = False):
        super().__init__(message)
        self.message = message
        self.params = params or {}
        self.conflict = conflict

    def __str__(self):
        return translate(self.message, self.params)


def translate(message: str, params: dict | None = None) -> str:
    text = gettext(message)
    return text % params if params else text


def reason_text(entry: dict) -> str:
    """A report entry's reason in the active language."""
    return translate(entry["reason"], entry.get("params"))


# --- Columns ------------------------------------------------------------------------------


# The columns the import reads: the importable fields of the one table of actor fields.
Column = ActorField
COLUMNS = IMPORT_FIELDS
COLUMNS_BY_FIELD = {c.name: c for c in COLUMNS}
SKIP = ""  # the mapping's choice for a column that is not imported

# Type names LAG registers use, before the Lithuanian catalogue carries the labels.
TYPE_ALIASES = {
    ActorType.COMMUNITY_ORGANISATION: ("bendruomenė", "bendruomeninė organizacija",
                                       "kaimo bendruomenė", "nvo"),
    ActorType.COMMUNITY_BUSINESS: ("bendruomeninis verslas",),
    ActorType.SOCIAL_BUSINESS: ("socialinis verslas", "socialinė įmonė"),
    ActorType.SME: ("svv", "smulkusis ar vidutinis verslas", "smulkus ar vidutinis verslas",
                    "įmonė", "verslas"),
    ActorType.FARMER: ("ūkininkas", "ūkis"),
    ActorType.BUSINESS_LICENCE: ("verslo liudijimas", "individuali veikla"),
    ActorType.PUBLIC_BODY: ("viešasis subjektas", "biudžetinė įstaiga", "savivaldybė"),
    ActorType.OTHER: ("kita", "kitas"),
}  # fmt: skip
YES = {"taip", "t", "yes", "y", "1", "true", "tiesa"}
NO = {"ne", "n", "no", "0", "false", "netiesa", ""}

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE = re.compile(r"^[0-9+()\-./ ]{5,40}$")
_THEME_SPLIT = re.compile(r"[,;\n]")
_DIGITS = re.compile(r"[0-9]+")


def header_key(text: str) -> str:
    """'El. paštas' -> 'elpastas': how headers and choice names are compared."""
    return _NOT_ALNUM.sub("", fold(text))


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _translations(message) -> set[str]:
    """The keys of a label in every platform language (the catalogues may name it too)."""
    keys = set()
    for code in _languages():
        with override(code):
            keys.add(header_key(str(gettext(message) if isinstance(message, str) else message)))
    return keys


def _header_lookup() -> dict[str, Column]:
    lookup = {}
    for column in COLUMNS:
        for key in {*(header_key(a) for a in column.synonyms), *_translations(column.label)}:
            lookup.setdefault(key, column)
    return lookup


def _type_lookup() -> dict[str, str]:
    lookup = {}
    for value, label in ActorType.choices:
        keys = {
            header_key(value),
            *_translations(label),
            *(header_key(a) for a in TYPE_ALIASES.get(value, ())),
        }
        for key in keys:
            lookup.setdefault(key, value)
    return lookup


# --- Reading the file ---------------------------------------------------------------------


@dataclass
class Table:
    """A file's header row, how its columns map to fields, and its data rows.

    `cells` are the header row's texts as written; `columns` maps a cell index to the field
    it is imported into (columns mapped to SKIP are left out); `rows` iterates over the data
    rows (row number, cells), lazily and within the limits.
    """

    kind: str  # "csv" or "xlsx"
    header_row: int
    cells: list[str]
    columns: dict[int, Column]  # cell index -> column
    headers: dict[str, str]  # field -> header as written in the file
    ignored: list[str]
    rows: Iterator[tuple[int, list[str]]] = field(repr=False)


def _cell_text(value) -> str:
    """A cell as text: Excel stores codes and phones as numbers, and yes/no as booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _unescape(text: str) -> str:
    """Undo the apostrophe exports put before = + - @ (see exporting.escape_cell)."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def _sniff_kind(name: str, content: bytes) -> str:
    """ "csv" or "xlsx" from the first bytes; ActorImportError for other files. Instant."""
    if content.startswith(b"PK\x03\x04"):
        return "xlsx"
    if content.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ActorImportError(
            gettext_noop("Old Excel .xls files cannot be read; save the file as .xlsx or CSV.")
        )
    binary = b"\x00" in content[:4096] and not content.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    )
    if (
        binary
        or name.lower().endswith((".xlsx", ".xlsm"))
        or content.startswith(
            (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")
        )
    ):
        raise ActorImportError(gettext_noop("This file is not a CSV or XLSX spreadsheet."))
    return "csv"


def _decode(content: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1257."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in content:
        if content.startswith(codecs.BOM_UTF8):
            content = content[len(codecs.BOM_UTF8) :]
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            # Excel on a Lithuanian Windows saves "CSV (comma delimited)" in Windows-1257.
            return content.decode("cp1257")
        except UnicodeDecodeError:
            raise ActorImportError(
                gettext_noop(
                    "The text encoding of the file is not recognised; save it as “CSV UTF-8”."
                )
            ) from None
    raise ActorImportError(gettext_noop("This file is not a CSV or XLSX spreadsheet."))


def _csv_rows(content: bytes) -> Iterator[tuple[int, list[str]]]:
    text = _decode(content)
    lines = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    # Lithuanian Excel separates with ";" (the comma is the decimal sign); tabs from "Unicode
    # text". The most frequent of them in the first lines (a title row may have none) is the
    # delimiter.
    counts = {d: sum(line.count(d) for line in lines) for d in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, [_unescape(c) for c in cells[:MAX_COLUMNS]]
    except csv.Error as exc:  # e.g. a cell longer than csv.field_size_limit()
        raise ActorImportError(
            gettext_noop(
                "Row %(row)d cannot be read: a cell is too long or a quote is not closed."
            ),
            {"row": number + 1},
        ) from exc


_UNREADABLE = gettext_noop(
    "The file cannot be read as an XLSX spreadsheet; it may be damaged. "
    "Save it again as .xlsx or CSV."
)
_ZIP_BOMB = gettext_noop(
    "The spreadsheet is too large when unpacked (or packed suspiciously tightly); "
    "save it again as .xlsx or CSV with only the actors' rows."
)


def check_zip(content: bytes) -> None:
    """Refuse an XLSX (a zip) that would unpack into far more than any register.

    Reads only the zip's directory, before anything is unpacked: the number of entries,
    their total unpacked size, and how tightly each large entry is packed (a sheet of
    real text packs about 5 to 20 times; a sheet of 190 000 empty rows, 250 times).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ActorImportError(_UNREADABLE) from exc
    if len(entries) > MAX_ZIP_ENTRIES:
        raise ActorImportError(_ZIP_BOMB)
    if sum(info.file_size for info in entries) > MAX_UNPACKED_BYTES:
        raise ActorImportError(_ZIP_BOMB)
    for info in entries:
        if info.file_size > ZIP_RATIO_FROM_BYTES and info.file_size > MAX_ZIP_RATIO * max(
            info.compress_size, 1
        ):
            raise ActorImportError(_ZIP_BOMB)


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, list[str]]]:
    import openpyxl

    check_zip(content)
    # openpyxl fails in many ways on a damaged or foreign zip (KeyError, ValueError, XML
    # errors…); to the person they are all the same unreadable file.
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        raise ActorImportError(_UNREADABLE) from exc
    try:
        sheet = workbook.worksheets[0]  # the first sheet, as in the template
        # The stored dimensions may be wrong or hostile (A1:XFD1048576): read what is there.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
        for number, values in enumerate(rows, start=1):
            yield number, [_unescape(_cell_text(v)) for v in values]
    except ActorImportError:
        raise
    except Exception as exc:
        raise ActorImportError(_UNREADABLE) from exc
    finally:
        workbook.close()


def _bounded(rows) -> Iterator[tuple[int, list[str]]]:
    """The rows of a file within the reading limits.

    Stops (as the end of the data) after MAX_EMPTY_RUN empty rows in a row: a sheet that
    goes on with thousands of empty or formatted-only rows has no more actors in it. Raises
    ActorImportError past READ_SECONDS or MAX_PHYSICAL_ROWS.
    """
    deadline = time.monotonic() + READ_SECONDS
    empty_run = 0
    for number, cells in rows:
        if number % 256 == 0 and time.monotonic() > deadline:
            raise ActorImportError(
                gettext_noop(
                    "Reading the file took longer than %(seconds)d seconds; save it again "
                    "with only the actors' rows, or split it into smaller files."
                ),
                {"seconds": READ_SECONDS},
            )
        if number > MAX_PHYSICAL_ROWS:
            raise _too_many_rows()
        if any(c.strip() for c in cells):
            empty_run = 0
        else:
            empty_run += 1
            if empty_run > MAX_EMPTY_RUN:
                return
        yield number, cells


def _open_rows(name: str, content: bytes) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    if not content:
        raise ActorImportError(gettext_noop("The file is empty."))
    if len(content) > MAX_FILE_BYTES:
        raise ActorImportError(
            gettext_noop("The file is larger than %(size)d MB."),
            {"size": MAX_FILE_BYTES // (1024 * 1024)},
        )
    kind = _sniff_kind(name, content)
    rows = _xlsx_rows(content) if kind == "xlsx" else _csv_rows(content)
    return kind, _bounded(rows)


def _guesses(cells: list[str], lag=None) -> dict[int, str]:
    """{cell index: field} for the header cells: the LAG's remembered choice for a column
    of that name, else the field whose label or synonym it is; SKIP when neither."""
    lookup = _header_lookup()
    remembered = {}
    if lag is not None:
        remembered = dict(
            ImportColumnChoice.objects.filter(lag=lag).values_list("column_key", "field")
        )
    guesses, taken = {}, set()
    for index, raw in enumerate(cells):
        key = header_key(raw)
        if not key:
            continue
        if key in remembered and (remembered[key] in COLUMNS_BY_FIELD or remembered[key] == SKIP):
            guess = remembered[key]
        else:
            column = lookup.get(key)
            guess = column.name if column else SKIP
        if guess in taken:
            guess = SKIP  # one column per field: the first one keeps the guess
        if guess:
            taken.add(guess)
        guesses[index] = guess
    return guesses


def _find_header(rows) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """The header row among the first HEADER_SEARCH_ROWS rows, and the rows read after it.

    A register often has a title (or an empty row) above the header: the header is the row
    with the most cells that name a known field; when no row names one, the first row with
    two or more filled cells.
    """
    lookup = _header_lookup()
    head = []
    for number, cells in rows:
        head.append((number, cells))
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    best, best_score = None, 0
    for position, (_number, cells) in enumerate(head):
        score = len({lookup[k].name for c in cells if (k := header_key(c)) in lookup})
        if score > best_score:
            best, best_score = position, score
    if best is None:
        best = next(
            (i for i, (_n, cells) in enumerate(head) if sum(1 for c in cells if c.strip()) >= 2),
            None,
        )
    if best is None:
        raise ActorImportError(
            gettext_noop(
                "The file has no header row: one of the first %(rows)d rows must name the "
                "columns, e.g. “%(example)s”."
            ),
            {
                "rows": HEADER_SEARCH_ROWS,
                "example": ", ".join(
                    gettext(COLUMNS_BY_FIELD[f].label) for f in ("name", "settlement")
                ),
            },
        )
    number, cells = head[best]
    return number, [" ".join(c.split()) for c in cells], head[best + 1 :]


def read_table(*, name: str, content: bytes, mapping: dict | None = None, lag=None) -> Table:
    """Open a CSV or XLSX file, find its header row and map its columns to fields.

    `mapping` ({cell index as str or int: field or SKIP}, as the person chose it) decides
    the columns; without it, the guesses (`_guesses`, remembered per `lag`) do. Raises
    ActorImportError if the file is unfit or the mapping leaves out a required field. The
    rows are read lazily from `Table.rows`; they may still raise ActorImportError.
    """
    kind, rows = _open_rows(name, content)
    number, cells, after = _find_header(rows)
    if mapping is None:
        chosen = _guesses(cells, lag)
    else:
        chosen = {int(index): value for index, value in mapping.items()}
    columns, headers, ignored = {}, {}, []
    for index, text in enumerate(cells):
        value = chosen.get(index, SKIP)
        if value == SKIP:
            if text:
                ignored.append(text[:REPORT_VALUE_CHARS])
            continue
        column = COLUMNS_BY_FIELD.get(value)
        if column is None:
            raise ActorImportError(gettext_noop("Choose a field or “skip” for every column."))
        if column.name in headers:
            raise ActorImportError(
                gettext_noop("Two columns are matched with the field “%(field)s”."),
                {"field": gettext(column.label)},
            )
        columns[index] = column
        headers[column.name] = (text or gettext(column.label))[:REPORT_VALUE_CHARS]
    if mapping is not None:
        missing = [c for c in COLUMNS if c.required and c.name not in headers]
        if missing:
            raise ActorImportError(
                gettext_noop("Required fields have no column: %(columns)s."),
                {"columns": ", ".join(f"“{gettext(c.label)}”" for c in missing)},
            )
    return Table(
        kind, number, cells, columns, headers, ignored, _limited(itertools.chain(after, rows))
    )


def _limited(rows) -> Iterator[tuple[int, list[str]]]:
    """Non-empty data rows, stopping with a clear message past MAX_ROWS."""
    seen = 0
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        seen += 1
        if seen > MAX_ROWS:
            raise _too_many_rows()
        yield number, cells


def _too_many_rows() -> ActorImportError:
    return ActorImportError(
        gettext_noop("The file has more than %(max)d rows; split it into smaller files."),
        {"max": MAX_ROWS},
    )


# --- Step 1: upload (in the request) ------------------------------------------------------


def import_upload(*, lag, by, file) -> ActorImport:
    """Keep an uploaded file as an ActorImport (UPLOADED) and queue its reading.

    This runs in the upload request and therefore reads nothing but the file's first bytes:
    whatever the file holds, the request answers at once; the rows are read by the
    `read` step in the background (`actors.tasks`). `file` is an uploaded file (or any
    object with `name`, `size` and `read()`). Raises ActorImportError, having saved
    nothing, when `by` may not import into `lag` or the file is empty, too large, or
    plainly not CSV/XLSX.
    """
    if not can_import_into_lag(by, lag):
        raise ActorImportError(gettext_noop("You may not import actors into this LAG."))
    name = (getattr(file, "name", "") or "").rsplit("/", 1)[-1][:255] or "import"
    if getattr(file, "size", 0) > MAX_FILE_BYTES:  # before reading it into memory
        raise ActorImportError(
            gettext_noop("The file is larger than %(size)d MB."),
            {"size": MAX_FILE_BYTES // (1024 * 1024)},
        )
    content = file.read(MAX_FILE_BYTES + 1)
    if not content:
        raise ActorImportError(gettext_noop("The file is empty."))
    if len(content) > MAX_FILE_BYTES:
        raise ActorImportError(
            gettext_noop("The file is larger than %(size)d MB."),
            {"size": MAX_FILE_BYTES // (1024 * 1024)},
        )
    _sniff_kind(name, content)
    actor_import = ActorImport.objects.create(
        lag=lag,
        uploaded_by=by,
        file_name=name,
        content=content,
        status=ActorImportStatus.UPLOADED,
    )
    _enqueue("read", actor_import)
    return actor_import


def _enqueue(step: str, actor_import: ActorImport, **kwargs) -> None:
    """Queue a step as a task on the "imports" queue.

    With the database backend the task row is written in the current transaction, so the
    worker sees it only together with the import's new state.
    """
    from kaimolink.actors.tasks import actor_import_step

    actor_import_step.enqueue(step=step, actor_import_id=actor_import.pk, **kwargs)


# --- Step 2: read the file and guess its columns (a task) --------------------------------

SAMPLE_VALUES = 3


def import_read(*, actor_import: ActorImport) -> ActorImport:
    """Read an UPLOADED file within the limits: find the header row, count the rows, and
    keep each column's header, first values and guessed field for the mapping page.

    Sets MAPPING, or FAILED (raising ActorImportError) when the file cannot be used.
    """
    actor_import = ActorImport.objects.select_related("lag").get(pk=actor_import.pk)
    if actor_import.status != ActorImportStatus.UPLOADED:
        raise ActorImportError(
            gettext_noop("This import is not waiting to be read."), conflict=True
        )
    try:
        table = read_table(
            name=actor_import.file_name,
            content=bytes(actor_import.content),
            lag=actor_import.lag,
        )
        samples: dict[int, list[str]] = {i: [] for i, text in enumerate(table.cells) if text}
        total = 0
        for _number, cells in table.rows:
            total += 1
            if total <= SAMPLE_VALUES:
                for index, values in samples.items():
                    text = cells[index] if index < len(cells) else ""
                    values.append(" ".join(text.split())[:REPORT_VALUE_CHARS])
        if total == 0:
            raise ActorImportError(gettext_noop("The file has a header row but no rows to import."))
    except ActorImportError as exc:
        _fail(actor_import, exc.message, exc.params)
        raise
    guesses = {i: c.name for i, c in table.columns.items()}
    report = {
        "kind": table.kind,
        "header_row": table.header_row,
        "file_columns": [
            {
                "index": i,
                "header": table.cells[i][:REPORT_VALUE_CHARS],
                "samples": values,
                "guess": guesses.get(i, SKIP),
            }
            for i, values in samples.items()
        ],  # fmt: skip
        "error": None,
    }
    ActorImport.objects.filter(pk=actor_import.pk, status=ActorImportStatus.UPLOADED).update(
        status=ActorImportStatus.MAPPING,
        report=report,
        total_rows=total,
        updated_at=timezone.now(),
    )
    actor_import.refresh_from_db()
    return actor_import


# --- Step 3: the person matches the columns (in the request) -----------------------------


def import_map(*, actor_import: ActorImport, by, mapping: dict[int, str]) -> ActorImport:
    """Record how the columns map to fields, remember it for the LAG, queue the check.

    `mapping` is {cell index: field name or SKIP} for the columns of the file's header.
    Raises ActorImportError (nothing changed) when `by` may not import into the LAG, the
    import is not waiting for its mapping, a field is chosen twice, or a required field
    has no column.
    """
    actor_import = ActorImport.objects.select_related("lag").get(pk=actor_import.pk)
    if not can_import_into_lag(by, actor_import.lag):
        raise ActorImportError(gettext_noop("You may not import actors into this LAG."))
    if actor_import.status != ActorImportStatus.MAPPING:
        raise ActorImportError(
            gettext_noop("This import is not waiting for its columns to be matched."),
            conflict=True,
        )
    file_columns = (actor_import.report or {}).get("file_columns") or []
    chosen = {}
    seen = set()
    for column in file_columns:
        value = mapping.get(column["index"], SKIP)
        if value != SKIP and value not in COLUMNS_BY_FIELD:
            raise ActorImportError(gettext_noop("Choose a field or “skip” for every column."))
        if value != SKIP and value in seen:
            raise ActorImportError(
                gettext_noop("Two columns are matched with the field “%(field)s”."),
                {"field": gettext(COLUMNS_BY_FIELD[value].label)},
            )
        seen.add(value)
        chosen[str(column["index"])] = value
    missing = [c for c in COLUMNS if c.required and c.name not in seen]
    if missing:
        raise ActorImportError(
            gettext_noop("Required fields have no column: %(columns)s."),
            {"columns": ", ".join(f"“{gettext(c.label)}”" for c in missing)},
        )
    with transaction.atomic():
        report = dict(actor_import.report)
        report["mapping"] = chosen
        updated = ActorImport.objects.filter(
            pk=actor_import.pk, status=ActorImportStatus.MAPPING
        ).update(
            status=ActorImportStatus.CHECKING,
            report=report,
            processed_rows=0,
            updated_at=timezone.now(),
        )
        if not updated:
            raise ActorImportError(
                gettext_noop("This import is not waiting for its columns to be matched."),
                conflict=True,
            )
        for column in file_columns:
            key = header_key(column["header"])
            if key:
                ImportColumnChoice.objects.update_or_create(
                    lag=actor_import.lag,
                    column_key=key[: ImportColumnChoice.KEY_LENGTH],
                    defaults={
                        "column_name": column["header"][:200],
                        "field": chosen[str(column["index"])],
                    },
                )
        _enqueue("validate", actor_import)
    actor_import.refresh_from_db()
    return actor_import


# --- Progress -----------------------------------------------------------------------------


def _progress_key(actor_import_id: int) -> str:
    return f"kaimolink:actor-import:{actor_import_id}:progress"


class _Progress:
    """Writes `processed_rows` where another request can read it while a step runs.

    Outside a transaction (the check step) a plain UPDATE does. The write step runs in one
    long transaction, so on PostgreSQL its progress goes through a second connection that
    commits each UPDATE at once. SQLite allows one writer at a time, and that writer is
    the import itself, so there the count goes only to the cache (shared between processes
    with Redis, per process otherwise); `import_progress` reads both.
    """

    def __init__(self, actor_import_id: int, *, in_transaction: bool):
        self.pk = actor_import_id
        self.side = None
        self.in_transaction = in_transaction
        if in_transaction and connection.vendor == "postgresql":
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, processed: int) -> None:
        cache.set(_progress_key(self.pk), processed, timeout=3600)
        if not self.in_transaction:
            ActorImport.objects.filter(pk=self.pk).update(
                processed_rows=processed, updated_at=timezone.now()
            )
            return
        if self.side is None:
            return
        try:
            with self.side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {ActorImport._meta.db_table} "
                    "SET processed_rows = %s, updated_at = %s WHERE id = %s AND status = %s",
                    [processed, timezone.now(), self.pk, ActorImportStatus.IMPORTING],
                )
        except Exception:  # progress is a courtesy: never let it stop the import
            logger.warning("Could not record import progress", exc_info=True)

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def import_progress(*, actor_import: ActorImport) -> int:
    """Rows processed by the running step (or the last one), as far as anyone can tell."""
    processed = actor_import.processed_rows
    if not actor_import.is_final:
        processed = max(processed, cache.get(_progress_key(actor_import.pk)) or 0)
    return min(processed, actor_import.total_rows)


def import_expire_stale(*, actor_import: ActorImport) -> ActorImport:
    """Mark an import whose step stopped reporting (process restarted) as failed.

    Nothing of it was written: the write step commits all rows with its final status.
    """
    if actor_import.is_final or actor_import.updated_at > timezone.now() - STALE_AFTER:
        return actor_import
    _fail(
        actor_import,
        gettext_noop("The import was interrupted. Nothing was imported; upload the file again."),
    )
    actor_import.refresh_from_db(fields=["status", "report", "updated_at"])
    return actor_import


# Import reports quote the rejected cells (names, e-mail addresses, phone numbers): kept
# long enough for the coordinator to fix the spreadsheet, then deleted.
KEEP_IMPORTS_DAYS = 90


def imports_purge_old(*, now=None, keep_days: int = KEEP_IMPORTS_DAYS) -> int:
    """Delete finished (or abandoned) imports last touched more than `keep_days` ago.

    Run daily (`kaimolink purge_old_data`, docs/deploy.md). The actors an import wrote
    stay, with their own log entries; only the upload's record and report go.
    """
    now = now or timezone.now()
    finished = [
        ActorImportStatus.IMPORTED,
        ActorImportStatus.FAILED,
        ActorImportStatus.MAPPING,
        ActorImportStatus.VALIDATED,
    ]
    old = ActorImport.objects.filter(
        status__in=finished, updated_at__lt=now - datetime.timedelta(days=keep_days)
    )
    deleted, _ = old.delete()
    return deleted


def _fail(actor_import: ActorImport, message: str, params: dict | None = None) -> None:
    report = dict(actor_import.report or {})
    report["error"] = {"reason": message, "params": params or {}}
    report["accepted"] = []  # personal data that will never be written
    ActorImport.objects.filter(
        pk=actor_import.pk,
        status__in=[
            ActorImportStatus.UPLOADED,
            ActorImportStatus.CHECKING,
            ActorImportStatus.IMPORTING,
        ],
    ).update(status=ActorImportStatus.FAILED, report=report, content=b"", updated_at=timezone.now())


# --- Step 2: check every row --------------------------------------------------------------


@dataclass
class _Lookups:
    """Everything a row is compared with, loaded once per file."""

    lag: object
    settlements: dict[str, list]  # folded name -> settlements in the LAG's districts
    elsewhere: set[str]  # folded names of settlements outside the LAG
    themes: dict[str, Theme]
    types: dict[str, str]
    names: set[tuple[int, str]]  # (settlement id, folded name) already in the directory
    directory_names: dict[int, list[str]]  # settlement id -> names in the directory
    yes: set[str] = field(default_factory=set)
    no: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, lag) -> "_Lookups":
        district_ids = list(lag.districts.values_list("pk", flat=True))
        settlements: dict[str, list] = {}
        for s in Settlement.objects.filter(district_id__in=district_ids).select_related("district"):
            settlements.setdefault(fold(s.name), []).append(s)
        elsewhere = {
            fold(n)
            for n in Settlement.objects.exclude(district_id__in=district_ids).values_list(
                "name", flat=True
            )
        }
        themes = {}
        for theme in Theme.objects.all():
            for text in (theme.slug, theme.name_lt, theme.name_en):
                themes.setdefault(header_key(text), theme)
        directory_names: dict[int, list[str]] = {}
        for sid, name in Actor.objects.filter(settlement__district_id__in=district_ids).values_list(
            "settlement_id", "name"
        ):
            directory_names.setdefault(sid, []).append(name)
        names = {(sid, fold(n)) for sid, listed in directory_names.items() for n in listed}
        yes = {header_key(w) for w in YES} | _translations("Yes")
        no = {header_key(w) for w in NO} | _translations("No")
        return cls(
            lag, settlements, elsewhere, themes, _type_lookup(), names, directory_names, yes, no
        )


def _reject(number: int, table: Table, column: Column, value: str, reason: str, **params):
    return {
        "row": number,
        "column": table.headers.get(column.name, gettext(column.label)),
        "field": column.name,
        "value": value[:REPORT_VALUE_CHARS],
        "reason": reason,
        "params": params,
    }


def _check_row(number: int, cells: list[str], table: Table, lookups: _Lookups):
    """One data row -> (normalised values or None, list of rejections)."""
    raw = {column.name: "" for column in COLUMNS}
    for index, column in table.columns.items():
        raw[column.name] = cells[index] if index < len(cells) else ""
    values, problems = {}, []

    def reject(field_name, reason, **params):
        column = COLUMNS_BY_FIELD[field_name]
        problems.append(_reject(number, table, column, raw[field_name], reason, **params))

    for column in COLUMNS:
        text = raw[column.name]
        if column.multiline:
            text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))
            text = text.strip()
        else:
            text = " ".join(text.split())
        if _CONTROL.search(text):
            reject(column.name, gettext_noop("Contains characters that are not allowed."))
            text = None
        elif len(text) > column.max_length:
            reject(
                column.name,
                gettext_noop("Too long: at most %(max)d characters, this cell has %(length)d."),
                max=column.max_length,
                length=len(text),
            )
            text = None
        elif column.required and not text:
            reject(column.name, gettext_noop("This cell must not be empty."))
            text = None
        values[column.name] = text

    name = values["name"]
    if name is not None and (problem := name_problem(name)):
        reject("name", problem)
        values["name"] = None

    kind = values["actor_type"]
    if kind is not None:
        values["actor_type"] = lookups.types.get(header_key(kind)) if kind else ActorType.OTHER
        if values["actor_type"] is None:
            reject(
                "actor_type",
                gettext_noop("Unknown actor type; use one of the types in the template."),
            )

    code = values["legal_code"]
    if code:
        code = code.replace(" ", "")
        if problem := legal_code_problem(code):
            reject("legal_code", problem)
            code = None
    values["legal_code"] = code or None

    settlement = None
    place, district = values["settlement"], values["district"]
    if place:
        candidates = lookups.settlements.get(fold(place), [])
        if not candidates:
            if fold(place) in lookups.elsewhere:
                reject("settlement", SETTLEMENT_OUTSIDE_LAG)
            else:
                reject("settlement", gettext_noop("Unknown settlement"))
        else:
            if district:
                candidates = [s for s in candidates if _district_matches(district, s.district)]
                if not candidates:
                    reject("district", gettext_noop("This settlement is not in this district."))
            if len(candidates) == 1:
                settlement = candidates[0]
            elif len(candidates) > 1:
                reject(
                    "settlement",
                    gettext_noop(
                        "Several settlements of this LAG have this name; add the district column."
                    ),
                )
    values["settlement"] = settlement

    theme_ids = []
    if values["themes"]:
        for piece in _THEME_SPLIT.split(values["themes"]):
            if not piece.strip():
                continue
            theme = lookups.themes.get(header_key(piece))
            if theme is None:
                reject(
                    "themes",
                    gettext_noop("Unknown theme: %(theme)s"),
                    theme=piece.strip()[:REPORT_VALUE_CHARS],
                )
            elif theme.pk not in theme_ids:
                theme_ids.append(theme.pk)
    values["themes"] = theme_ids

    website = values["website"]
    if website:
        if "://" not in website:
            website = "https://" + website
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            reject("website", gettext_noop("Not a valid web address."))
            website = None
        else:
            if len(website) > COLUMNS_BY_FIELD["website"].max_length:
                reject(
                    "website",
                    gettext_noop("Too long: at most %(max)d characters, this cell has %(length)d."),
                    max=COLUMNS_BY_FIELD["website"].max_length,
                    length=len(website),
                )
                website = None
    values["website"] = website or ""

    email = values["email"]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            reject("email", gettext_noop("Not a valid e-mail address."))
            email = None
    values["email"] = email or ""

    phone = values["phone"]
    if phone and not _PHONE.match(phone):
        reject("phone", gettext_noop("Not a valid phone number."))
        phone = None
    values["phone"] = phone or ""

    public = values["contacts_public"]
    if public is not None:
        key = header_key(public)
        if key in lookups.yes:
            values["contacts_public"] = True
        elif key in lookups.no:
            values["contacts_public"] = False
        else:
            reject("contacts_public", gettext_noop("Write yes or no (taip or ne)."))
            values["contacts_public"] = None
    if problem := contacts_problem(
        public=bool(values["contacts_public"]),
        email=raw["email"].strip(),
        phone=raw["phone"].strip(),
        address=raw["address"].strip(),
    ):
        reject("contacts_public", problem)
    return values, problems


def _district_matches(given: str, district) -> bool:
    """'Kėdainių r.' or 'Kėdainių' names 'Kėdainių r. sav.'."""
    key, full = header_key(given), header_key(district.name)
    return key == full or (len(key) >= 4 and full.startswith(key))


def import_validate(*, actor_import: ActorImport) -> ActorImport:
    """Check every row of a CHECKING import (columns as mapped) and store the report.

    Writes no actor. Side effects: `processed_rows` every PROGRESS_EVERY rows; at the end
    the report, the status VALIDATED (or FAILED when the file cannot be read after all)
    and the file bytes dropped. Exact duplicates (same legal code; same name and
    settlement) are rejected; near-duplicates (a similar name in the same settlement, in
    the file or in the directory) are accepted but flagged for the person to decide
    (`similar` on the accepted row). Raises ActorImportError when the import is not
    waiting to be checked, or (after recording it) when the file cannot be read.
    """
    actor_import = ActorImport.objects.select_related("lag").get(pk=actor_import.pk)
    if actor_import.status != ActorImportStatus.CHECKING:
        raise ActorImportError(
            gettext_noop("This import is not waiting to be checked."), conflict=True
        )
    progress = _Progress(actor_import.pk, in_transaction=False)
    previous = actor_import.report or {}
    try:
        table = read_table(
            name=actor_import.file_name,
            content=bytes(actor_import.content),
            mapping=previous.get("mapping") or {},
        )
        lookups = _Lookups.load(actor_import.lag)
        checked = []
        codes_seen: dict[str, int] = {}
        names_seen: dict[tuple[int, str], int] = {}
        similar = _SimilarNames(lookups.directory_names)
        processed = 0
        for number, cells in table.rows:
            values, problems = _check_row(number, cells, table, lookups)
            code, settlement = values["legal_code"], values["settlement"]
            if code:
                if code in codes_seen:
                    problems.append(
                        _reject(
                            number,
                            table,
                            COLUMNS_BY_FIELD["legal_code"],
                            code,
                            gettext_noop("The same legal entity code is in row %(row)d."),
                            row=codes_seen[code],
                        )
                    )
                else:
                    codes_seen[code] = number
            if settlement is not None and values["name"]:
                key = (settlement.pk, fold(values["name"]))
                if key in lookups.names:
                    problems.append(
                        _reject(
                            number,
                            table,
                            COLUMNS_BY_FIELD["name"],
                            values["name"],
                            gettext_noop(
                                "An actor with this name is already listed in this settlement."
                            ),
                        )
                    )
                elif key in names_seen:
                    problems.append(
                        _reject(
                            number,
                            table,
                            COLUMNS_BY_FIELD["name"],
                            values["name"],
                            gettext_noop("The same name and settlement are in row %(row)d."),
                            row=names_seen[key],
                        )
                    )
                else:
                    names_seen[key] = number
                    values["similar"] = similar.find(settlement.pk, values["name"])
                    similar.add(settlement.pk, values["name"], number)
            checked.append((number, values, problems))
            processed += 1
            if processed % PROGRESS_EVERY == 0:
                progress(processed)
        # Legal codes already in the directory (any LAG, any status: the code is unique).
        listed = _listed_codes(list(codes_seen))
        rejected, accepted = [], []
        for number, values, problems in checked:
            if values["legal_code"] in listed:
                problems.append(
                    _reject(
                        number,
                        table,
                        COLUMNS_BY_FIELD["legal_code"],
                        values["legal_code"],
                        gettext_noop("An actor with this legal entity code is already listed."),
                    )
                )
            if problems:
                rejected.extend(problems)
            else:
                accepted.append(_accepted_row(number, values))
    except ActorImportError as exc:
        _fail(actor_import, exc.message, exc.params)
        raise
    order = {c.name: i for i, c in enumerate(COLUMNS)}
    rejected.sort(key=lambda e: (e["row"], order[e["field"]]))
    report = {
        **previous,
        "kind": table.kind,
        "columns": table.headers,
        "ignored_columns": table.ignored,
        "rejected": rejected,
        "rejected_rows": len({e["row"] for e in rejected}),
        "accepted": accepted,
        "accepted_count": len(accepted),
        "similar_count": sum(1 for r in accepted if r["similar"]),
        "error": None,
    }
    updated = ActorImport.objects.filter(
        pk=actor_import.pk, status=ActorImportStatus.CHECKING
    ).update(
        status=ActorImportStatus.VALIDATED,
        report=report,
        content=b"",
        total_rows=processed,
        processed_rows=processed,
        updated_at=timezone.now(),
    )
    if not updated:
        raise ActorImportError(
            gettext_noop("This import is not waiting to be checked."), conflict=True
        )
    cache.delete(_progress_key(actor_import.pk))
    actor_import.refresh_from_db()
    return actor_import


def similar_name_key(name: str) -> str:
    """A name as compared for near-duplicates: folded, punctuation and quotes dropped."""
    return " ".join(_NOT_ALNUM.sub(" ", fold(name)).split())


class _SimilarNames:
    """Names per settlement (the directory's, then the file's rows), to find a similar one.

    Similar: the same numbers in both names ("Narys 1" and "Narys 2" are two actors), and
    difflib's ratio of the compared keys at least SIMILAR_RATIO (the same on SQLite and
    PostgreSQL). The cheap upper bounds (`real_quick_ratio`, `quick_ratio`)
    skip most pairs, so a settlement with many actors stays fast.
    """

    def __init__(self, directory: dict[int, list[str]]):
        self.known: dict[int, list[tuple[str, str, int | None]]] = {
            sid: [(similar_name_key(n), n, None) for n in names] for sid, names in directory.items()
        }

    def add(self, settlement_id: int, name: str, row: int) -> None:
        self.known.setdefault(settlement_id, []).append((similar_name_key(name), name, row))

    def find(self, settlement_id: int, name: str) -> dict | None:
        key = similar_name_key(name)
        numbers = _DIGITS.findall(key)
        matcher = difflib.SequenceMatcher(b=key, autojunk=False)
        for other_key, other_name, row in self.known.get(settlement_id, ()):
            if _DIGITS.findall(other_key) != numbers:
                continue
            matcher.set_seq1(other_key)
            if (
                matcher.real_quick_ratio() >= SIMILAR_RATIO
                and matcher.quick_ratio() >= SIMILAR_RATIO
                and matcher.ratio() >= SIMILAR_RATIO
            ):
                return {"name": other_name, "row": row}
        return None


def _listed_codes(codes: list[str]) -> set[str]:
    listed = set()
    for start in range(0, len(codes), 500):
        listed.update(
            Actor.objects.filter(legal_code__in=codes[start : start + 500]).values_list(
                "legal_code", flat=True
            )
        )
    return listed


def _accepted_row(number: int, values: dict) -> dict:
    settlement = values["settlement"]
    return {
        "row": number,
        "name": values["name"],
        "actor_type": values["actor_type"],
        "legal_code": values["legal_code"],
        "settlement_id": settlement.pk,
        "settlement_name": settlement.name,
        "district_name": settlement.district.name,
        "theme_ids": values["themes"],
        "description": values["description"] or "",
        "offers": values["offers"] or "",
        "seeks": values["seeks"] or "",
        "website": values["website"],
        "email": values["email"],
        "phone": values["phone"],
        "address": values["address"] or "",
        "contacts_public": bool(values["contacts_public"]),
        "similar": values.get("similar"),
    }


# --- Step 3: write ------------------------------------------------------------------------


IMPORT, SKIP_ROW = "import", "skip"  # what the person decides for a possible duplicate


def _decisions(decisions: dict | None) -> dict[int, str]:
    """{row number: IMPORT or SKIP_ROW}; keys may be texts (JSON, form fields)."""
    found = {}
    for key, value in (decisions or {}).items():
        try:
            found[int(key)] = value
        except (TypeError, ValueError):
            continue
    return found


def import_check_confirmable(
    *, actor_import: ActorImport, by, skip_rejected: bool = False, decisions: dict | None = None
):
    """Raise ActorImportError unless `by` may confirm this import now.

    Rejected rows are never written; when there are some, the coordinator must say that
    the accepted rows are to be imported without them (`skip_rejected`), so that a file
    is never imported half by accident. Every row flagged as a possible duplicate needs a
    decision in `decisions` ({row: "import" or "skip"}).
    """
    if not can_import_into_lag(by, actor_import.lag):
        raise ActorImportError(gettext_noop("You may not import actors into this LAG."))
    if actor_import.status != ActorImportStatus.VALIDATED:
        raise ActorImportError(
            gettext_noop("This import is not waiting for confirmation."), conflict=True
        )
    report = actor_import.report or {}
    if not report.get("accepted_count"):
        raise ActorImportError(gettext_noop("No row of this file can be imported."), conflict=True)
    if report.get("rejected_rows") and not skip_rejected:
        raise ActorImportError(
            gettext_noop(
                "Some rows were rejected. Confirm that the other rows are to be "
                "imported without them, or correct the file and upload it again."
            )
        )
    chosen = _decisions(decisions)
    undecided = [
        r["row"]
        for r in report.get("accepted") or []
        if r.get("similar") and chosen.get(r["row"]) not in (IMPORT, SKIP_ROW)
    ]
    if undecided:
        raise ActorImportError(
            gettext_noop(
                "Decide for each possible duplicate whether to import it or skip it "
                "(rows %(rows)s)."
            ),
            {"rows": ", ".join(str(n) for n in undecided[:20])},
        )


def import_queue_confirm(
    *, actor_import: ActorImport, by, skip_rejected: bool = False, decisions: dict | None = None
) -> None:
    """Check that `by` may confirm now (ActorImportError otherwise) and queue the write."""
    import_check_confirmable(
        actor_import=actor_import, by=by, skip_rejected=skip_rejected, decisions=decisions
    )
    _enqueue(
        "confirm",
        actor_import,
        by_id=by.pk,
        skip_rejected=skip_rejected,
        decisions={str(k): v for k, v in _decisions(decisions).items()},
    )


def _rows_to_write(report: dict, decisions: dict | None) -> list[dict]:
    """The accepted rows without the possible duplicates the person chose to skip."""
    chosen = _decisions(decisions)
    return [
        r
        for r in report.get("accepted", [])
        if not (r.get("similar") and chosen.get(r["row"]) == SKIP_ROW)
    ]


def import_confirm(
    *, actor_import: ActorImport, by, skip_rejected: bool = False, decisions: dict | None = None
) -> int:
    """Write the accepted rows of a VALIDATED import as published actors; all or none.

    Preconditions as in `import_check_confirmable`; possible duplicates the person chose
    to skip are left out. The import moves to IMPORTING at once (a conditional UPDATE, so
    a second confirmation finds it taken); the actors, their themes and an IMPORTED log
    entry each are inserted in batches inside one transaction, which also sets IMPORTED.
    If anything fails (a legal code or a name added to the directory meanwhile, a database
    error) nothing is written, the import is FAILED and ActorImportError says why.
    Returns the number of actors created.
    """
    actor_import = ActorImport.objects.select_related("lag").get(pk=actor_import.pk)
    import_check_confirmable(
        actor_import=actor_import, by=by, skip_rejected=skip_rejected, decisions=decisions
    )
    claimed = ActorImport.objects.filter(
        pk=actor_import.pk, status=ActorImportStatus.VALIDATED
    ).update(status=ActorImportStatus.IMPORTING, processed_rows=0, updated_at=timezone.now())
    if not claimed:
        raise ActorImportError(
            gettext_noop("This import is not waiting for confirmation."), conflict=True
        )
    actor_import.status = ActorImportStatus.IMPORTING
    cache.delete(_progress_key(actor_import.pk))
    rows = _rows_to_write(actor_import.report, decisions)
    skipped = actor_import.report.get("accepted_count", 0) - len(rows)
    progress = _Progress(actor_import.pk, in_transaction=True)
    try:
        with transaction.atomic():
            created = _write_rows(actor_import, rows, by, progress)
            report = dict(actor_import.report)
            report["accepted"] = []  # written now; the actors themselves are the record
            report["created_count"] = created
            report["skipped_similar"] = skipped
            done = ActorImport.objects.filter(
                pk=actor_import.pk, status=ActorImportStatus.IMPORTING
            ).update(
                status=ActorImportStatus.IMPORTED,
                processed_rows=len(rows),
                report=report,
                updated_at=timezone.now(),
            )
            if not done:  # marked as interrupted meanwhile: keep the record truthful
                raise ActorImportError(
                    gettext_noop(
                        "The import was interrupted. Nothing was imported; upload the file again."
                    )
                )
    except ActorImportError as exc:
        _fail(actor_import, exc.message, exc.params)
        raise
    except IntegrityError as exc:
        logger.info("Actor import %s conflicts with the directory: %s", actor_import.pk, exc)
        message = gettext_noop(
            "Nothing was imported: while the file waited for confirmation, the directory "
            "changed (for example, an actor with the same legal entity code was added). "
            "Upload the file again to check it."
        )
        _fail(actor_import, message)
        raise ActorImportError(message) from exc
    except Exception:
        _fail(
            actor_import,
            gettext_noop("An unexpected error stopped the import. Nothing was imported."),
        )
        raise
    finally:
        progress.close()
        cache.delete(_progress_key(actor_import.pk))
    return created


def _free_slug(name: str, taken: set[str]) -> str:
    """As models.unique_actor_slug, against a set of taken slugs instead of one query each."""
    slug = next(s for s in actor_slug_candidates(name) if s not in taken)
    taken.add(slug)
    return slug


def _write_rows(actor_import: ActorImport, rows: list[dict], by, progress) -> int:
    """Insert the actors; runs inside the import's transaction."""
    lag = actor_import.lag
    settlements = Settlement.objects.select_related("district").in_bulk(
        {r["settlement_id"] for r in rows}
    )
    themes = Theme.objects.in_bulk()
    if any(r["settlement_id"] not in settlements for r in rows):
        raise IntegrityError("a settlement of the file was deleted")
    # Names are not unique in the database, so check again what was added meanwhile.
    listed = {
        (sid, fold(name))
        for sid, name in Actor.objects.filter(settlement_id__in=list(settlements)).values_list(
            "settlement_id", "name"
        )
    }
    clash = [r["row"] for r in rows if (r["settlement_id"], fold(r["name"])) in listed]
    if clash:
        raise ActorImportError(
            gettext_noop(
                "Nothing was imported: actors with the names of rows %(rows)s were "
                "added to the directory meanwhile. Upload the file again to check it."
            ),
            {"rows": ", ".join(str(n) for n in clash[:20])},
        )
    taken = set(Actor.objects.values_list("slug", flat=True).iterator(chunk_size=5000))
    through = Actor.themes.through
    now = timezone.now()
    created = 0
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        actors = []
        for row in batch:
            settlement = settlements[row["settlement_id"]]
            row_themes = [themes[pk] for pk in row["theme_ids"] if pk in themes]
            actor = Actor(
                name=row["name"],
                actor_type=row["actor_type"],
                legal_code=row["legal_code"],
                lag=lag,
                district=settlement.district,
                settlement=settlement,
                lat=settlement.lat,
                lon=settlement.lon,
                description=row["description"],
                offers=row["offers"],
                seeks=row["seeks"],
                website=row["website"],
                email=row["email"],
                phone=row["phone"],
                address=row["address"],
                contacts_public=row["contacts_public"],
                # The LAG holds the consent for its own register.
                contacts_consent_at=now if row["contacts_public"] else None,
                status=ActorStatus.PUBLISHED,
                published_at=now,
            )
            # bulk_create skips save(): fill what save() would (slug, sort key, search text).
            actor.slug = _free_slug(actor.name, taken)
            actor.name_sort = lt_sort_key(actor.name)
            actor.refresh_search_fields(
                theme_names=[f"{t.name_lt} {t.name_en}" for t in row_themes]
            )
            actor._import_themes = row_themes
            actor._import_row = row["row"]
            actors.append(actor)
        Actor.objects.bulk_create(actors)
        through.objects.bulk_create(
            [through(actor_id=a.pk, theme_id=t.pk) for a in actors for t in a._import_themes]
        )
        ActorLogEntry.objects.bulk_create(
            [
                ActorLogEntry(
                    actor=a,
                    kind=ActorLogEntry.Kind.IMPORTED,
                    by=by,
                    to_status=ActorStatus.PUBLISHED,
                    note=actor_import.file_name,
                    changes={"import": actor_import.pk, "row": a._import_row},
                )
                for a in actors
            ]
        )
        created += len(actors)
        progress(created)
    public_pages_changed()  # bulk_create sends no signals
    return created


# --- Running a step, and reads for the pages ----------------------------------------------


def import_run_step(
    *, step: str, actor_import_id: int, by_id=None, skip_rejected=False, decisions=None
):
    """Run "read", "validate" or "confirm" for the task (actors.tasks); never raises.

    A refused or failed step has recorded its outcome on the import; an unexpected error
    is logged and recorded as a failure so the preview page stops waiting.
    """
    from django.contrib.auth import get_user_model

    actor_import = ActorImport.objects.filter(pk=actor_import_id).first()
    if actor_import is None:
        return
    try:
        if step == "read":
            import_read(actor_import=actor_import)
        elif step == "validate":
            import_validate(actor_import=actor_import)
        elif step == "confirm":
            by = get_user_model().objects.get(pk=by_id)
            import_confirm(
                actor_import=actor_import,
                by=by,
                skip_rejected=skip_rejected,
                decisions=decisions,
            )
        else:
            raise ValueError(step)
    except ActorImportError as exc:
        logger.info("Actor import %s, %s: %s", actor_import_id, step, exc.message)
    except Exception:
        logger.exception("Actor import %s, %s failed", actor_import_id, step)
        _fail(
            actor_import,
            gettext_noop("An unexpected error stopped the import. Nothing was imported."),
        )


def import_for_user(*, user, pk: int, with_report: bool = True) -> ActorImport | None:
    """The import when this person may see it, without the file bytes; else None.

    `with_report=False` leaves out the report too (it may be megabytes), for the progress
    endpoint that is asked every second.
    """
    qs = ActorImport.objects.select_related("lag", "uploaded_by").defer("content")
    if not with_report:
        qs = qs.defer("content", "report")
    actor_import = qs.filter(pk=pk).first()
    if actor_import is None or not user.has_perm("actors.manage_import", actor_import):
        return None
    return actor_import


def imports_recent(*, user, limit: int = 10):
    """The latest imports of the LAGs this person coordinates (all of them for admins)."""
    qs = ActorImport.objects.select_related("lag", "uploaded_by").defer("content", "report")
    if not user.is_superuser:
        qs = qs.filter(lag_id__in=user.coordinated_lag_ids())
    return qs.order_by("-created_at", "-id")[:limit]


def write_template(file) -> None:
    """Write the import template to `file`: XLSX with the header row on the first sheet,
    and on the second what each column takes, the actor types and the theme names."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Actors")[:31]
    sheet.append([gettext(c.label) for c in COLUMNS])
    for index, cell in enumerate(sheet[1], start=1):
        cell.font = bold
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = 40 if COLUMNS[index - 1].multiline else 22
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet(gettext("Help")[:31])
    headings = []
    guide.append([gettext("Column"), gettext("Required"), gettext("What to write")])
    headings.append(guide.max_row)
    for column in COLUMNS:
        guide.append(
            [
                gettext(column.label),
                gettext("Yes") if column.required else gettext("No"),
                gettext(column.help) if column.help else "",
            ]
        )
    guide.append([])
    guide.append([gettext("Types")])
    headings.append(guide.max_row)
    for _value, label in ActorType.choices:
        guide.append([str(label)])
    guide.append([])
    guide.append([gettext("Themes")])
    headings.append(guide.max_row)
    for theme in Theme.objects.order_by("kind", "position", "slug"):
        guide.append([theme.name])
    for row in headings:
        for cell in guide[row]:
            cell.font = bold
    guide.column_dimensions["A"].width = 45
    guide.column_dimensions["B"].width = 12
    guide.column_dimensions["C"].width = 80
    workbook.save(file)
