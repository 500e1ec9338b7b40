"""Spreadsheet import for coordinators: every rejected row reported, duplicates, all or
nothing, encodings, wrong files, progress, and who may do it."""

import csv
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from kaimolink.accounts.models import Coordination
from kaimolink.actors import importing
from kaimolink.actors.enums import ActorStatus, ActorType
from kaimolink.actors.models import Actor, ActorImport, ActorLogEntry, ImportColumnChoice
from kaimolink.actors.selectors import DirectoryQuery, actors_filtered
from tests.factories import (
    ActorFactory,
    DistrictFactory,
    LagFactory,
    SettlementFactory,
    UserFactory,
    make_coordinator,
)

Status = ActorImport.Status
HEADER = ["Pavadinimas", "Tipas", "Juridinio asmens kodas", "Gyvenvietė", "Aprašymas", "Temos",
          "Siūlo", "Ieško", "Svetainė", "El. paštas", "Telefonas", "Adresas",
          "Kontaktai viešai"]  # fmt: skip


@pytest.fixture
def place(db):
    """A LAG over Kėdainių r. sav., and a settlement of another district."""
    district = DistrictFactory(name="Kėdainių r. sav.")
    lag = LagFactory(districts=[district])
    slapaberze = SettlementFactory(name="Šlapaberžė", district=district)
    dotnuva = SettlementFactory(name="Dotnuva", district=district)
    elsewhere = SettlementFactory(
        name="Ariogala", district=DistrictFactory(name="Raseinių r. sav.")
    )
    return {"lag": lag, "district": district, "slapaberze": slapaberze, "dotnuva": dotnuva,
            "elsewhere": elsewhere}  # fmt: skip


@pytest.fixture
def lag(place):
    return place["lag"]


@pytest.fixture
def coordinator(lag):
    return make_coordinator(lag)


def en(name, **kwargs):
    """URLs in English: the messages asserted stay English when Lithuanian ones arrive."""
    with override("en"):
        return reverse(f"actors:{name}", kwargs=kwargs or None)


def row(**values):
    """A data row in HEADER order; `name` and `settlement` default to a good row."""
    keys = ["name", "type", "code", "settlement", "description", "themes", "offers", "seeks",
            "website", "email", "phone", "address", "public"]  # fmt: skip
    defaults = {"name": "Bendruomenė", "settlement": "Šlapaberžė"}
    return [values.get(k, defaults.get(k, "")) for k in keys]


def csv_bytes(rows, *, delimiter=",", encoding="utf-8", header=HEADER) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, *, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def guessed_mapping(actor_import) -> dict:
    """The mapping page's form as shown: every column with its pre-selected field."""
    columns = actor_import.report["file_columns"]
    return {f"column_{c['index']}": c["guess"] for c in columns}


def upload(client, lag, content: bytes, name="registras.csv", *, accept_columns=True):
    """Upload (the file is read at once by the immediate task backend), then, when the
    file could be read, accept the guessed mapping (the rows are checked at once too)."""
    response = client.post(en("import"), {"lag": lag.pk, "file": SimpleUploadedFile(name, content)})
    actor_import = ActorImport.objects.order_by("-pk").first()
    if accept_columns and actor_import is not None and actor_import.status == Status.MAPPING:
        mapped = client.post(en("import_map", pk=actor_import.pk), guessed_mapping(actor_import))
        assert mapped.status_code == 302, mapped.content.decode()[:2000]
    return response


def validated(lag, by, content, name="registras.csv", mapping=None) -> ActorImport:
    file = SimpleUploadedFile(name, content)
    actor_import = importing.import_upload(lag=lag, by=by, file=file)
    actor_import.refresh_from_db()
    assert actor_import.status == Status.MAPPING, actor_import.report
    if mapping is None:
        mapping = {c["index"]: c["guess"] for c in actor_import.report["file_columns"]}
    importing.import_map(actor_import=actor_import, by=by, mapping=mapping)
    actor_import.refresh_from_db()
    return actor_import


def problems(actor_import):
    return {(e["row"], e["field"], e["reason"]) for e in actor_import.report["rejected"]}


# --- Every rejected row is reported, and nothing is written -----------------------------

