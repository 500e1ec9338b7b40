"""The desk's reports: who may see them, bad periods, what they cost, and the same numbers
on the page, in the XLSX and in the PDF."""

import datetime
import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from kaimolink.events.enums import EventKind, EventStatus
from kaimolink.events.models import Attendance
from kaimolink.projects.enums import ProjectStatus
from tests.events.factories import EventFactory, fill
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries
from tests.projects.factories import ProjectFactory, add_indicator, add_partner

pytestmark = pytest.mark.django_db

T = datetime.time
PERIOD = "?from=2025-01-01&to=2025-12-31"
LETTERS = "ąčęėįšųūž"


@pytest.fixture
def world():
    ours = LagFactory(name="Kėdainių rajono VVG", slug="kedainiai")
    theirs = LagFactory(name="Šilutės VVG", slug="silute")
    event = EventFactory(
        lags=[ours],
        status=EventStatus.HELD,
        hours=Decimal("7.5"),
        days=[(datetime.date(2025, 4, 8), T(9), T(17))],
    )
    for registration in fill(event, 3)[:2]:
        Attendance.objects.create(registration=registration, day=event.days.get(), present=True)
    EventFactory(
        lags=[ours], kind=EventKind.CONFERENCE, days=[(datetime.date(2025, 9, 1), T(9), T(17))]
    )
    ActorFactory.create_batch(2, lag=ours)
    project = ProjectFactory(title="Sumanaus kaimo link", slug="sumanaus-kaimo-link")
    add_partner(project, lag=ours)
    r1 = add_indicator(project, "R1", target="33", unit="training", achieved=Decimal("12"))
    r1.name = "Surengti mokymai ūkininkams"
    r1.save()
    add_indicator(project, "R2", target="120", unit="actor", achieved=Decimal("130.5"))
    add_indicator(project, "R3", target="4", unit="workshop")
    other = ProjectFactory(title="Pajūrio projektas", slug="pajurio")
    add_partner(other, lag=theirs)
    return {
        "ours": ours,
        "theirs": theirs,
        "project": project,
        "other_project": other,
        "coordinator": make_coordinator(ours),
        "stranger": make_coordinator(theirs),
    }


def lag_urls(slug, query=PERIOD):
    return [
        reverse("desk:lag_report", args=[slug]) + query,
        reverse("desk:lag_report_xlsx", args=[slug]) + query,
        reverse("desk:lag_report_pdf", args=[slug]) + query,
    ]


def project_urls(slug):
    return [
        reverse("desk:project_report", args=[slug]),
        reverse("desk:project_report_xlsx", args=[slug]),
        reverse("desk:project_report_pdf", args=[slug]),
    ]


# --- Who may see them -----------------------------------------------------------------


def test_reports_anonymous_is_sent_to_log_in(client, world):
    for url in [reverse("desk:reports"), *lag_urls("kedainiai"), *project_urls("pajurio")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("account_login") in response["Location"]


def test_reports_member_gets_404_everywhere(client, world):
    client.force_login(UserFactory())
    for url in [
        reverse("desk:reports"),
        *lag_urls("kedainiai"),
        *project_urls("sumanaus-kaimo-link"),
    ]:
        assert client.get(url).status_code == 404, url


def test_reports_other_lags_coordinator_gets_404_on_every_page_and_download(client, world):
    client.force_login(world["stranger"])
    for url in [*lag_urls("kedainiai"), *project_urls("sumanaus-kaimo-link")]:
        assert client.get(url).status_code == 404, url
    # Even with a bad period: the LAG is checked first.
    assert client.get(lag_urls("kedainiai", "?from=x")[1]).status_code == 404
    # Their own LAG and project work.
    for url in [*lag_urls("silute"), *project_urls("pajurio")]:
        assert client.get(url).status_code == 200, url


def test_reports_missing_lag_or_project_gets_404(client, world):
    client.force_login(world["coordinator"])
    assert client.get(lag_urls("nera")[0]).status_code == 404
    assert client.get(project_urls("nera")[0]).status_code == 404


def test_reports_choosing_another_lags_report_gets_400_not_its_figures(client, world):
    client.force_login(world["coordinator"])
    response = client.get(reverse("desk:reports") + PERIOD + "&lag=silute")
    assert response.status_code == 400
    assert "Šilutės" not in response.content.decode()


def test_reports_administrator_sees_every_lag_and_project(client, world):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for url in [*lag_urls("kedainiai"), *lag_urls("silute"), *project_urls("pajurio")]:
        assert client.get(url).status_code == 200, url
    index = client.get(reverse("desk:reports")).content.decode()
    assert "Pajūrio projektas" in index and "Sumanaus kaimo link" in index


def test_reports_index_lists_only_the_coordinators_projects(client, world):
    world["project"].status = ProjectStatus.DRAFT
    world["project"].save()
    client.force_login(world["coordinator"])
    page = client.get(reverse("desk:reports")).content.decode()
    assert "Sumanaus kaimo link" in page  # a draft of theirs too
    assert "Pajūrio projektas" not in page


def test_desk_home_links_to_the_reports(client, world):
    client.force_login(world["coordinator"])
    page = client.get(reverse("desk:home")).content.decode()
    assert f'href="{reverse("desk:reports")}"' in page


# --- Choosing the period ----------------------------------------------------------------


def test_reports_index_sends_the_choice_to_the_lags_report(client, world):
    client.force_login(world["coordinator"])
    response = client.get(reverse("desk:reports") + PERIOD + "&lag=kedainiai")
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:lag_report", args=["kedainiai"]) + PERIOD


def test_lag_report_without_a_period_shows_this_year(client, world):
    client.force_login(world["coordinator"])
    response = client.get(reverse("desk:lag_report", args=["kedainiai"]))
    assert response.status_code == 200
    year = timezone.localdate().year
    assert response.context["report"].start == datetime.date(year, 1, 1)
    assert response.context["report"].end == datetime.date(year, 12, 31)


def test_lag_report_quick_links_include_quarters(client, world):
    client.force_login(world["coordinator"])
    page = client.get(lag_urls("kedainiai")[0]).content.decode()
    year = timezone.localdate().year - 1
    assert f"?from={year}-10-01&amp;to={year}-12-31" in page
    assert f"?from={year}-01-01&amp;to={year}-03-31" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=2025-13-01&to=2025-12-31", "Įrašykite datą taip: 2026-05-14"),
        ("?from=vakar&to=2025-12-31", "Įrašykite datą taip: 2026-05-14"),
        ("?from=2025-12-31&to=2025-01-01", "Laikotarpis negali baigtis anksčiau, nei prasideda."),
        ("?from=0001-01-01&to=9999-12-31", "Įrašykite datą nuo 1990 iki 2100"),
        ("?from=2025-01-01", "Įrašykite paskutinę laikotarpio dieną"),
        ("?to=2025-01-01&from=", "Įrašykite pirmąją laikotarpio dieną"),
    ],
)
def test_lag_report_bad_period_is_a_clear_400(client, world, query, message):
    client.force_login(world["coordinator"])
    page, xlsx, pdf = lag_urls("kedainiai", query)
    response = client.get(page)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "report" not in response.context
    for url in (xlsx, pdf):
        response = client.get(url)
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        assert message in response.content.decode()


