"""Export of the directory as CSV and XLSX: who sees which columns, formula injection,
filters, and a query count that does not grow with the number of actors."""

import csv
import io
from itertools import zip_longest

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from kaimolink.actors import exporting, importing
from kaimolink.actors.enums import ActorStatus, ActorType, CertificationStatus
from kaimolink.core.models import Theme
from tests.factories import (
    ActorFactory,
    DistrictFactory,
    LagFactory,
    UserFactory,
    make_coordinator,
    theme,
)

pytestmark = pytest.mark.django_db

PRIVATE = ["Legal entity code", "Contacts public", "Status", "Created", "Published"]


def export_url(fmt, query=""):
    """English URLs: the headers asserted stay English when Lithuanian ones arrive."""
    with override("en"):
        url = reverse("actors:export", kwargs={"fmt": fmt})
    return f"{url}?{query}" if query else url


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response) -> list[dict]:
    raw = body(response)
    assert raw.startswith("\ufeff".encode()), "Excel needs the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8")[1:])))


def read_xlsx(response) -> list[dict]:
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    header = rows[0]
    return [{h: ("" if v is None else v) for h, v in zip_longest(header, r)}
            for r in rows[1:]]  # fmt: skip


def read(response, fmt) -> list[dict]:
    assert response.status_code == 200
    return read_csv(response) if fmt == "csv" else read_xlsx(response)


def by_name(rows) -> dict[str, dict]:
    return {r["Name"]: r for r in rows}


@pytest.fixture
def world():
    """Two LAGs; in A an actor with private contacts and one with public ones; one in B."""
    lag_a = LagFactory(districts=[DistrictFactory(name="Kėdainių r. sav.")])
    lag_b = LagFactory(districts=[DistrictFactory(name="Raseinių r. sav.")])
    private_a = ActorFactory(
        lag=lag_a, name="Šlapaberžės bendruomenė", legal_code="302345678",
        email="slapta@example.lt", phone="861234567", address="Liepų g. 1",
        contacts_public=False, themes=[theme("renewable-energy")],
    )  # fmt: skip
    public_a = ActorFactory(
        lag=lag_a, name="Dotnuvos ūkis", legal_code="302345679", email="vieša@example.lt",
        phone="862222222", contacts_public=True, actor_type=ActorType.FARMER,
    )  # fmt: skip
    private_b = ActorFactory(
        lag=lag_b, name="Ariogalos klubas", legal_code="302345680", email="b@example.lt",
        contacts_public=False,
    )  # fmt: skip
    ActorFactory(lag=lag_a, name="Juodraštis", status=ActorStatus.DRAFT, email="d@example.lt")
    return {"lag_a": lag_a, "lag_b": lag_b, "private_a": private_a, "public_a": public_a,
            "private_b": private_b}  # fmt: skip


# --- Who sees what --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_anonymous_gets_public_columns_and_public_contacts(client, world, fmt):
    response = client.get(export_url(fmt))

    rows = by_name(read(response, fmt))
    assert set(rows) == {"Šlapaberžės bendruomenė", "Dotnuvos ūkis", "Ariogalos klubas"}
    header = list(next(iter(rows.values())))
    assert not set(PRIVATE) & set(header)
    assert {"Name", "Type", "LAG", "Settlement", "Themes", "E-mail", "Phone"} <= set(header)
    assert rows["Dotnuvos ūkis"]["E-mail"] == "vieša@example.lt"
    assert rows["Dotnuvos ūkis"]["Type"] == "Farmer"
    assert rows["Šlapaberžės bendruomenė"]["E-mail"] == ""
    assert rows["Šlapaberžės bendruomenė"]["Phone"] == ""
    assert rows["Šlapaberžės bendruomenė"]["Address"] == ""
    assert rows["Šlapaberžės bendruomenė"]["Themes"] == "Renewable energy"
    assert rows["Ariogalos klubas"]["E-mail"] == ""


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_coordinator_gets_private_columns_only_for_own_lag(client, world, fmt):
    client.force_login(make_coordinator(world["lag_a"]))

    rows = by_name(read(client.get(export_url(fmt)), fmt))

    own, theirs = rows["Šlapaberžės bendruomenė"], rows["Ariogalos klubas"]
    assert set(PRIVATE) <= set(own)
    assert own["Legal entity code"] == "302345678"
    assert own["E-mail"] == "slapta@example.lt"
    assert own["Phone"] == "861234567"
    assert own["Address"] == "Liepų g. 1"
    assert own["Status"] == "Published"
    assert own["Contacts public"] == "No"
    assert own["Created"] != ""
    assert rows["Dotnuvos ūkis"]["Legal entity code"] == "302345679"
    assert theirs["Legal entity code"] == ""
    assert theirs["E-mail"] == ""
    assert theirs["Status"] == ""
    assert theirs["Created"] == ""


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_platform_admin_gets_every_private_cell(client, world, fmt):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    rows = by_name(read(client.get(export_url(fmt)), fmt))

    assert rows["Ariogalos klubas"]["Legal entity code"] == "302345680"
    assert rows["Ariogalos klubas"]["E-mail"] == "b@example.lt"
    assert rows["Šlapaberžės bendruomenė"]["E-mail"] == "slapta@example.lt"