BAD_ROWS = [
    (row(name="Šlapaberžės bendruomenė", type="Bendruomeninė organizacija"), None),
    (row(name=""), ("name", "This cell must not be empty.")),
    (row(settlement="Niekurėnai"), ("settlement", "Unknown settlement")),
    (row(settlement="Ariogala"),
     ("settlement", "This settlement is not in the territory of the chosen LAG.")),
    (row(code="12AB"), ("legal_code", "A legal entity code has 7 to 12 digits.")),
    (row(email="ne-pastas"), ("email", "Not a valid e-mail address.")),
    (row(website="javascript:alert(1)"), ("website", "Not a valid web address.")),
    (row(type="Kosmonautas"),
     ("actor_type", "Unknown actor type; use one of the types in the template.")),
    (row(themes="Atsinaujinanti energija, Kosmosas"), ("themes", "Unknown theme: %(theme)s")),
    (row(description="x" * 5001),
     ("description", "Too long: at most %(max)d characters, this cell has %(length)d.")),
    (row(public="galbūt", email="a@b.lt"), ("contacts_public", "Write yes or no (taip or ne).")),
    (row(public="taip"), ("contacts_public", "Give at least one contact to show.")),
    (row(phone="skambinkite vakare"), ("phone", "Not a valid phone number.")),
    (row(name="Bendruo\x07menė"), ("name", "Contains characters that are not allowed.")),
    (row(name="", settlement="", description="Tik aprašymas"),
     ("name", "This cell must not be empty.")),  # and the settlement, below
]  # fmt: skip


def _bad_file(kind):
    rows = [list(r) for r, _problem in BAD_ROWS]  # copies: BAD_ROWS stays as written
    # Give every good-looking row its own name so that only the intended problem remains.
    for n, r in enumerate(rows):
        if r[0] == "Bendruomenė":
            r[0] = f"Bendruomenė {n}"
    if kind == "csv":
        return csv_bytes(rows), "registras.csv"
    # XLSX without control characters (Excel cannot store them): that row becomes a
    # name of 201 characters instead.
    rows[13][0] = "x" * 201
    return xlsx_bytes(rows), "registras.xlsx"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_import_bad_rows_every_row_reported_and_nothing_written(client, lag, coordinator, kind):
    content, name = _bad_file(kind)
    client.force_login(coordinator)
    before = Actor.objects.count()

    response = upload(client, lag, content, name)

    actor_import = ActorImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == en("import_preview", pk=actor_import.pk)
    assert actor_import.status == Status.VALIDATED
    expected = {(n + 2, *p) for n, (_r, p) in enumerate(BAD_ROWS) if p}
    expected.add((16, "settlement", "This cell must not be empty."))
    if kind == "xlsx":
        expected.discard((15, "name", "Contains characters that are not allowed."))
        expected.add(
            (15, "name", "Too long: at most %(max)d characters, this cell has %(length)d.")
        )
    assert problems(actor_import) == expected
    assert actor_import.report["rejected_rows"] == len(BAD_ROWS) - 1
    assert [r["row"] for r in actor_import.report["accepted"]] == [2]
    assert actor_import.total_rows == len(BAD_ROWS)
    # Each entry names the column as written in the file.
    settlement_entry = next(e for e in actor_import.report["rejected"] if e["row"] == 4)
    assert settlement_entry["column"] == "Gyvenvietė"
    assert settlement_entry["value"] == "Niekurėnai"
    assert Actor.objects.count() == before
    assert not ActorLogEntry.objects.exists()
    assert actor_import.content in (b"", memoryview(b""))  # the bytes are not kept

    page = client.get(en("import_preview", pk=actor_import.pk))
    assert page.status_code == 200
    text = page.content.decode()
    for entry in actor_import.report["rejected"]:
        assert f'<td data-label="Row">{entry["row"]}</td>' in text
    assert "Unknown theme: Kosmosas" in text
    assert "at most 5000 characters, this cell has 5001" in text

    # Confirming without saying that the rejected rows stay out is refused.
    refused = client.post(en("import_confirm", pk=actor_import.pk))
    assert refused.status_code == 400
    assert Actor.objects.count() == before


def test_import_rejected_rows_download_lists_every_entry(client, lag, coordinator):
    content, name = _bad_file("csv")
    client.force_login(coordinator)
    upload(client, lag, content, name)
    actor_import = ActorImport.objects.get()

    response = client.get(en("import_rejected", pk=actor_import.pk))

    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text[1:])))
    assert lines[0] == ["Row", "Column", "Value", "Reason"]
    assert len(lines) - 1 == len(actor_import.report["rejected"])
    assert ["4", "Gyvenvietė", "Niekurėnai", "Unknown settlement"] in lines


# --- Duplicates ---------------------------------------------------------------------------