def test_reports_index_bad_period_keeps_what_was_typed(client, world):
    client.force_login(world["coordinator"])
    response = client.get(reverse("desk:reports") + "?lag=kedainiai&from=2025-02-30&to=2025-03-01")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="2025-02-30"' in page and 'value="2025-03-01"' in page
    assert "Įrašykite datą taip: 2026-05-14" in page


# --- What they cost ---------------------------------------------------------------------


def test_lag_report_queries_do_not_grow_with_events(client, world):
    client.force_login(world["coordinator"])
    url = lag_urls("kedainiai")[0]
    few = count_queries(client, url)
    for n in range(6):
        kind = [EventKind.WORKSHOP, EventKind.MEETING, EventKind.TRAINING][n % 3]
        event = EventFactory(
            lags=[world["ours"]], kind=kind, days=[(datetime.date(2025, 5, n + 1), T(9), T(12))]
        )
        fill(event, 2)
    ActorFactory.create_batch(3, lag=world["ours"])
    assert count_queries(client, url) == few


def test_project_report_queries_do_not_grow_with_indicators(client, world):
    client.force_login(world["coordinator"])
    url = project_urls("sumanaus-kaimo-link")[0]
    few = count_queries(client, url)
    for n in range(4, 12):
        add_indicator(world["project"], f"R{n}", target="10")
    add_partner(world["project"], lag=LagFactory())
    assert count_queries(client, url) == few


# --- The same numbers on the page, in the XLSX and in the PDF ----------------------------


