"""A person finds a training, registers, and the waiting list moves in a real browser."""

import datetime
import os

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Registration
from tests.browser.conftest import log_in, sideways, translated, verified_user
from tests.browser.test_accessibility import _blocking_violations, _describe
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def training(themes):
    return EventFactory(title="Internetinė rinkodara ūkininkams", capacity=1)


def open_event(page, base_url: str, title: str) -> None:
    page.goto(f"{base_url}/lt/events/")
    page.get_by_role("link", name=title).click()
    expect(page.locator("h1")).to_contain_text(title)


def test_register_wait_and_be_promoted(live_server, new_context, guard, training):
    first = verified_user(UserFactory(full_name="Ona Pirmoji"))
    second = verified_user(UserFactory(full_name="Jonas Antrasis"))
    first_page = new_context().new_page()
    second_page = new_context().new_page()

    # The first person takes the only place.
    log_in(first_page, live_server.url, first.email)
    open_event(first_page, live_server.url, training.title)
    first_page.locator("form[action$='/register/'] button").click()
    expect(first_page.locator("#registration .notice")).to_have_text(
        translated("lt", "You are registered: your place is confirmed.")
    )

    # The second finds it full and joins the waiting list.
    log_in(second_page, live_server.url, second.email)
    open_event(second_page, live_server.url, training.title)
    button = second_page.locator("form[action$='/register/'] button")
    expect(button).to_have_text(translated("lt", "Join the waiting list"))
    button.click()
    expect(second_page.locator("#registration .notice")).to_contain_text("1")
    assert Registration.objects.get(person=second).status == RegistrationStatus.WAITING

    # The first cancels, after confirming: the second is promoted and told by e-mail.
    first_page.get_by_role("link", name=translated("lt", "Cancel my registration")).click()
    first_page.get_by_role("button", name=translated("lt", "Yes, cancel the registration")).click()
    second_page.reload()
    expect(second_page.locator("#registration .notice")).to_have_text(
        translated("lt", "You are registered: your place is confirmed.")
    )
    assert Registration.objects.get(person=second).status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox if second.email in m.to] == [[second.email]]
    assert guard.foreign_requests == []


@pytest.mark.parametrize(
    "path",
    ["/lt/events/", "detail", "/en/events/", "/lt/events/?when=past", "/lt/events/calendar/"],
)
def test_event_pages_have_no_serious_accessibility_violations(
    live_server, page, guard, training, path
):
    url = training.get_absolute_url() if path == "detail" else path
    response = page.goto(f"{live_server.url}{url}")
    assert response.ok, response.status
    violations = _blocking_violations(page)
    assert violations == [], f"{url}:\n{_describe(violations)}"
    assert guard.foreign_requests == []


def test_trainer_marks_attendance_accepts_homework_and_the_certificate_verifies(
    live_server, new_context, guard, themes
):
    """The rest of a training's life: attendance, homework, certificate, verification."""
    import datetime

    from django.utils import timezone

    from kaimolink.certificates.models import Certificate
    from kaimolink.events.enums import EventStatus
    from tests.events.factories import RegistrationFactory
    from tests.homework.factories import AssignmentFactory, SubmissionFactory

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    trainer = verified_user(UserFactory(full_name="Lektorė Rūta"))
    event = EventFactory(
        title="Socialinės inovacijos kaime", trainer=trainer, status=EventStatus.HELD,
        requires_homework=True, days=[(yesterday, datetime.time(9), datetime.time(17))],
    )  # fmt: skip
    person = verified_user(UserFactory(full_name="Žydrūnė Šėtaitė"))
    registration = RegistrationFactory(event=event, person=person)
    submission = SubmissionFactory(
        assignment=AssignmentFactory(event=event), registration=registration, person=person
    )

    trainer_page = new_context().new_page()
    log_in(trainer_page, live_server.url, trainer.email)
    # Attendance: one tap on the participant.
    trainer_page.goto(f"{live_server.url}/lt/events/{event.slug}/attendance/")
    toggle = trainer_page.locator("button.attendance-toggle").first
    toggle.click()
    expect(trainer_page.locator("button.attendance-toggle").first).to_have_attribute(
        "aria-pressed", "true"
    )
    # Homework: accept the hand-in.
    trainer_page.goto(f"{live_server.url}/lt/homework/events/{event.slug}/")
    trainer_page.locator(f"#id_status_{submission.pk}_accepted").check()
    trainer_page.locator(f"form[action$='/submissions/{submission.pk}/review/'] button").click()
    submission.refresh_from_db()
    assert submission.status == "accepted"
    # Certificates for everyone eligible.
    trainer_page.goto(f"{live_server.url}/lt/events/{event.slug}/")
    trainer_page.locator("form[action*='/certificates/'] button").click()
    certificate = Certificate.objects.get(registration=registration)

    # The participant downloads it; its QR address verifies it publicly.
    person_page = new_context().new_page()
    log_in(person_page, live_server.url, person.email)
    person_page.goto(f"{live_server.url}/lt/events/{event.slug}/")
    with person_page.expect_download() as download:
        person_page.get_by_role("link", name=translated("lt", "Download my certificate")).click()
    assert download.value.path().read_bytes().startswith(b"%PDF")

    visitor = new_context().new_page()
    visitor.goto(f"{live_server.url}/lt/verify/{certificate.code}/")
    expect(visitor.locator("main")).to_contain_text(
        translated("lt", "This certificate is genuine: kaimolink issued it.")
    )
    expect(visitor.locator("main")).to_contain_text("Žydrūnė Šėtaitė")
    assert person.email not in visitor.content()
    assert guard.foreign_requests == []


