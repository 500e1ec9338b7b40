"""Load the settlements of the Lithuanian address register (`kaimolink load_settlements`).

Registrų centras publishes the address register ("Adresų registras") as open data; its
list of settlements (gyvenamosios vietovės) is a CSV file. Columns read, by header name
(any case; other columns are ignored):

- `GYV_KODAS` (needed): the register's code of the settlement; the key, so loading the
  file again updates rather than adds.
- `VARDAS` (needed): the name in the nominative ("Pagiriai").
- `VARDAS_K` (optional): the name in the genitive ("Pagirių"). Assumed to be the register's
  "vardas kilmininko linksniu"; a file without it loads with the genitive empty.
- `TIPAS` or `TIPO_SANTRUMPA` (needed): miestas / miestelis / kaimas / viensėdis, or
  m. / mstl. / k. / vs.
- `SAV_PAVADINIMAS` (needed): the municipality, "Kėdainių r. sav." or "Kėdainių rajono
  savivaldybė" (both spellings meet).
- `LAT` and `LON` (WGS 84 degrees), used when both are filled; otherwise `X` and `Y`
  (LKS-94, EPSG:3346, metres: X the northing, Y the easting; converted by core.lks94).

The municipality must already be a district of the platform (an administrator adds
districts); a row of another municipality is refused and counted, not loaded. A settlement
listed before by hand with the same name in the same municipality gets the register's
code instead of a twin. A row that cannot be loaded is reported with its line and reason;
it never stops the others. CSV separated by semicolons, commas or tabs, in UTF-8 or
Windows-1257.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from kaimolink.core.lks94 import to_wgs84
from kaimolink.core.models import District, Settlement
from kaimolink.core.settlements import in_lithuania
from kaimolink.core.text import fold

KINDS = {
    "miestas": Settlement.Kind.TOWN,
    "m": Settlement.Kind.TOWN,
    "miestelis": Settlement.Kind.SMALL_TOWN,
    "mstl": Settlement.Kind.SMALL_TOWN,
    "kaimas": Settlement.Kind.VILLAGE,
    "k": Settlement.Kind.VILLAGE,
    "viensedis": Settlement.Kind.FARMSTEAD,
    "vs": Settlement.Kind.FARMSTEAD,
}
# Long and short forms of a municipality's name, so both spellings meet.
MUNICIPALITY_WORDS = {"rajono": "r", "miesto": "m", "savivaldybe": "sav"}
COMPARED = ("name", "name_genitive", "kind", "district_id", "lat", "lon")


class RegisterFileError(Exception):
    """The file as a whole cannot be read (missing, not CSV, no needed columns)."""


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    unknown_municipalities: dict[str, int] = field(default_factory=dict)  # name -> rows


def municipality_key(name: str) -> str:
    """'Kėdainių rajono savivaldybė' and 'Kėdainių r. sav.' -> 'kedainiu r sav'."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(name)).split()
    return " ".join(MUNICIPALITY_WORDS.get(word, word) for word in words)


def read_rows(path: Path) -> list[dict[str, str]]:
    """The file's rows as {UPPER-CASE HEADER: cell}; raises RegisterFileError."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise RegisterFileError(_("The file cannot be read: %(error)s") % {"error": exc}) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1257", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = {(h or "").strip().upper() for h in reader.fieldnames or []}
    missing = [c for c in ("GYV_KODAS", "VARDAS", "SAV_PAVADINIMAS") if c not in headers]
    if not headers & {"TIPAS", "TIPO_SANTRUMPA"}:
        missing.append("TIPAS")
    if not ({"LAT", "LON"} <= headers or {"X", "Y"} <= headers):
        missing.append(_("LAT/LON or X/Y"))
    if missing:
        raise RegisterFileError(
            _("The file lacks these columns: %(columns)s") % {"columns": ", ".join(missing)}
        )
    return [
        {(k or "").strip().upper(): (v or "").strip() for k, v in row.items() if k is not None}
        for row in reader
    ]


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        return None


def _position(row: dict[str, str]) -> tuple[float, float] | str:
    """(lat, lon), or the reason the row's position cannot be used."""
    if row.get("LAT") and row.get("LON"):
        lat, lon = _number(row["LAT"]), _number(row["LON"])
    elif row.get("X") and row.get("Y"):
        x, y = _number(row["X"]), _number(row["Y"])
        if x is None or y is None:
            return _("the coordinates are not numbers")
        if x < y:  # X is the northing (about 6 000 000), Y the easting: swapped columns
            x, y = y, x
        lat, lon = to_wgs84(northing=x, easting=y)
    else:
        return _("no coordinates")
    if lat is None or lon is None:
        return _("the coordinates are not numbers")
    if not in_lithuania(lat, lon):
        return _("the position is outside Lithuania")
    return round(lat, 6), round(lon, 6)