def test_import_duplicates_in_database_and_in_file(place, coordinator):
    lag = place["lag"]
    ActorFactory(lag=lag, legal_code="302345678", settlement=place["dotnuva"])
    ActorFactory(lag=lag, name="Aušros bendruomenė", settlement=place["slapaberze"])
    content = csv_bytes([
        row(name="Naujas ūkis", code="302345678"),                 # 2: code in the directory
        row(name="AUSROS BENDRUOMENE"),                            # 3: name in the directory
        row(name="Pirmas", code="111222333"),                      # 4
        row(name="Antras", code="111 222 333"),                    # 5: same code as row 4
        row(name="Kalvių klubas"),                                 # 6
        row(name="kalviu  klubas"),                                # 7: same name as row 6
        row(name="Kalvių klubas", settlement="Dotnuva"),           # 8: other settlement: fine
        row(name="Aušros bendruomenė", settlement="Dotnuva"),      # 9: fine
    ])  # fmt: skip

    actor_import = validated(lag, coordinator, content)

    assert problems(actor_import) == {
        (2, "legal_code", "An actor with this legal entity code is already listed."),
        (3, "name", "An actor with this name is already listed in this settlement."),
        (5, "legal_code", "The same legal entity code is in row %(row)d."),
        (7, "name", "The same name and settlement are in row %(row)d."),
    }
    entry = next(e for e in actor_import.report["rejected"] if e["row"] == 5)
    assert entry["params"] == {"row": 4}
    with override("en"):
        assert importing.reason_text(entry) == "The same legal entity code is in row 4."
    assert [r["row"] for r in actor_import.report["accepted"]] == [4, 6, 8, 9]


def test_import_rejected_row_reports_all_its_problems(lag, coordinator):
    ActorFactory(lag=lag, legal_code="302345678")
    content = csv_bytes([row(code="302345678", email="blogas")])

    actor_import = validated(lag, coordinator, content)

    assert problems(actor_import) == {
        (2, "email", "Not a valid e-mail address."),
        (2, "legal_code", "An actor with this legal entity code is already listed."),
    }


# --- Writing: published, logged, all or nothing ------------------------------------------


def test_import_confirm_publishes_actors_with_log_entries(client, place, coordinator):
    lag = place["lag"]
    content = xlsx_bytes(
        [
            row(name="Šlapaberžės bendruomenė", type="community_org", code=302345678,
                themes="renewable-energy; Vietos kultūros paveldas turizmui",
                website="www.slapaberze.lt", email="info@slapaberze.lt",
                phone=37061234567, public=True, description="Eilutė 1\nEilutė 2"),
            row(name="Ūkininkas Jonas", type="Farmer", settlement="dotnuva", public="ne"),
        ]
    )  # fmt: skip
    client.force_login(coordinator)
    upload(client, lag, content, "registras.xlsx")
    actor_import = ActorImport.objects.get()
    assert actor_import.status == Status.VALIDATED, actor_import.report

    response = client.post(en("import_confirm", pk=actor_import.pk))

    assert response.status_code == 302
    actor_import.refresh_from_db()
    assert actor_import.status == Status.IMPORTED
    assert actor_import.processed_rows == 2
    assert actor_import.report["created_count"] == 2
    assert actor_import.report["accepted"] == []
    community = Actor.objects.get(legal_code="302345678")
    assert community.name == "Šlapaberžės bendruomenė"
    assert community.status == ActorStatus.PUBLISHED
    assert community.published_at is not None
    assert community.lag == lag
    assert community.settlement == place["slapaberze"]
    assert community.district == place["district"]
    assert (community.lat, community.lon) == (place["slapaberze"].lat, place["slapaberze"].lon)
    assert community.website == "https://www.slapaberze.lt"
    assert community.phone == "37061234567"
    assert community.contacts_public and community.contacts_consent_at is not None
    assert community.description == "Eilutė 1\nEilutė 2"
    assert set(community.themes.values_list("slug", flat=True)) == {
        "renewable-energy", "heritage-tourism"
    }  # fmt: skip
    assert community.slug == "slapaberzes-bendruomene"
    assert community.name_sort and "slapaberze" in community.search_text
    farmer = Actor.objects.get(name="Ūkininkas Jonas")
    assert farmer.actor_type == ActorType.FARMER
    assert farmer.legal_code is None and not farmer.contacts_public
    entries = ActorLogEntry.objects.filter(kind=ActorLogEntry.Kind.IMPORTED)
    assert {(e.actor_id, e.by_id, e.to_status) for e in entries} == {
        (community.pk, coordinator.pk, ActorStatus.PUBLISHED),
        (farmer.pk, coordinator.pk, ActorStatus.PUBLISHED),
    }
    # The directory's search finds them without diacritics (folded copies are filled).
    found = actors_filtered(query=DirectoryQuery(q="slapaberzes bendruomene"))
    assert list(found) == [community]


def test_import_confirm_slugs_do_not_clash(lag, coordinator):
    ActorFactory(lag=lag, name="Kalvių klubas", slug="kalviu-klubas")
    content = csv_bytes([row(name="Kalvių klubas", settlement="Dotnuva"),
                         row(name="Import", settlement="Dotnuva")])  # fmt: skip
    actor_import = validated(lag, coordinator, content)

    importing.import_confirm(actor_import=actor_import, by=coordinator)

    slugs = set(Actor.objects.values_list("slug", flat=True))
    assert {"kalviu-klubas", "kalviu-klubas-2", "import-veikejas"} <= slugs


