"""The import on files as LAGs have them, and on hostile ones: the upload answers at once
and the reading is bounded (finding 2), the header is found below a title row, the
columns are matched on a mapping page (remembered per LAG), and near-duplicates wait for
the person's decision."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kaimolink.actors import importing
from kaimolink.actors.models import Actor, ActorImport, ImportColumnChoice
from tests.actors import test_import as base
from tests.actors.test_import import Status, en, guessed_mapping, upload, validated, xlsx_bytes
from tests.factories import ActorFactory, LagFactory, make_coordinator, theme

# The fixtures of the import's tests: a LAG over Kėdainių r. sav. and its coordinator.
place, lag, coordinator = base.place, base.lag, base.coordinator


def register_xlsx(rows, *, title="Kėdainių krašto VVG veikėjų registras 2025") -> bytes:
    """A coordinator's register: a title row, an empty row, then their own header."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([title])
    sheet.append([])
    sheet.append(["Eil. Nr.", "PAVADINIMAS", "Veiklos forma", "Seniūnija", "Gyvenvietė",
                  "Veiklos sritys", "Pastabos"])  # fmt: skip
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def reread(content: bytes) -> list[list]:
    """The test's own XLSX, opened again: what the importer will see."""
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def empty_rows_xlsx(empty_rows: int, *, data_row: bool = True) -> bytes:
    """Like finding 2's file: a header, one actor, then a sheet of empty rows.

    Written by hand (openpyxl would not write empty rows): each row is what a spreadsheet
    program stores for a formatted but empty row, 256 bytes; alike, they pack ~500 times.
    """
    base = xlsx_bytes([["Vienas", "", "", "Šlapaberžė"]] if data_row else [])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    # Rows without their number (the reader counts them), all alike.
                    empty = '<row spans="1:13" s="1" customFormat="1">'
                    empty += '<c s="1" t="n"/>' * 13 + "</row>"
                    filler = (empty * empty_rows).encode()
                    data = data.replace(b"</sheetData>", filler + b"</sheetData>")
                    data = data.replace(b'<dimension ref="A1:M2"/>', b"")
                dst.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- Finding 2: the upload answers at once; reading is bounded -----------------------------


def rows_read(monkeypatch) -> list:
    """Counts the rows the XLSX reader hands to the importer (one entry per row)."""
    seen = []
    original = importing._xlsx_rows

    def counting(content):
        for row in original(content):
            seen.append(row[0])
            yield row

    monkeypatch.setattr(importing, "_xlsx_rows", counting)
    return seen


def test_import_crafted_xlsx_upload_answers_at_once_and_the_task_ends(
    client, lag, coordinator, settings, monkeypatch
):
    """Finding 2: a ~200 KB XLSX of 190 000 empty rows (48 MB unpacked) kept the upload
    request counting rows past gunicorn's timeout. Now the request only keeps the file."""
    content = empty_rows_xlsx(190_000)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(i.file_size for i in archive.infolist())
    assert len(content) < 400_000 and unpacked > 40_000_000
    assert reread(content)[1][:4] == ["Vienas", None, None, "Šlapaberžė"]
    # The upload request alone: the read step waits in the queue, as with the worker.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                    "QUEUES": ["default", "mail", "imports"]}
    }  # fmt: skip
    client.force_login(coordinator)

    response = upload(client, lag, content, "registras.xlsx")

    # The request read nothing: the file waits, untouched, for the worker's read step
    # (the request's time is measured in bench/import_upload.py, docs/performance.md).
    assert response.status_code == 302
    actor_import = ActorImport.objects.get()
    assert actor_import.status == Status.UPLOADED
    assert not actor_import.report

    # The worker's step refuses the file from the zip's directory, before openpyxl opens it.
    opened = rows_read(monkeypatch)
    importing.import_run_step(step="read", actor_import_id=actor_import.pk)
    assert opened == []
    actor_import.refresh_from_db()
    assert actor_import.status == Status.FAILED
    assert actor_import.report["error"]["reason"] == importing._ZIP_BOMB
    # The person reads why, in Lithuanian.
    page = client.get(f"/lt/actors/import/{actor_import.pk}/")
    assert "Išpakuota skaičiuoklė per didelė" in page.content.decode()


def test_import_long_run_of_empty_rows_ends_the_data(lag, coordinator, monkeypatch):
    # Past the zip guard (a sheet packed less tightly), the empty rows still cost nothing.
    monkeypatch.setattr(importing, "MAX_ZIP_RATIO", 10_000)
    content = empty_rows_xlsx(190_000)

    read = rows_read(monkeypatch)
    actor_import = validated(lag, coordinator, content, "r.xlsx")

    # The header, the actor, then the reader stops after a run of empty rows, never
    # reaching the 190 000th (each step reads the file again: read and check).
    assert 0 < len(read) < 5_000  # MAX_EMPTY_RUN is 1 000; the file holds 190 002 rows
    assert actor_import.status == Status.VALIDATED
    assert actor_import.total_rows == 1
    assert [r["name"] for r in actor_import.report["accepted"]] == ["Vienas"]


