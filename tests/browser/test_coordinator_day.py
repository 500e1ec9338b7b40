"""A coordinator's whole job in a browser, from the desk to the report for the paying agency.

They create a two-day training with its venue picked from the settlements list and publish
it; register a person who has no e-mail address; (the training takes place;) mark both
days' attendance; issue the certificates; then see the project's computed indicators and
the LAG's report count the training, and download the report as XLSX and PDF holding the
page's numbers. Nothing is loaded from another host on the way.
"""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def project(kedainiai):
    """A project of the coordinator's LAG that counts trainings held and certificates."""
    from kaimolink.indicators.models import IndicatorRule, Scope
    from kaimolink.projects.enums import PartnerRole
    from tests.projects.factories import ProjectFactory, add_indicator, add_partner

    project = ProjectFactory(title="Sumanaus kaimo link")
    add_partner(project, lag=kedainiai["lag"], role=PartnerRole.LEAD)
    start = timezone.localdate() - datetime.timedelta(days=30)
    for code, unit, measure in [
        ("R1", "training", "trainings_held"),
        ("R2", "piece", "certificates_issued"),
    ]:
        indicator = add_indicator(project, code, target="33", unit=unit)
        IndicatorRule.objects.create(
            indicator=indicator, measure=measure, scope=Scope.PROJECT, period_start=start
        )
    return project


def number(text: str) -> Decimal | None:
    """The number a cell shows ("12,5 val." → 12.5; "—" → None)."""
    found = re.search(r"-?\d[\d\s\u00a0]*(?:,\d+)?", text)
    if not found:
        return None
    return Decimal(re.sub(r"[\s\u00a0]", "", found.group()).replace(",", "."))


def achieved(page, base, project) -> dict[str, Decimal | None]:
    """The achieved column of the project's indicators on the desk, by code."""
    page.goto(f"{base}/lt/desk/projects/{project.slug}/indicators/")
    rows = page.locator("table.indicators tbody tr")
    return {
        rows.nth(n).locator("td").nth(0).inner_text().strip(): number(
            rows.nth(n).locator("td").nth(3).inner_text()
        )
        for n in range(rows.count())
    }


def events_total(page) -> list[str]:
    """The "Iš viso" row of the report's events table, cell by cell as shown."""
    cells = page.locator("#table-events tr.report-total td")
    return [cells.nth(n).inner_text().strip() for n in range(cells.count())]


def test_coordinator_runs_a_training_and_reports_it(
    live_server, new_context, guard, kedainiai, project
):
    from pypdf import PdfReader

    from kaimolink.certificates.models import Certificate
    from kaimolink.events.models import Attendance, Event

    base = live_server.url
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, base, kedainiai["coordinator"].email)
    first = timezone.localdate() + datetime.timedelta(days=5)
    period_start = first - datetime.timedelta(days=30)
    period = f"?from={period_start}&to={timezone.localdate()}"
    report_url = f"{base}/lt/desk/reports/{kedainiai['lag'].slug}/{period}"

    assert achieved(page, base, project) == {"R1": 0, "R2": 0}
    page.goto(report_url)
    expect(page.locator("#report-events")).to_be_visible()
    assert page.locator("#table-events").count() == 0  # no event in the period yet

    # 1. A two-day training, the venue picked from the list, published.
    page.goto(f"{base}/lt/desk/events/new/")
    page.locator("#id_title").fill("Vietos produktų rinkodaros mokymai")
    page.locator("#id_kind").select_option("training")
    for n, day in enumerate([first, first + datetime.timedelta(days=1)]):
        page.locator(f"#id_days-{n}-date").fill(day.isoformat())
        page.locator(f"#id_days-{n}-start_time").fill("10:00")
        page.locator(f"#id_days-{n}-end_time").fill("14:00")
    page.locator("#id_settlement").select_option(label="Dotnuva")
    page.locator("#id_capacity").fill("20")
    page.locator("#id_hours").fill("8")
    page.locator("input[name=status][value=published]").check()
    page.locator("button[name=save]").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text("išsaugotas")
    event = Event.objects.get()
    assert (event.status, event.settlement.name, event.days.count()) == ("published", "Dotnuva", 2)

    # 2. A person without an e-mail address, registered by the coordinator.
    page.goto(f"{base}/lt/events/{event.slug}/register-someone/")
    page.locator("#id_full_name").fill("Ona Žemaitienė")
    page.locator("#id_phone").fill("8 612 34567")
    page.locator("#id_consent").check()
    page.locator("main form button", has_text="Registruoti").click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()
    registration = event.registrations.get()
    assert (registration.person.full_name, registration.person.email) == ("Ona Žemaitienė", None)

    # The training takes place: its two days move a week into the past.
    for day in event.days.all():
        day.date -= datetime.timedelta(days=14)
        day.save(update_fields=["date"])
    event.refresh_dates()

    # 3. Attendance on both days, one tap each.
    page.goto(f"{base}/lt/events/{event.slug}/attendance/")
    toggles = page.locator("button.attendance-toggle[aria-pressed=false]")
    expect(toggles).to_have_count(2)
    for _ in range(2):
        toggles.first.click()
        page.wait_for_load_state("load")
    expect(page.locator("button.attendance-toggle[aria-pressed=true]")).to_have_count(2)
    assert Attendance.objects.filter(registration=registration, present=True).count() == 2

    # 4. Certificates for everyone eligible.
    page.goto(f"{base}/lt/events/{event.slug}/")
    page.locator("form[action*='/certificates/'] button").click()
    page.wait_for_load_state("load")
    assert Certificate.objects.filter(registration=registration, revoked_at=None).count() == 1

    # 5. The project's computed indicators and the LAG's report count it.
    assert achieved(page, base, project) == {"R1": 1, "R2": 1}
    page.goto(report_url)
    total = events_total(page)
    assert total[0] == "Iš viso"
    # events, held, hours, registrations, attended, person-hours, certificates
    assert [number(cell) for cell in total[1:8]] == [1, 1, 8, 1, 1, 8, 1]

    # 6. The XLSX and the PDF hold the page's numbers.
    with page.expect_download() as download:
        page.locator("main a[href*='report.xlsx']").click()
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert kedainiai["lag"].name in rows[0][0]
    (sheet_total,) = [row for row in rows if row[0] == "Iš viso"][:1]
    assert [Decimal(str(v)) for v in sheet_total[1:8]] == [number(c) for c in total[1:8]]
    assert all(isinstance(v, int | float) for v in sheet_total[1:8])  # numbers, not text

    with page.expect_download() as download:
        page.locator("main a[href*='report.pdf']").click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    lines = [" ".join(line.split()) for p in pdf.pages for line in p.extract_text().splitlines()]
    assert " ".join(" ".join(total).split()) in lines
    text = " ".join(lines)
    assert kedainiai["lag"].name in text
    assert str(period_start) in text  # the period

    assert guard.foreign_requests == []
    assert guard.page_errors == []