class _Tables(HTMLParser):
    """The text of each cell of each table of the report, by the table's id."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table = self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id", "").startswith("table-"):
            self._table = self.tables.setdefault(attrs["id"][6:], [])
        elif self._table is not None and tag == "tr":
            self._table.append([])
        elif self._table is not None and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag in ("td", "th") and self._cell is not None:
            self._table[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_tables(response) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


NUMBER = re.compile(r"^-?\d[\d\u00a0 ]*(,\d+)?")


def number(text: str) -> Decimal | None:
    """The number a cell starts with, as a Lithuanian page writes it ("1 200,5 val.")."""
    found = NUMBER.match(text)
    if not found:
        return None
    return Decimal(found.group(0).replace("\u00a0", "").replace(" ", "").replace(",", "."))


def xlsx_rows(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in reader.pages)


def xlsx_table(rows, first_heading: str) -> list[list]:
    """The rows of the table whose heading row starts with `first_heading`, up to the note."""
    start = next(n for n, row in enumerate(rows) if row[0] == first_heading) + 1
    found = []
    for row in rows[start:]:
        if row[1] is None and not any(isinstance(v, int | float) for v in row[1:]):
            break
        found.append(row)
    return found


def _same_numbers(page_rows, xlsx_table_rows):
    assert len(page_rows) == len(xlsx_table_rows)
    for page_row, sheet_row in zip(page_rows, xlsx_table_rows, strict=True):
        assert page_row[0] == sheet_row[0]
        for text, value in zip(page_row[1:], sheet_row[1:], strict=False):
            if number(text) is None:
                assert value is None or isinstance(value, str)
            else:
                assert isinstance(value, int | float), (text, value)  # a number, not text
                assert number(text) == Decimal(str(value)), (text, value)


def test_lag_report_xlsx_and_pdf_hold_the_pages_numbers(client, world):
    client.force_login(world["coordinator"])
    page_url, xlsx_url, pdf_url = lag_urls("kedainiai")
    tables = page_tables(client.get(page_url))
    events = tables["events"]
    assert events[0][0] == "Rūšis"
    assert events[1][:8] == ["Mokymai", "1", "1", "7,5", "3", "2", "15", "0"]
    assert events[-1][0] == "Iš viso"

    rows = xlsx_rows(client.get(xlsx_url))
    assert rows[0][0] == "VVG ataskaita: Kėdainių rajono VVG"
    facts = {row[0]: row[1] for row in rows[1:4]}
    assert facts["VVG"] == "Kėdainių rajono VVG"
    assert facts["Laikotarpis"] == "2025-01-01 – 2025-12-31"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", facts["Parengta"])
    headings = {"events": "Rūšis", "actors": "Tipas", "cooperation": "Kas suskaičiuota"}
    for key, heading in headings.items():
        _same_numbers(tables[key][1:], xlsx_table(rows, heading))

    text = pdf_text(client.get(pdf_url))
    assert "Kėdainių rajono VVG" in text and "2025-01-01 – 2025-12-31" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for key in ("events", "actors", "cooperation"):
        for row in tables[key][1:]:
            wanted = " ".join(" ".join(row).split())
            assert wanted in lines, (wanted, lines)


def test_project_report_xlsx_and_pdf_hold_the_pages_numbers(client, world):
    client.force_login(world["coordinator"])
    page_url, xlsx_url, pdf_url = project_urls("sumanaus-kaimo-link")
    page = client.get(page_url)
    (rows_on_page,) = page_tables(page).values()
    assert rows_on_page[1][:5] == [
        "R1",
        "Surengti mokymai ūkininkams",
        "33 mokymai",
        "12 mokymų",
        "36 %",
    ]
    assert rows_on_page[2][3] == "130,5 veikėjo"
    assert rows_on_page[3][3] == "—"

    rows = xlsx_rows(client.get(xlsx_url))
    assert rows[0][0] == "Projekto ataskaita: Sumanaus kaimo link"
    sheet = xlsx_table(rows, "Kodas")
    assert [row[:5] for row in sheet] == [
        ["R1", "Surengti mokymai ūkininkams", 33, 12, 36],
        ["R2", "Rodiklis R2", 120, 130.5, 109],
        ["R3", "Rodiklis R3", 4, None, None],
    ]
    for page_row, sheet_row in zip(rows_on_page[1:], sheet, strict=True):
        for text, value in zip(page_row[2:5], sheet_row[2:5], strict=True):
            assert number(text) == (None if value is None else Decimal(str(value)))

    text = " ".join(pdf_text(client.get(pdf_url)).split())
    assert "Sumanaus kaimo link" in text
    for row in rows_on_page[1:]:
        for cell in row[2:5]:
            assert " ".join(cell.split()) in text


def test_report_pdf_keeps_lithuanian_letters(client, world):
    lag = world["ours"]
    lag.name = f"Pažaislio VVG {LETTERS} {LETTERS.upper()}"
    lag.save()
    client.force_login(world["coordinator"])
    text = pdf_text(client.get(lag_urls("kedainiai")[2]))
    assert LETTERS in text and LETTERS.upper() in text


def test_report_xlsx_escapes_formulas_in_names(client, world):
    world["project"].indicators.filter(code="R3").update(name='=HYPERLINK("http://x")')
    client.force_login(world["coordinator"])
    rows = xlsx_rows(client.get(project_urls("sumanaus-kaimo-link")[1]))
    assert not any(isinstance(v, str) and v.startswith("=") for row in rows for v in row)


def test_report_pages_draw_charts_without_style_or_script(client, world):
    client.force_login(world["coordinator"])
    for url in (lag_urls("kedainiai")[0], project_urls("sumanaus-kaimo-link")[0]):
        page = client.get(url).content.decode()
        svgs = re.findall(r"<svg .*?</svg>", page, re.S)
        assert svgs, url
        for svg in svgs:
            assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
            assert "style=" not in svg and "<script" not in svg
        assert "<style" not in page


def test_report_downloads_are_attachments(client, world):
    client.force_login(world["coordinator"])
    _, xlsx, pdf = lag_urls("kedainiai")
    assert (
        'filename="kedainiai-2025-01-01-2025-12-31.xlsx"' in client.get(xlsx)["Content-Disposition"]
    )
    assert client.get(pdf)["Content-Disposition"].startswith("attachment")