def test_import_zip_bomb_is_refused_before_it_is_opened(client, lag, coordinator, monkeypatch):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    content = out.getvalue()
    assert len(content) < 200_000
    opened = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: opened.append(1))
    client.force_login(coordinator)

    response = upload(client, lag, content, "bomba.xlsx")

    assert response.status_code == 302
    actor_import = ActorImport.objects.get()
    assert actor_import.status == Status.FAILED
    assert actor_import.report["error"]["reason"] == importing._ZIP_BOMB
    assert opened == []
    assert actor_import.content in (b"", memoryview(b""))


@pytest.mark.parametrize("limit", ["MAX_ZIP_ENTRIES", "MAX_UNPACKED_BYTES", "MAX_ZIP_RATIO"])
def test_import_zip_guard_each_limit(limit, monkeypatch):
    content = xlsx_bytes([["Vienas", "", "", "Šlapaberžė"]])
    importing.check_zip(content)  # a real workbook passes
    monkeypatch.setattr(importing, limit, 1)
    monkeypatch.setattr(importing, "ZIP_RATIO_FROM_BYTES", 0)

    with pytest.raises(importing.ActorImportError) as caught:
        importing.check_zip(content)

    assert caught.value.message == importing._ZIP_BOMB


def test_import_reading_past_the_time_budget_stops_with_a_message(lag, coordinator, monkeypatch):
    monkeypatch.setattr(importing, "READ_SECONDS", -1)
    rows = [[f"Narys {n}", "", "", "Šlapaberžė"] for n in range(300)]
    file = SimpleUploadedFile("r.xlsx", xlsx_bytes(rows))

    actor_import = importing.import_upload(lag=lag, by=coordinator, file=file)

    actor_import.refresh_from_db()
    assert actor_import.status == Status.FAILED
    assert actor_import.report["error"]["reason"].startswith("Reading the file took longer")


# --- The header below a title, the mapping page -------------------------------------------


def test_import_header_below_a_title_row_and_guessed_mapping(client, place, coordinator):
    content = register_xlsx(
        [[1, "Šlapaberžės bendruomenė", "Bendruomenė", "Josvainių sen.", "Šlapaberžė",
          "Vietos kultūros paveldas turizmui", "aktyvi"],
         [2, "Dotnuvos ūkis", "Ūkininkas", "Dotnuvos sen.", "Dotnuva", "", ""]]
    )  # fmt: skip
    assert reread(content)[2][1] == "PAVADINIMAS"
    client.force_login(coordinator)

    upload(client, place["lag"], content, "registras.xlsx", accept_columns=False)

    actor_import = ActorImport.objects.get()
    assert actor_import.status == Status.MAPPING
    assert actor_import.report["header_row"] == 3
    assert actor_import.total_rows == 2
    guesses = {c["header"]: c["guess"] for c in actor_import.report["file_columns"]}
    assert guesses == {
        "Eil. Nr.": "", "PAVADINIMAS": "name", "Veiklos forma": "actor_type",
        "Seniūnija": "eldership", "Gyvenvietė": "settlement", "Veiklos sritys": "themes",
        "Pastabos": "",
    }  # fmt: skip
    page = client.get(en("import_preview", pk=actor_import.pk))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'action="' + en("import_map", pk=actor_import.pk) + '"' in text
    assert '<option value="actor_type" selected>' in text
    assert "Šlapaberžės bendruomenė" in text and "Dotnuvos ūkis" in text  # first values

    response = client.post(en("import_map", pk=actor_import.pk), guessed_mapping(actor_import))

    assert response.status_code == 302
    actor_import.refresh_from_db()
    assert actor_import.status == Status.VALIDATED, actor_import.report
    assert actor_import.report["accepted_count"] == 2
    assert actor_import.report["ignored_columns"] == ["Eil. Nr.", "Pastabos"]
    first = actor_import.report["accepted"][0]
    assert first["actor_type"] == "community_org"
    assert first["theme_ids"] == [theme("heritage-tourism").pk]