def test_import_confirm_all_or_nothing_when_the_database_refuses_a_row(
    lag, coordinator, monkeypatch
):
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    rows = [row(name=f"Narys {n}", code=f"30000000{n}") for n in range(5)]
    actor_import = validated(lag, coordinator, csv_bytes(rows))
    assert actor_import.report["accepted_count"] == 5
    # Meanwhile the last row's code is taken: its batch (the third) fails in the database.
    ActorFactory(lag=lag, legal_code="300000004")
    before = Actor.objects.count()

    with CaptureQueriesContext(connection) as ctx:
        with pytest.raises(importing.ActorImportError):
            importing.import_confirm(actor_import=actor_import, by=coordinator)

    inserts = [q for q in ctx.captured_queries
               if q["sql"].startswith('INSERT INTO "actors_actor"')]  # fmt: skip
    assert len(inserts) == 3  # two batches went in before the third failed
    assert Actor.objects.count() == before
    assert not Actor.objects.filter(name__startswith="Narys").exists()
    assert not ActorLogEntry.objects.filter(kind=ActorLogEntry.Kind.IMPORTED).exists()
    actor_import.refresh_from_db()
    assert actor_import.status == Status.FAILED
    assert actor_import.report["error"]["reason"].startswith("Nothing was imported")


def test_import_confirm_refuses_when_a_same_name_was_added_meanwhile(place, coordinator):
    lag = place["lag"]
    actor_import = validated(lag, coordinator, csv_bytes([row(name="Kalvių klubas"),
                                                          row(name="Kitas")]))  # fmt: skip
    ActorFactory(lag=lag, name="KALVIŲ KLUBAS", settlement=place["slapaberze"])

    with pytest.raises(importing.ActorImportError):
        importing.import_confirm(actor_import=actor_import, by=coordinator)

    assert not Actor.objects.filter(name="Kitas").exists()
    actor_import.refresh_from_db()
    assert actor_import.status == Status.FAILED
    assert actor_import.report["error"]["params"] == {"rows": "2"}


def test_import_confirm_with_rejected_rows_needs_consent_and_skips_them(client, lag, coordinator):
    content = csv_bytes([row(name="Geras"), row(name="Blogas", settlement="Niekur")])
    client.force_login(coordinator)
    upload(client, lag, content)
    actor_import = ActorImport.objects.get()

    response = client.post(en("import_confirm", pk=actor_import.pk), {"skip_rejected": "1"})

    assert response.status_code == 302
    assert list(Actor.objects.values_list("name", flat=True)) == ["Geras"]


def test_import_confirm_twice_writes_once(client, lag, coordinator):
    client.force_login(coordinator)
    upload(client, lag, csv_bytes([row(name="Vienas")]))
    actor_import = ActorImport.objects.get()

    first = client.post(en("import_confirm", pk=actor_import.pk))
    second = client.post(en("import_confirm", pk=actor_import.pk))

    assert first.status_code == 302
    assert second.status_code == 409
    assert Actor.objects.filter(name="Vienas").count() == 1


# --- Encodings and delimiters -------------------------------------------------------------


def test_import_cp1257_semicolon_csv(lag, coordinator):
    content = csv_bytes(
        [["Žemaičių ūkis", "Ūkininkas", "Šlapaberžė", "info@ukis.lt", "taip"]],
        header=["PAVADINIMAS", "tipas", "Gyvenviete", "El. paštas", "kontaktai viešai"],
        delimiter=";", encoding="cp1257",
    )  # fmt: skip
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")  # really Windows-1257

    actor_import = validated(lag, coordinator, content)

    assert actor_import.report["rejected"] == []
    (accepted,) = actor_import.report["accepted"]
    assert accepted["name"] == "Žemaičių ūkis"
    assert accepted["actor_type"] == ActorType.FARMER
    assert accepted["email"] == "info@ukis.lt"
    assert accepted["contacts_public"] is True


def test_import_utf8_with_bom_and_english_headers(lag, coordinator):
    content = "\ufeff".encode() + csv_bytes(
        [["Kėdainių jaunimas", "Šlapaberžė", "Social business", "+370 612 34567"]],
        header=["Name", "Settlement", "Type", "Phone"],
    )

    actor_import = validated(lag, coordinator, content)

    (accepted,) = actor_import.report["accepted"]
    assert accepted["name"] == "Kėdainių jaunimas"
    assert accepted["actor_type"] == ActorType.SOCIAL_BUSINESS
    assert accepted["phone"] == "+370 612 34567"
    assert actor_import.report["columns"]["name"] == "Name"


