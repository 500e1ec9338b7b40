"""A person finds a training, registers, and the waiting list moves in a real browser."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Registration
from tests.browser.conftest import log_in, translated, verified_user
from tests.browser.test_accessibility import _blocking_violations, _describe
from tests.events.factories import EventFactory
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

    # The first cancels: the second is promoted and told by e-mail.
    first_page.locator("form[action*='/cancel'] button").click()
    second_page.reload()
    expect(second_page.locator("#registration .notice")).to_have_text(
        translated("lt", "You are registered: your place is confirmed.")
    )
    assert Registration.objects.get(person=second).status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox if second.email in m.to] == [[second.email]]
    assert guard.foreign_requests == []


@pytest.mark.parametrize("path", ["/lt/events/", "detail", "/en/events/"])
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
