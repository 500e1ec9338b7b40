"""The desk's reports in a browser: reached from the desk, they fit a phone and a wide
screen, have no serious accessibility fault, load nothing from elsewhere (the charts are
drawn on the server, under the Content-Security-Policy), and the downloaded spreadsheet
holds the page's totals."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.browser.conftest import log_in, sideways, translated, verified_user
from tests.browser.test_page_types import WIDTHS, _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator(directory):
    from kaimolink.events.enums import EventKind, EventStatus
    from kaimolink.events.models import Attendance
    from tests.events.factories import EventFactory, fill
    from tests.factories import make_coordinator
    from tests.projects.factories import ProjectFactory, add_indicator, add_partner

    lag = directory.lag_a
    person = verified_user(make_coordinator(lag, full_name="Rasa Koordinatorė"))
    today = timezone.localdate()
    for kind, offset in ((EventKind.TRAINING, 0), (EventKind.WORKSHOP, 1)):
        day = datetime.date(today.year, 1, 10 + offset)
        event = EventFactory(
            title="Kaimo turizmo paslaugų kūrimas ir rinkodara",
            kind=kind,
            lags=[lag],
            status=EventStatus.HELD,
            days=[(day, datetime.time(9), datetime.time(17))],
        )
        for registration in fill(event, 3):
            Attendance.objects.create(registration=registration, day=event.days.get(), present=True)
    project = ProjectFactory(title="Sumanaus kaimo link – Kėdainių, Lazdijų ir Radviliškio")
    add_partner(project, lag=lag)
    add_indicator(project, "R1", target="33", unit="training", achieved=Decimal("12"))
    add_indicator(project, "R2", target="120", unit="actor")
    return person


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_reports_fit_are_accessible_and_come_from_the_desk(
    live_server, new_context, guard, coordinator, width
):
    viewport = WIDTHS[width]
    phone = width == "phone"
    page = new_context(viewport=viewport, is_mobile=phone, has_touch=phone).new_page()
    log_in(page, live_server.url, coordinator.email)
    page.goto(f"{live_server.url}/lt/desk/")
    page.locator("main a[href$='/desk/reports/']").click()
    page.wait_for_url("**/lt/desk/reports/")
    assert sideways(page, viewport["width"]) is None
    assert _axe(page) is None

    page.locator("main .report-links a").first.click()  # this year's report of the LAG
    page.wait_for_url("**/lt/desk/reports/*/")
    assert page.locator("svg.chart").count() == 2
    total = page.locator("#table-events tr.report-total td").nth(1).inner_text()
    assert total.strip() == "2"
    assert sideways(page, viewport["width"]) is None
    assert _axe(page) is None
    page.screenshot(path=f"var/test/report-lag-{width}.png", full_page=True)

    with page.expect_download() as download:
        page.locator("main a[href*='report.xlsx']").click()
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    totals = [row for row in book.active.iter_rows(values_only=True) if row[0] == "Iš viso"]
    assert totals[0][1] == 2  # events, as on the page

    page.goto(f"{live_server.url}/lt/desk/reports/")
    page.locator("main a", has_text="Sumanaus kaimo link").click()
    page.wait_for_selector("svg.chart")
    assert page.get_by_text(translated("lt", "Indicators: planned and achieved")).count() >= 1
    assert sideways(page, viewport["width"]) is None
    assert _axe(page) is None
    page.screenshot(path=f"var/test/report-project-{width}.png", full_page=True)
    assert guard.foreign_requests == []
    assert guard.page_errors == []