def test_import_district_column_chooses_between_same_named_settlements(place, coordinator):
    lag = place["lag"]
    other = DistrictFactory(name="Radviliškio r. sav.")
    lag.districts.add(other)
    SettlementFactory(name="Dotnuva", district=other)
    content = csv_bytes(
        [
            ["Pirmas", "Dotnuva", ""],
            ["Antras", "Dotnuva", "Kėdainių r."],
            ["Trečias", "Dotnuva", "Vilniaus"],
        ],
        header=["Pavadinimas", "Gyvenvietė", "Savivaldybė"],
    )

    actor_import = validated(lag, coordinator, content)

    assert problems(actor_import) == {
        (2, "settlement",
         "Several settlements of this LAG have this name; add the district column."),
        (4, "district", "This settlement is not in this district."),
    }  # fmt: skip
    assert [r["settlement_id"] for r in actor_import.report["accepted"]] == [place["dotnuva"].pk]


# --- Wrong files: 400, a clear message, nothing saved ------------------------------------


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _zip_not_xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "labas")
    return out.getvalue()


# Refused by the upload request itself, from the file's size and first bytes only.
WRONG_FILES = [
    ("paveikslas.xlsx", _png(), "This file is not a CSV or XLSX spreadsheet."),
    ("paveikslas.csv", _png(), "This file is not a CSV or XLSX spreadsheet."),
    ("duomenys.csv", bytes(range(256)) * 8, "This file is not a CSV or XLSX spreadsheet."),
    ("senas.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Old Excel .xls files"),
    ("tuscias.csv", b"", "The submitted file is empty."),
    ("didelis.csv", b"Pavadinimas,Gyvenviete\n" + b"A,B\n" * (5 * 1024 * 1024 // 4 + 10),
     "The file is larger than 5 MB."),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "message"), WRONG_FILES,
                         ids=[w[0] for w in WRONG_FILES])  # fmt: skip
def test_import_wrong_file_answers_400_and_saves_nothing(
    client, lag, coordinator, name, content, message
):
    client.force_login(coordinator)

    response = upload(client, lag, content, name)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ActorImport.objects.exists()
    assert not Actor.objects.exists()


# Kept by the upload, refused when the file is read in the background.
UNREADABLE_FILES = [
    ("archyvas.xlsx", _zip_not_xlsx(), "The file cannot be read as an XLSX spreadsheet"),
    ("tarpai.csv", b"\n\n  \n", "The file has no header row"),
    ("tik-antraste.csv", "Pavadinimas,Gyvenvietė\n".encode(), "a header row but no rows"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "message"), UNREADABLE_FILES,
                         ids=[w[0] for w in UNREADABLE_FILES])  # fmt: skip
def test_import_unreadable_file_fails_with_its_reason_and_keeps_nothing(
    client, lag, coordinator, name, content, message
):
    client.force_login(coordinator)

    response = upload(client, lag, content, name)

    actor_import = ActorImport.objects.get()
    assert response.status_code == 302
    assert actor_import.status == Status.FAILED
    assert actor_import.content in (b"", memoryview(b""))
    page = client.get(en("import_preview", pk=actor_import.pk))
    assert message in page.content.decode()
    assert not Actor.objects.exists()


def test_import_mapping_without_a_required_field_is_refused(client, lag, coordinator):
    client.force_login(coordinator)
    upload(client, lag, b"Pavadinimas,Tipas\nA,kita\n", "trukumas.csv", accept_columns=False)
    actor_import = ActorImport.objects.get()
    assert actor_import.status == Status.MAPPING

    response = client.post(en("import_map", pk=actor_import.pk), guessed_mapping(actor_import))

    assert response.status_code == 400
    assert "Required fields have no column: “Settlement”." in response.content.decode()
    actor_import.refresh_from_db()
    assert actor_import.status == Status.MAPPING
    assert not ImportColumnChoice.objects.exists()


def test_import_mapping_one_field_twice_is_refused(client, lag, coordinator):
    content = "Pavadinimas,Name,Gyvenvietė\nA,A,Šlapaberžė\n".encode()
    client.force_login(coordinator)
    upload(client, lag, content, "dvigubas.csv", accept_columns=False)
    actor_import = ActorImport.objects.get()
    # The second column that looks like the name is not guessed as the name again.
    assert [c["guess"] for c in actor_import.report["file_columns"]] == ["name", "", "settlement"]

    response = client.post(
        en("import_map", pk=actor_import.pk),
        {"column_0": "name", "column_1": "name", "column_2": "settlement"},
    )

    assert response.status_code == 400
    assert "Two columns are matched with the field “Name”." in response.content.decode()
    actor_import.refresh_from_db()
    assert actor_import.status == Status.MAPPING


