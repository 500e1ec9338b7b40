"""A coordinator creates a two-day training on the desk, the venue found in the settlements
list and placed on the map, publishes it, and the public page shows it; the desk's event
pages fit a phone and a wide screen and load nothing from elsewhere."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in, sideways
from tests.browser.test_page_types import WIDTHS, _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_creates_and_publishes_a_two_day_training(
    live_server, new_context, guard, kedainiai
):
    from kaimolink.events.models import Event

    first = timezone.localdate() + datetime.timedelta(days=20)
    second = first + datetime.timedelta(days=1)
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, live_server.url, kedainiai["coordinator"].email)
    page.goto(f"{live_server.url}/lt/desk/")
    page.locator("main a", has_text="Renginiai").first.click()
    page.locator("main a", has_text="Naujas renginys").first.click()

    page.locator("#id_title").fill("Kaimo turizmo mokymai")
    page.locator("#id_kind").select_option("training")
    expect(page.locator("input[name=lags]")).to_be_checked()  # their one LAG, ticked
    for n, (date, start, end) in enumerate([(first, "10:00", "16:00"), (second, "09:00", "13:00")]):
        page.locator(f"#id_days-{n}-date").fill(date.isoformat())
        page.locator(f"#id_days-{n}-start_time").fill(start)
        page.locator(f"#id_days-{n}-end_time").fill(end)
    page.locator("#id_days-1-programme").fill("Praktinis užsiėmimas sodyboje")

    # The search box narrows the list; one match left is chosen, the marker goes there.
    page.locator("#id_settlement_search").fill("josv")
    expect(page.locator("#id_settlement option:checked")).to_have_text("Josvainiai")
    marker = page.locator("#venue-map .leaflet-marker-icon")
    expect(marker).to_be_visible()
    expect(page.locator("#id_lat")).to_have_value("")  # empty: the settlement's position
    # A click on the map moves the marker there and fills the position.
    venue_map = page.locator("#venue-map")
    box = venue_map.bounding_box()
    venue_map.click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2})
    expect(page.locator("#id_lat")).not_to_have_value("")
    page.locator("#id_address").fill("Kultūros namai, Mokyklos g. 1")
    page.locator("#id_capacity").fill("15")
    page.locator("#id_hours").fill("8")
    page.locator("#id_questions").fill("Mitybos poreikiai")
    page.locator("input[name=status][value=published]").check()
    page.locator("button[name=save]").click()

    expect(page.locator(".messages, [role=status]").first).to_contain_text("išsaugotas")
    event = Event.objects.get()
    assert event.status == "published"
    assert [d.date for d in event.days.all()] == [first, second]
    assert event.settlement.name == "Josvainiai"
    assert event.lat == pytest.approx(55.2467, abs=0.02) and event.lat != 55.2467
    assert event.questions == ["Mitybos poreikiai"]

    page.locator("main a", has_text="Viešas puslapis").click()
    programme = page.locator("#programme + ul")
    expect(programme.locator("li")).to_have_count(2)
    expect(programme).to_contain_text("Praktinis užsiėmimas sodyboje")
    expect(page.locator(".event-key")).to_contain_text("Kultūros namai, Mokyklos g. 1, Josvainiai")
    expect(page.locator(".event-key")).to_contain_text("2 dienos")
    assert guard.foreign_requests == []
    assert guard.page_errors == []


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_desk_event_pages_fit_and_are_accessible(live_server, new_context, guard, kedainiai, width):
    from tests.events.factories import EventFactory, RegistrationFactory

    lag = kedainiai["lag"]
    event = EventFactory(
        title="Trumpųjų maisto grandinių ir vietos produktų rinkodaros mokymai",
        lags=[lag],
        settlement=lag.districts.get().settlements.first(),
    )
    RegistrationFactory.create_batch(2, event=event)
    EventFactory(title="Juodraštis be dienų", lags=[lag], status="draft", days=[])
    viewport = WIDTHS[width]
    phone = width == "phone"
    page = new_context(viewport=viewport, is_mobile=phone, has_touch=phone).new_page()
    log_in(page, live_server.url, kedainiai["coordinator"].email)
    for name, path in [
        ("list", "/lt/desk/events/"),
        ("edit", f"/lt/desk/events/{event.pk}/"),
        ("copy", f"/lt/desk/events/{event.pk}/copy/"),
        ("cancel", f"/lt/desk/events/{event.pk}/cancel/"),
        ("series", "/lt/desk/series/new/"),
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        assert sideways(page, viewport["width"]) is None, name
        assert _axe(page) is None, name
        page.screenshot(path=f"var/test/desk-events-{name}-{width}.png", full_page=True)
    # Sent empty, the form answers with its error summary, which fits too.
    page.goto(f"{live_server.url}/lt/desk/events/new/")
    page.locator("button[name=save]").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert sideways(page, viewport["width"]) is None
    page.screenshot(path=f"var/test/desk-events-errors-{width}.png", full_page=True)
    assert guard.foreign_requests == []
    assert guard.page_errors == []
