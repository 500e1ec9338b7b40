"""A project's indicators in a browser: the desk's list, form and records, and the public
results section fit a phone and a wide screen, have no serious accessibility fault and
load nothing from elsewhere; a coordinator makes an indicator computed through the form."""

import datetime

import pytest

from tests.browser.conftest import log_in, sideways, verified_user
from tests.browser.test_page_types import WIDTHS, _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def project(directory):
    """Sumanaus kaimo link with a manual and a computed indicator, and held trainings."""
    from kaimolink.events.enums import EventStatus
    from kaimolink.events.models import Attendance
    from kaimolink.indicators.models import IndicatorRule
    from kaimolink.projects.enums import PartnerRole
    from tests.events.factories import EventFactory, RegistrationFactory
    from tests.projects.factories import ProjectFactory, add_indicator, add_partner

    project = ProjectFactory(
        slug="sumanaus-kaimo-link",
        title="Sumanaus kaimo link – Kėdainių, Lazdijų ir Radviliškio kaimo plėtros veikėjų "
        "partnerystė",
    )
    add_partner(project, lag=directory.lag_a, role=PartnerRole.LEAD)
    add_partner(project, lag=directory.lag_b)
    trainings = add_indicator(project, "R1", "33", unit="training")
    trainings.name = (
        "Mokymai vadybos, rinkodaros, socialinių inovacijų, vietos identiteto suvokimo ir "
        "internetinio marketingo temomis (po 11 kiekvienoje VVG, po 8 val.)"
    )
    trainings.save()
    IndicatorRule.objects.create(indicator=trainings, measure="trainings_held")
    add_indicator(project, "R2", "15", unit="participant")
    add_indicator(project, "R8", "1", unit="platform", achieved=1)
    for n in range(3):
        event = EventFactory(
            title=f"Internetinio marketingo pagrindai kaimo verslui, {n + 1} dalis",
            lags=[directory.lag_a], status=EventStatus.HELD,
            days=[(datetime.date(2023, 3, 1 + n), datetime.time(9), datetime.time(17))],
        )  # fmt: skip
        for registration in RegistrationFactory.create_batch(2, event=event):
            Attendance.objects.create(registration=registration, day=event.days.get(), present=True)
    return project


@pytest.fixture
def coordinator(directory):
    from tests.factories import make_coordinator

    return verified_user(make_coordinator(directory.lag_a, full_name="Rasa Koordinatorė"))


def _check(page, width, name):
    assert sideways(page, WIDTHS[width]["width"]) is None, name
    assert _axe(page) is None, name
    page.screenshot(path=f"var/test/indicators-{name}-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_indicator_pages_fit_and_a_coordinator_makes_one_computed(
    live_server, new_context, guard, project, coordinator, width
):
    viewport = WIDTHS[width]
    phone = width == "phone"
    context = new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    log_in(page, live_server.url, coordinator.email)
    base = f"{live_server.url}/lt/desk/projects/{project.slug}/indicators/"

    page.goto(base)
    assert page.locator("main table.table-fold tbody tr").count() == 3
    _check(page, width, "list")

    page.locator("main a", has_text="3").first.click()  # R1's number: the records
    page.wait_for_url("**/records/")
    assert page.locator("main table.table-fold tbody tr").count() == 3
    _check(page, width, "records")

    page.goto(base)
    page.locator("main tbody tr", has_text="R2").locator("a").first.click()
    page.locator("input[name=source][value=computed]").check()
    page.locator("#id_rule-measure").select_option("training_attendance")
    page.locator("#id_rule-per_event").check()
    page.locator("#id_rule-period_start").fill("2023-12-31")
    page.locator("#id_rule-period_end").fill("2023-01-01")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()  # the period ends before it starts
    _check(page, width, "form-errors")
    page.locator("#id_rule-period_start").fill("2023-01-01")
    page.locator("#id_rule-period_end").fill("2023-12-31")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base)
    row = page.locator("main tbody tr", has_text="R2")
    assert "2" in row.locator("td").nth(3).inner_text()  # 2 participants per training

    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    assert page.locator("#results tbody tr").count() == 3
    _check(page, width, "public")
    assert guard.foreign_requests == []
    assert guard.page_errors == []