def test_import_too_many_rows_fails_with_a_clear_message(client, lag, coordinator, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    client.force_login(coordinator)

    response = upload(client, lag, csv_bytes([row(name=f"V {n}") for n in range(4)]))

    assert response.status_code == 302
    actor_import = ActorImport.objects.get()
    assert actor_import.status == Status.FAILED
    with override("en"):
        assert "more than 3 rows" in importing.reason_text(actor_import.report["error"])


def test_import_exactly_the_row_limit_is_accepted(lag, coordinator, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    actor_import = validated(lag, coordinator, csv_bytes([row(name=f"V {n}") for n in range(3)]))

    assert actor_import.total_rows == 3
    assert actor_import.report["accepted_count"] == 3


def _rewrite_sheet(content: bytes, *replacements) -> bytes:
    """The XLSX with its first sheet's XML changed by (pattern, replacement) pairs."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for pattern, replacement in replacements:
                    data, n = re.subn(pattern, replacement, data)
                    assert n, pattern
            dst.writestr(item, data)
    return out.getvalue()


def test_import_xlsx_claiming_the_whole_sheet_is_read(lag, coordinator):
    content = _rewrite_sheet(
        xlsx_bytes([row(name="Vienas")]),
        (rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1:XFD1048576"'),
    )

    actor_import = validated(lag, coordinator, content, "r.xlsx")

    assert actor_import.report["accepted_count"] == 1


def test_import_xlsx_with_a_row_far_below_stops_early(client, lag, coordinator, monkeypatch):
    # The reader fills the gap with empty rows; a long run of them ends the data.
    content = _rewrite_sheet(
        xlsx_bytes([row(name="Vienas")]),
        (rb'<row r="2"', b'<row r="1048576"'),
        (rb'r="([A-Z]+)2"', rb'r="\g<1>1048576"'),
    )
    client.force_login(coordinator)
    read = []
    original = importing._xlsx_rows
    monkeypatch.setattr(
        importing, "_xlsx_rows", lambda c: (read.append(r) or r for r in original(c))
    )

    response = upload(client, lag, content, "r.xlsx")

    assert len(read) < 5_000  # MAX_EMPTY_RUN is 1 000: never the 1 048 576th row
    assert response.status_code == 302
    actor_import = ActorImport.objects.get()
    assert actor_import.status == Status.FAILED
    with override("en"):
        text = importing.reason_text(actor_import.report["error"])
    assert "a header row but no rows" in text


# --- Who may import -----------------------------------------------------------------------


def test_import_anonymous_is_sent_to_log_in_and_nothing_changes(client, lag):
    for response in (client.get(en("import")),
                     upload(client, lag, csv_bytes([row()]))):  # fmt: skip
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert not ActorImport.objects.exists()


def test_import_member_is_refused(client, lag):
    member = UserFactory()
    ActorFactory(lag=lag, owners=[member])
    client.force_login(member)

    assert client.get(en("import")).status_code == 403
    assert upload(client, lag, csv_bytes([row()])).status_code == 403
    assert client.get(en("import_template")).status_code == 403
    assert not ActorImport.objects.exists()


def test_import_coordinator_cannot_upload_into_another_lag(client, lag):
    other = make_coordinator(LagFactory())
    client.force_login(other)

    response = upload(client, lag, csv_bytes([row()]))

    assert response.status_code == 400
    assert not ActorImport.objects.exists()
    with pytest.raises(importing.ActorImportError):
        importing.import_upload(
            lag=lag, by=other, file=SimpleUploadedFile("r.csv", csv_bytes([row()]))
        )
    assert not ActorImport.objects.exists()


def test_import_other_lags_coordinator_gets_404_and_changes_nothing(client, lag, coordinator):
    client.force_login(coordinator)
    upload(client, lag, csv_bytes([row(name="Mano")]))
    actor_import = ActorImport.objects.get()
    client.force_login(make_coordinator(LagFactory()))

    for url in (en("import_preview", pk=actor_import.pk),
                en("import_progress", pk=actor_import.pk),
                en("import_rejected", pk=actor_import.pk)):  # fmt: skip
        assert client.get(url).status_code == 404
    assert client.post(en("import_confirm", pk=actor_import.pk)).status_code == 404
    with override("en"):
        listing = client.get(en("import"))
    assert "registras.csv" not in listing.content.decode()

    actor_import.refresh_from_db()
    assert actor_import.status == Status.VALIDATED
    assert not Actor.objects.exists()


def test_import_member_gets_404_for_an_import(client, lag, coordinator):
    client.force_login(coordinator)
    upload(client, lag, csv_bytes([row(name="Mano")]))
    actor_import = ActorImport.objects.get()
    client.force_login(UserFactory())

    assert client.get(en("import_preview", pk=actor_import.pk)).status_code == 404
    assert client.post(en("import_confirm", pk=actor_import.pk)).status_code == 404
    assert not Actor.objects.exists()


def test_import_coordinator_of_two_lags_chooses_one(client, lag, coordinator):
    second = LagFactory(districts=[lag.districts.first()])
    Coordination.objects.create(user=coordinator, lag=second)
    client.force_login(coordinator)

    page = client.get(en("import"))
    upload(client, second, csv_bytes([row(name="Antrai VVG")]))

    assert page.status_code == 200
    assert list(page.context["form"].fields["lag"].queryset) == sorted(
        [lag, second], key=lambda x: x.name_sort
    )
    actor_import = ActorImport.objects.get()
    assert actor_import.lag == second
    client.post(en("import_confirm", pk=actor_import.pk))
    assert Actor.objects.get(name="Antrai VVG").lag == second


def test_import_platform_admin_may_import_into_any_lag(client, lag):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)

    upload(client, lag, csv_bytes([row(name="Admino")]))
    actor_import = ActorImport.objects.get()
    client.post(en("import_confirm", pk=actor_import.pk))

    assert Actor.objects.get(name="Admino").lag == lag


# --- Progress, template, interrupted steps -------------------------------------------------


def test_import_progress_polls_while_running_and_refreshes_when_done(client, lag, coordinator):
    running = ActorImport.objects.create(lag=lag, uploaded_by=coordinator, file_name="r.csv",
                                         total_rows=1000, processed_rows=250)  # fmt: skip
    client.force_login(coordinator)

    polling = client.get(en("import_progress", pk=running.pk), HTTP_HX_REQUEST="true")
    preview = client.get(en("import_preview", pk=running.pk))

    assert polling.status_code == 200
    text = polling.content.decode()
    assert 'hx-trigger="every 1s"' in text and 'value="250"' in text
    assert 'hx-trigger="every 1s"' in preview.content.decode()

    running.status = Status.VALIDATED
    running.save(update_fields=["status"])
    done = client.get(en("import_progress", pk=running.pk), HTTP_HX_REQUEST="true")
    assert done.status_code == 200
    assert done["HX-Refresh"] == "true"
    final = client.get(en("import_preview", pk=running.pk))
    assert 'hx-trigger="every 1s"' not in final.content.decode()


def test_import_progress_reads_the_count_of_a_running_write(lag, coordinator):
    running = ActorImport.objects.create(lag=lag, file_name="r.csv", total_rows=1000,
                                         status=Status.IMPORTING)  # fmt: skip
    progress = importing._Progress(running.pk, in_transaction=True)
    try:
        progress(500)
    finally:
        progress.close()

    assert importing.import_progress(actor_import=running) == 500
    cache.clear()
    running.status = Status.IMPORTED
    running.processed_rows = 1000
    assert importing.import_progress(actor_import=running) == 1000


def test_import_validation_reports_progress_every_few_rows(lag, coordinator, monkeypatch):
    monkeypatch.setattr(importing, "PROGRESS_EVERY", 2)
    seen = []
    real = importing._Progress.__call__

    def spy(self, processed):
        seen.append(processed)
        real(self, processed)

    monkeypatch.setattr(importing._Progress, "__call__", spy)

    validated(lag, coordinator, csv_bytes([row(name=f"V {n}") for n in range(5)]))

    assert seen == [2, 4]


def test_import_interrupted_step_is_marked_failed(client, lag, coordinator):
    stuck = ActorImport.objects.create(lag=lag, file_name="r.csv", total_rows=10)
    ActorImport.objects.filter(pk=stuck.pk).update(
        updated_at=timezone.now() - importing.STALE_AFTER * 2
    )
    client.force_login(coordinator)

    response = client.get(en("import_preview", pk=stuck.pk))

    assert response.status_code == 200
    stuck.refresh_from_db()
    assert stuck.status == Status.FAILED
    assert "interrupted" in response.content.decode()


def test_import_template_has_the_header_row_the_import_reads(client, lag, coordinator):
    client.force_login(coordinator)
    page = client.get(en("import"))
    assert en("import_template") in page.content.decode()

    response = client.get(en("import_template"))

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    header = [c.value for c in workbook.worksheets[0][1]]
    assert header == [c.label for c in importing.COLUMNS]  # English msgids on /en/
    assert workbook.worksheets[1].max_row > len(importing.COLUMNS)
    # Filled in, the template imports.
    sheet = workbook.worksheets[0]
    filled = {"Name": "Iš šablono", "Type": "Kita", "Settlement": "Šlapaberžė"}
    sheet.append([filled.get(label, "") for label in header])
    out = io.BytesIO()
    workbook.save(out)
    actor_import = validated(lag, coordinator, out.getvalue(), "sablonas.xlsx")
    assert actor_import.report["accepted_count"] == 1
    assert actor_import.report["ignored_columns"] == []


def test_import_unknown_columns_are_listed_as_ignored(lag, coordinator):
    content = csv_bytes([["Aušra", "Šlapaberžė", "x"]], header=["Name", "Settlement", "Pastabos"])

    actor_import = validated(lag, coordinator, content)

    assert actor_import.report["ignored_columns"] == ["Pastabos"]
    assert actor_import.report["accepted_count"] == 1


def test_import_header_matching_ignores_case_and_diacritics():
    assert importing.header_key("EL. PAŠTAS") == importing.header_key("el pastas")
    lookup = importing._header_lookup()
    assert lookup[importing.header_key("JURIDINIO ASMENS KODAS")].name == "legal_code"
    assert lookup[importing.header_key("Kontaktai viesai")].name == "contacts_public"
    assert lookup[importing.header_key("ieško")].name == "seeks"


# --- The background worker ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_import_steps_wait_in_the_queue_for_the_worker(client, settings):
    """Upload, mapping and confirm only queue a step; `kaimolink worker` runs it."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                    "QUEUES": ["default", "mail", "imports"]}
    }  # fmt: skip
    district = DistrictFactory(name="Kėdainių r. sav.")
    lag = LagFactory(districts=[district])
    SettlementFactory(name="Šlapaberžė", district=district)
    coordinator = make_coordinator(lag)
    client.force_login(coordinator)

    def worker():
        call_command("worker", batch=True, queue_name="imports", verbosity=0)

    upload(client, lag, csv_bytes([row(name=f"Fone {n}") for n in range(30)]))
    actor_import = ActorImport.objects.get()
    assert actor_import.status == Status.UPLOADED
    assert DBTaskResult.objects.filter(queue_name="imports").count() == 1
    worker()
    actor_import.refresh_from_db()
    assert actor_import.status == Status.MAPPING
    client.post(en("import_map", pk=actor_import.pk), guessed_mapping(actor_import))
    actor_import.refresh_from_db()
    assert actor_import.status == Status.CHECKING
    worker()
    actor_import.refresh_from_db()
    assert actor_import.status == Status.VALIDATED
    client.post(en("import_confirm", pk=actor_import.pk))
    assert not Actor.objects.filter(name__startswith="Fone").exists()
    worker()

    actor_import.refresh_from_db()
    assert actor_import.status == Status.IMPORTED
    assert Actor.objects.filter(name__startswith="Fone").count() == 30


def test_import_confirm_reports_progress_per_batch(lag, coordinator, monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    seen = []
    real = importing._Progress.__call__

    def spy(self, processed):
        seen.append((self.in_transaction, processed))
        real(self, processed)

    actor_import = validated(lag, coordinator, csv_bytes([row(name=f"V {n}") for n in range(5)]))
    monkeypatch.setattr(importing._Progress, "__call__", spy)

    importing.import_confirm(actor_import=actor_import, by=coordinator)

    assert seen == [(True, 2), (True, 4), (True, 5)]


def test_import_unexpected_error_marks_failed_and_writes_nothing(
    client, lag, coordinator, monkeypatch
):
    client.force_login(coordinator)
    upload(client, lag, csv_bytes([row(name="Vienas"), row(name="Du")]))
    actor_import = ActorImport.objects.get()
    real = importing._write_rows

    def broken(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_write_rows", broken)

    response = client.post(en("import_confirm", pk=actor_import.pk))

    assert response.status_code == 302
    actor_import.refresh_from_db()
    assert actor_import.status == Status.FAILED
    assert not Actor.objects.exists()
    page = client.get(en("import_preview", pk=actor_import.pk))
    assert "An unexpected error stopped the import" in page.content.decode()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_import_write_progress_is_visible_while_its_transaction_is_open():
    from django.db import DEFAULT_DB_ALIAS, connections, transaction

    lag = LagFactory()
    running = ActorImport.objects.create(lag=lag, file_name="r.csv", total_rows=1000,
                                         status=Status.IMPORTING)  # fmt: skip
    observer = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with transaction.atomic():
            ActorFactory(lag=lag)  # the long transaction has written something
            progress = importing._Progress(running.pk, in_transaction=True)
            try:
                progress(500)
            finally:
                progress.close()
            with observer.cursor() as cursor:
                cursor.execute(
                    "SELECT processed_rows FROM actors_actorimport WHERE id = %s", [running.pk]
                )
                assert cursor.fetchone() == (500,)
    finally:
        observer.close()


def test_import_accepts_a_settlement_loaded_from_the_register(lag, coordinator, tmp_path):
    """Today's "Unknown settlement" row is accepted once the register's village is loaded."""
    from django.core.management import call_command

    content = csv_bytes([row(settlement="Bakainiai")])
    first = validated(lag, coordinator, content)
    assert ("settlement", "Unknown settlement") in {(f, r) for _, f, r in problems(first)}

    register = tmp_path / "register.csv"
    register.write_text(
        "GYV_KODAS;VARDAS;VARDAS_K;TIPAS;SAV_PAVADINIMAS;LAT;LON\n"
        "1003;Bakainiai;Bakainių;kaimas;Kėdainių rajono savivaldybė;55.31;23.95\n",
        encoding="utf-8",
    )
    call_command("load_settlements", str(register), stdout=io.StringIO())
    second = validated(lag, coordinator, content)
    assert problems(second) == set()