def load_register(rows: list[dict[str, str]], *, dry_run: bool = False) -> LoadReport:
    """Add or update the rows' settlements, keyed by GYV_KODAS; see the module docstring.

    One transaction (rolled back when `dry_run`): the report says what would happen.
    """
    report = LoadReport()
    districts = {municipality_key(d.name): d for d in District.objects.all()}
    by_code = {s.register_code: s for s in Settlement.objects.exclude(register_code=None)}
    by_name = {
        (s.district_id, fold(s.name)): s for s in Settlement.objects.filter(register_code=None)
    }
    seen_codes: set[int] = set()
    with transaction.atomic():
        for line, row in enumerate(rows, start=2):
            values = _row_values(row, districts, report, line)
            if values is None:
                continue
            code = values.pop("register_code")
            if code in seen_codes:
                report.refused.append((line, _("the code %(code)s is repeated") % {"code": code}))
                continue
            seen_codes.add(code)
            settlement = by_code.get(code) or by_name.pop(
                (values["district_id"], fold(values["name"])), None
            )
            clash = (
                Settlement.objects.filter(district_id=values["district_id"], name=values["name"])
                .exclude(pk=getattr(settlement, "pk", None))
                .exists()
            )
            if clash:
                report.refused.append(
                    (line, _("%(name)s: the municipality already has a settlement of this name")
                     % {"name": values["name"]})
                )  # fmt: skip
                continue
            if settlement is None:
                settlement = Settlement.objects.create(register_code=code, **values)
                by_code[code] = settlement
                report.added.append(settlement.name)
                continue
            changes = [k for k in COMPARED if getattr(settlement, k) != values[k]]
            if settlement.register_code != code:
                changes.append("register_code")
            if not changes:
                report.unchanged += 1
                continue
            for key, value in values.items():
                setattr(settlement, key, value)
            settlement.register_code = code
            settlement.save()
            report.changed.append(settlement.name)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _row_values(row, districts, report: LoadReport, line: int) -> dict | None:
    """The row as Settlement field values, or None after reporting why it is refused."""

    def refuse(reason):
        report.refused.append((line, reason))

    code_text, name = row.get("GYV_KODAS", ""), " ".join(row.get("VARDAS", "").split())
    if not code_text.isdigit() or len(code_text) > 9:
        return refuse(_("the code (GYV_KODAS) is not a number"))
    if not name:
        return refuse(_("no name (VARDAS)"))
    municipality = row.get("SAV_PAVADINIMAS", "")
    district = districts.get(municipality_key(municipality))
    if district is None:
        shown = municipality or "—"
        report.unknown_municipalities[shown] = report.unknown_municipalities.get(shown, 0) + 1
        return None
    kind_text = row.get("TIPAS") or row.get("TIPO_SANTRUMPA") or ""
    kind = KINDS.get(fold(kind_text).strip(". "))
    if kind is None:
        return refuse(_("%(name)s: unknown type “%(type)s”") % {"name": name, "type": kind_text})
    position = _position(row)
    if isinstance(position, str):
        return refuse(f"{name}: {position}")
    return {
        "register_code": int(code_text),
        "name": name[:120],
        "name_genitive": " ".join(row.get("VARDAS_K", "").split())[:120],
        "kind": kind,
        "district_id": district.pk,
        "lat": position[0],
        "lon": position[1],
    }