def test_export_member_of_an_actor_gets_only_public_cells(client, world):
    member = UserFactory()
    world["private_a"].memberships.create(user=member)
    client.force_login(member)

    rows = by_name(read(client.get(export_url("csv")), "csv"))

    assert "Legal entity code" not in rows["Šlapaberžės bendruomenė"]
    assert rows["Šlapaberžės bendruomenė"]["E-mail"] == ""


def test_export_drafts_are_never_exported(client, world):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    rows = by_name(read(client.get(export_url("csv")), "csv"))

    assert "Juodraštis" not in rows


# --- Hostile text ---------------------------------------------------------------------------

HOSTILE = {
    "name": '=HYPERLINK("http://blogas.example","Spausk")',
    "description": "+SUM(A1:A9)",
    "offers": "-2+3",
    "seeks": "@SUM(1)",
    "address": "\t=1+1",
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_escapes_formula_injection(client, fmt):
    ActorFactory(contacts_public=True, phone="+37061234567", **HOSTILE)

    (row,) = read(client.get(export_url(fmt)), fmt)

    assert row["Name"] == "'" + HOSTILE["name"]
    assert row["Description"] == "'" + HOSTILE["description"]
    assert row["Offers"] == "'" + HOSTILE["offers"]
    assert row["Seeks"] == "'" + HOSTILE["seeks"]
    assert row["Address"] == "'" + HOSTILE["address"]
    for value in row.values():
        if value != "+37061234567":
            assert not str(value).startswith(exporting.FORMULA_STARTS)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_phone_numbers_are_not_escaped(client, fmt):
    """Finding 10: '+37060000001' was exported as "'+37060000001"."""
    ActorFactory(contacts_public=True, phone="+37060000001")

    (row,) = read(client.get(export_url(fmt)), fmt)

    assert row["Phone"] == "+37060000001"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("+37060000001", "+37060000001"),
        ("+370 600 00001", "+370 600 00001"),
        ("-12,5", "-12,5"),
        ("-2+3", "'-2+3"),
        ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
        ("+370-600-00001", "'+370-600-00001"),
        ("+", "'+"),
        ("=1", "'=1"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t1", "'\t1"),
        ("\r1", "'\r1"),
        ("Šlapaberžė +370", "Šlapaberžė +370"),
    ],
)
def test_export_escape_cell_only_formulas(value, expected):
    assert exporting.escape_cell(value) == expected


def test_export_xlsx_stores_escaped_cells_as_text_not_formulas(client):
    ActorFactory(name="=1+1")

    response = client.get(export_url("xlsx"))

    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).worksheets[0]
    cell = sheet["A2"]
    assert cell.value == "'=1+1"
    assert cell.data_type == "s"


def test_export_xlsx_drops_control_characters_instead_of_failing(client):
    ActorFactory(name="Varpas", description="Skambutis\x07 ir\x1b tiek")

    (row,) = read(client.get(export_url("xlsx")), "xlsx")

    assert row["Description"] == "Skambutis ir tiek"