# The month calendar, the event page and cancelling, at a phone's and a desktop's width.

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
SHOTS = os.environ.get("KAIMOLINK_SCREENSHOTS")  # a folder: save the pages to look at


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def month_of_events(themes):
    """Three events in the month after this one (this month has none)."""
    today = timezone.localdate()
    month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    ten, four = datetime.time(10), datetime.time(16)
    return [
        EventFactory(title="Rinkodaros mokymai", days=[(month.replace(day=3), ten, four)]),
        EventFactory(
            title="Kūrybinės dirbtuvės",
            days=[(month.replace(day=12), ten, four), (month.replace(day=13), ten, four)],
        ),
        EventFactory(title="Konferencija", days=[(month.replace(day=20), ten, four)]),
    ]


def test_calendar_on_a_phone_is_an_agenda_without_sideways_scroll(
    live_server, new_context, guard, month_of_events
):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(f"{live_server.url}/lt/events/calendar/")
    shot(page, "calendar-360")
    # It opened on the next month with events, and says so.
    expect(page.locator(".cal-skipped")).to_be_visible()
    # Only the four days with events show, each headed by its full date.
    headings = page.locator(".cal-day h2")
    expect(headings).to_have_count(4)
    expect(headings.first).to_be_visible()
    assert page.locator(".cal-day:visible").count() == 4
    assert page.locator(".cal-empty:visible, .cal-outside:visible, .cal-head:visible").count() == 0
    assert ", " in headings.first.inner_text()  # "Trečiadienis, sausio 3 d."
    assert sideways(page, PHONE["width"]) is None
    # A keyboard reaches the events' links.
    link = page.get_by_role("link", name="Rinkodaros mokymai")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Rinkodaros mokymai")
    assert guard.foreign_requests == []


def test_calendar_on_a_wide_screen_is_a_monday_first_grid(
    live_server, new_context, guard, month_of_events
):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"{live_server.url}/lt/events/calendar/")
    shot(page, "calendar-1280")
    columns = page.evaluate(
        "getComputedStyle(document.querySelector('.cal-grid')).gridTemplateColumns"
    )
    assert len(columns.split()) == 7
    head = page.locator(".cal-head")
    expect(head).to_be_visible()
    # Short names are seen, one per column; the full ones are there for screen readers.
    visible = [t.strip() for t in head.locator("[aria-hidden=true]").all_inner_texts()]
    assert visible == ["Pr", "An", "Tr", "Kt", "Pn", "Št", "Sk"]
    assert head.locator(".visually-hidden").first.text_content() == "Pirmadienis"
    widths = page.evaluate(
        "[...document.querySelectorAll('.cal-head > span')]"
        ".map(e => e.getBoundingClientRect().width)"
    )
    assert min(widths) > 100  # each name has its own column, nothing runs together
    # Other months' days are muted; every in-month day of the grid is shown.
    outside = page.locator(".cal-outside").first
    if outside.count():
        assert outside.evaluate("e => getComputedStyle(e).backgroundColor") != "rgb(255, 255, 255)"
    assert sideways(page, DESKTOP["width"]) is None
    assert guard.foreign_requests == []


def test_register_button_is_on_the_first_phone_screen(live_server, new_context, guard, themes):
    event = EventFactory(
        title="Socialinis verslas kaime",
        description="Ilgas renginio aprašymas apie socialinį verslą. " * 120,
    )
    person = verified_user(UserFactory(full_name="Ona Pirmoji"))
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    log_in(page, live_server.url, person.email)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    shot(page, "event-360")
    button = page.locator("form[action$='/register/'] button")
    expect(button).to_be_visible()
    assert button.bounding_box()["y"] < 640
    assert sideways(page, PHONE["width"]) is None
    desktop = new_context(viewport=DESKTOP).new_page()
    desktop.goto(f"{live_server.url}{event.get_absolute_url()}")
    shot(desktop, "event-1280")
    assert guard.foreign_requests == []


def test_cancel_asks_to_confirm_then_cancels(live_server, new_context, guard, themes):
    person = verified_user(UserFactory(full_name="Ona Pirmoji"))
    registration = RegistrationFactory(person=person)
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    log_in(page, live_server.url, person.email)
    page.goto(f"{live_server.url}{registration.event.get_absolute_url()}")
    page.get_by_role("link", name=translated("lt", "Cancel my registration")).click()
    # The confirmation page: nothing is cancelled yet, and the way back is offered.
    expect(page.locator("h1")).to_have_text(translated("lt", "Cancel the registration"))
    shot(page, "confirm-360")
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CONFIRMED
    expect(page.get_by_role("link", name=translated("lt", "No, go back"))).to_be_visible()
    page.get_by_role("button", name=translated("lt", "Yes, cancel the registration")).click()
    expect(page.locator(".messages")).to_contain_text(
        translated("lt", "The registration is cancelled.")
    )
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CANCELLED
    assert guard.foreign_requests == []