def test_import_mapping_is_remembered_per_lag(client, place, coordinator):
    lag = place["lag"]
    content = register_xlsx([[1, "Aušra", "Kita", "", "Šlapaberžė", "", "Pastaba"]])
    client.force_login(coordinator)
    upload(client, lag, content, "r.xlsx", accept_columns=False)
    first = ActorImport.objects.get()
    mapping = guessed_mapping(first)
    pastabos = next(c["index"] for c in first.report["file_columns"] if c["header"] == "Pastabos")
    mapping[f"column_{pastabos}"] = "description"

    client.post(en("import_map", pk=first.pk), mapping)

    first.refresh_from_db()
    assert first.report["accepted"][0]["description"] == "Pastaba"
    assert ImportColumnChoice.objects.get(lag=lag, column_name="Pastabos").field == "description"
    # The next file of the same LAG gets the choice pre-selected; another LAG does not.
    upload(client, lag, content, "r2.xlsx", accept_columns=False)
    second = ActorImport.objects.order_by("-pk").first()
    assert {c["header"]: c["guess"] for c in second.report["file_columns"]}["Pastabos"] == (
        "description"
    )
    other = LagFactory(districts=[place["district"]])
    other_import = validated(other, make_coordinator(other), content, "r3.xlsx")
    assert other_import.report["ignored_columns"] == ["Eil. Nr.", "Pastabos"]


def test_import_mapping_of_another_lags_import_is_404(client, lag, coordinator):
    client.force_login(coordinator)
    upload(client, lag, register_xlsx([[1, "A", "", "", "Šlapaberžė", "", ""]]), "r.xlsx",
           accept_columns=False)  # fmt: skip
    actor_import = ActorImport.objects.get()
    client.force_login(make_coordinator(LagFactory()))

    response = client.post(en("import_map", pk=actor_import.pk), guessed_mapping(actor_import))

    assert response.status_code == 404
    actor_import.refresh_from_db()
    assert actor_import.status == Status.MAPPING


# --- Near-duplicates wait for the person's decision ---------------------------------------


def test_import_near_duplicates_are_flagged_and_decided(client, place, coordinator):
    lag = place["lag"]
    ActorFactory(lag=lag, name="Šlapaberžės kaimo bendruomenė", settlement=place["slapaberze"])
    content = register_xlsx(
        [[1, "Šlapaberžės kaimo bendruomenės", "", "", "Šlapaberžė", "", ""],  # 4: ~directory
         [2, "Kalvių klubas „Kūjis“", "", "", "Dotnuva", "", ""],              # 5
         [3, "Kalviu klubas Kujis", "", "", "Dotnuva", "", ""],                # 6: ~row 5
         [4, "Kalvių klubas „Kūjis“", "", "", "Šlapaberžė", "", ""],           # 7: other place
         [5, "Jaunimo centras", "", "", "Dotnuva", "", ""]]                    # 8
    )  # fmt: skip
    client.force_login(coordinator)
    upload(client, lag, content, "r.xlsx")
    actor_import = ActorImport.objects.get()
    assert actor_import.status == Status.VALIDATED

    similar = {r["row"]: r["similar"] for r in actor_import.report["accepted"] if r["similar"]}
    assert similar == {
        4: {"name": "Šlapaberžės kaimo bendruomenė", "row": None},
        6: {"name": "Kalvių klubas „Kūjis“", "row": 5},
    }
    page = client.get(en("import_preview", pk=actor_import.pk)).content.decode()
    assert 'name="similar_4" value="import" required' in page
    assert 'name="similar_6" value="skip" required' in page

    # Without a decision for each, nothing is queued or written.
    refused = client.post(en("import_confirm", pk=actor_import.pk), {"similar_4": "import"})
    assert refused.status_code == 400
    assert "(rows 6)" in refused.content.decode()
    actor_import.refresh_from_db()
    assert actor_import.status == Status.VALIDATED

    response = client.post(
        en("import_confirm", pk=actor_import.pk), {"similar_4": "import", "similar_6": "skip"}
    )

    assert response.status_code == 302
    actor_import.refresh_from_db()
    assert actor_import.status == Status.IMPORTED
    assert actor_import.report["created_count"] == 4
    assert actor_import.report["skipped_similar"] == 1
    assert not Actor.objects.filter(name="Kalviu klubas Kujis").exists()
    assert Actor.objects.filter(name="Šlapaberžės kaimo bendruomenės").exists()


def test_import_similar_names_rule():
    finder = importing._SimilarNames({1: ["Kalvių klubas"]})

    assert finder.find(1, "KALVIU KLUBAS!") == {"name": "Kalvių klubas", "row": None}
    assert finder.find(2, "Kalvių klubas") is None  # another settlement
    assert finder.find(1, "Jaunimo klubas") is None
    finder.add(1, "Narys 1", 2)
    assert finder.find(1, "Narys 2") is None  # numbered names are different actors