def test_export_csv_keeps_lithuanian_letters_and_line_breaks(client):
    ActorFactory(name="Ąžuolų ūkis", description="Pirma eilutė\nantra, su kableliu")

    (row,) = read(client.get(export_url("csv")), "csv")

    assert row["Name"] == "Ąžuolų ūkis"
    assert row["Description"] == "Pirma eilutė\nantra, su kableliu"


# --- Same filters as the directory ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lag=LAG_A", {"Šlapaberžės bendruomenė", "Dotnuvos ūkis"}),
        ("type=farmer", {"Dotnuvos ūkis"}),
        ("theme=renewable-energy", {"Šlapaberžės bendruomenė"}),
        ("q=slapaberzes", {"Šlapaberžės bendruomenė"}),
        ("certified=true", {"Ariogalos klubas"}),
        ("district=raseiniu-r-sav", {"Ariogalos klubas"}),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_respects_directory_filters(client, world, query, expected, fmt):
    world["private_b"].certification_status = CertificationStatus.CERTIFIED
    world["private_b"].save(update_fields=["certification_status"])
    query = query.replace("LAG_A", world["lag_a"].slug)

    rows = read(client.get(export_url(fmt, query)), fmt)

    assert {r["Name"] for r in rows} == expected


def test_export_follows_the_directory_order(client, world):
    names = [r["Name"] for r in read(client.get(export_url("csv", "ordering=-name")), "csv")]

    assert names == ["Šlapaberžės bendruomenė", "Dotnuvos ūkis", "Ariogalos klubas"]


def test_export_invalid_filter_answers_400(client, world):
    response = client.get(export_url("csv", "lag=no-such-lag"))

    assert response.status_code == 400


@pytest.mark.parametrize("fmt", ["pdf", "CSV", "xls", "json"])
def test_export_unknown_format_is_404(client, fmt):
    assert client.get(export_url(fmt)).status_code == 404


def test_export_is_not_cached_and_is_an_attachment(client, world):
    for fmt, content_type in (("csv", "text/csv"), ("xlsx", "spreadsheetml")):
        response = client.get(export_url(fmt))
        assert content_type in response["Content-Type"]
        assert response["Content-Disposition"].startswith("attachment;")
        assert f".{fmt}" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
        body(response)


# --- Query count ------------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        content = body(response)
    assert response.status_code == 200
    assert content
    return len(ctx.captured_queries)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_query_count_does_not_grow_with_actors(client, fmt):
    lag = LagFactory()
    client.force_login(make_coordinator(lag))  # the role that decides row by row
    themes = list(Theme.objects.all()[:3])
    other_lag = LagFactory()
    ActorFactory(lag=lag, themes=themes)
    one = _count(client, export_url(fmt))
    for n in range(30):
        ActorFactory(lag=lag if n % 2 else other_lag, themes=themes)
    many = _count(client, export_url(fmt))

    assert one == many
    rows = read(client.get(export_url(fmt)), fmt)
    assert len(rows) == 31


def test_export_reads_in_chunks_of_fixed_size(client, monkeypatch):
    """Past one chunk the count grows by the chunks' queries only, not per actor."""
    monkeypatch.setattr(exporting, "CHUNK_SIZE", 5)
    lag = LagFactory()
    themes = [theme("renewable-energy")]
    for _ in range(5):
        ActorFactory(lag=lag, themes=themes)
    one_chunk = _count(client, export_url("csv"))
    for _ in range(15):
        ActorFactory(lag=lag, themes=themes)

    four_chunks = _count(client, export_url("csv"))

    assert four_chunks - one_chunk <= 3 * 2  # at most one actors fetch and one themes query each


# --- Round trip ---------------------------------------------------------------------------------


def test_export_file_can_be_read_back_by_the_import(client, world):
    client.force_login(make_coordinator(world["lag_a"]))
    content = body(client.get(export_url("csv", f"lag={world['lag_a'].slug}")))

    table = importing.read_table(name="eksportas.csv", content=content)

    fields = {c.name for c in table.columns.values()}
    assert {"name", "actor_type", "legal_code", "settlement", "description", "themes",
            "website", "email", "phone", "address", "contacts_public"} <= fields  # fmt: skip
    assert sum(1 for _ in table.rows) == 2
