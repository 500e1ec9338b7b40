"""Certificates of attendance: eligibility, idempotence, permissions, PDF, verification."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from kaimolink.certificates.models import Certificate
from kaimolink.certificates.services import (
    CertificateError,
    attendance_certificate_issue,
    certificate_revoke,
    certificates_issue_for_event,
)
from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.services import attendance_mark
from kaimolink.homework.enums import SubmissionStatus
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries
from tests.homework.factories import AssignmentFactory, SubmissionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def past_days():
    start = timezone.localdate() - datetime.timedelta(days=10)
    return [
        (start, datetime.time(9), datetime.time(13)),
        (start + datetime.timedelta(days=1), datetime.time(9), datetime.time(13)),
    ]


@pytest.fixture
def world():
    lag, other_lag = LagFactory(name="Nevėžio VVG"), LagFactory()
    trainer = UserFactory(full_name="Treneris Petraitis")
    event = EventFactory(
        title="Vietos tapatumo mokymai",
        lags=[lag],
        trainer=trainer,
        hours=8,
        status=EventStatus.HELD,
        days=past_days(),
    )
    person = UserFactory(full_name="Žydrūnė Šėtaitė", email="zydrune@example.lt")
    registration = RegistrationFactory(event=event, person=person)
    coordinator = make_coordinator(lag)
    return {
        "event": event,
        "days": list(event.days.all()),
        "registration": registration,
        "person": person,
        "coordinator": coordinator,
        "other_coordinator": make_coordinator(other_lag),
        "trainer": trainer,
    }


def present(world, registration=None, days=1):
    for day in world["days"][:days]:
        attendance_mark(
            registration=registration or world["registration"],
            day=day,
            present=True,
            by=world["coordinator"],
        )


def issue(world, by="coordinator"):
    return attendance_certificate_issue(registration=world["registration"], by=world[by])


# Eligibility


@pytest.mark.parametrize("who", ["coordinator", "trainer"])
def test_certificate_issue_for_present_person_snapshots_name_title_and_hours(world, who):
    present(world, days=1)
    certificate = issue(world, by=who)
    assert certificate.holder_name == "Žydrūnė Šėtaitė"
    assert certificate.title == "Vietos tapatumo mokymai"
    assert certificate.hours == 4  # one of two equal days of an 8-hour event
    assert certificate.kind == Certificate.Kind.ATTENDANCE
    assert re.fullmatch(rf"KL-{timezone.localdate().year}-\d{{6}}", certificate.number)
    assert len(certificate.code) >= 16 and re.fullmatch(r"[A-Za-z0-9_-]+", certificate.code)


def test_certificate_issue_when_not_present_is_refused(world):
    attendance_mark(
        registration=world["registration"], day=world["days"][0], present=False, by=world["trainer"]
    )
    with pytest.raises(CertificateError, match="not present"):
        issue(world)
    assert not Certificate.objects.exists()


def test_certificate_issue_when_homework_required_and_not_accepted_is_refused(world):
    event = world["event"]
    event.requires_homework = True
    event.save(update_fields=["requires_homework"])
    present(world)
    assignment = AssignmentFactory(event=event)
    SubmissionFactory(assignment=assignment, registration=world["registration"])
    with pytest.raises(CertificateError, match="homework"):
        issue(world)
    SubmissionFactory(
        assignment=assignment,
        registration=world["registration"],
        status=SubmissionStatus.ACCEPTED,
    )
    assert issue(world).pk


def test_certificate_issue_homework_not_required_ignores_homework(world):
    AssignmentFactory(event=world["event"])
    present(world)
    assert issue(world).pk


@pytest.mark.parametrize("status", [EventStatus.DRAFT, EventStatus.CANCELLED])
def test_certificate_issue_for_draft_or_cancelled_event_is_refused(world, status):
    present(world)
    world["event"].status = status
    world["event"].save(update_fields=["status"])
    with pytest.raises(CertificateError, match="taken place"):
        issue(world)


def test_certificate_issue_for_future_event_is_refused():
    lag = LagFactory()
    coordinator = make_coordinator(lag)
    event = EventFactory(lags=[lag])  # published, a week ahead
    registration = RegistrationFactory(event=event)
    attendance_mark(registration=registration, day=event.days.get(), present=True, by=coordinator)
    with pytest.raises(CertificateError, match="taken place"):
        attendance_certificate_issue(registration=registration, by=coordinator)


def test_certificate_issue_for_published_event_whose_last_day_is_past_is_allowed(world):
    world["event"].status = EventStatus.PUBLISHED
    world["event"].save(update_fields=["status"])
    present(world)
    assert issue(world).pk


def test_certificate_issue_for_cancelled_registration_is_refused(world):
    present(world)
    world["registration"].status = RegistrationStatus.CANCELLED
    world["registration"].save(update_fields=["status"])
    with pytest.raises(CertificateError, match="confirmed"):
        issue(world)


def test_certificate_issue_twice_returns_the_same_certificate(world):
    present(world, days=2)
    first = issue(world)
    second = issue(world, by="trainer")
    assert first.pk == second.pk and first.number == second.number
    assert Certificate.objects.count() == 1
    assert first.hours == 8


def test_certificate_numbers_are_sequential_and_unique(world):
    present(world)
    other = RegistrationFactory(event=world["event"])
    present(world, registration=other)
    a = issue(world)
    b = attendance_certificate_issue(registration=other, by=world["coordinator"])
    assert int(b.number[-6:]) == int(a.number[-6:]) + 1
    assert a.code != b.code


def test_certificates_issue_for_event_counts(world):
    present(world)
    absent = RegistrationFactory(event=world["event"])
    RegistrationFactory(event=world["event"], status=RegistrationStatus.WAITING)
    counts = certificates_issue_for_event(event=world["event"], by=world["coordinator"])
    assert (counts.issued, counts.existing, counts.refused) == (1, 0, 1)
    counts = certificates_issue_for_event(event=world["event"], by=world["coordinator"])
    assert (counts.issued, counts.existing, counts.refused) == (0, 1, 1)
    assert not Certificate.objects.filter(registration=absent).exists()


# Permissions


@pytest.mark.parametrize("who", ["other_coordinator", "person"])
def test_certificate_issue_by_outsider_is_refused(world, who):
    present(world)
    with pytest.raises(CertificateError):
        issue(world, by=who)
    with pytest.raises(CertificateError):
        certificates_issue_for_event(event=world["event"], by=world[who])
    assert not Certificate.objects.exists()


def pdf_url(certificate):
    return f"/lt/certificates/{certificate.code}.pdf"


@pytest.mark.parametrize("who", ["person", "coordinator", "trainer"])
def test_certificate_pdf_for_holder_and_organisers(client, world, who):
    present(world)
    certificate = issue(world)
    client.force_login(world[who])
    response = client.get(pdf_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("who", ["other_coordinator", "other_participant"])
def test_certificate_pdf_for_others_is_404(client, world, who):
    present(world)
    certificate = issue(world)
    other = RegistrationFactory(event=world["event"]).person
    client.force_login(other if who == "other_participant" else world[who])
    assert client.get(pdf_url(certificate)).status_code == 404


def test_certificate_pdf_anonymous_is_sent_to_login(client, world):
    present(world)
    certificate = issue(world)
    response = client.get(pdf_url(certificate))
    assert response.status_code == 302 and "login" in response["Location"]


def test_certificate_pdf_text_has_lithuanian_letters_number_qr_and_verify_url(
    client, world, settings
):
    settings.SITE_URL = "https://kaimolink.example.lt"
    present(world, days=2)
    certificate = issue(world)
    client.force_login(world["person"])
    response = client.get(pdf_url(certificate))
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    text = page.extract_text()
    assert "Pažymėjimas" in text
    assert "Žydrūnė Šėtaitė" in text
    assert "Vietos tapatumo mokymai" in text
    assert "Nevėžio VVG" in text
    assert certificate.number in text
    assert f"https://kaimolink.example.lt/lt/verify/{certificate.printed_code}/" in text
    assert len(page.images) == 1  # the QR code


def test_issue_button_issues_and_participant_sees_download_link(client, world):
    present(world)
    client.force_login(world["coordinator"])
    page = client.get(f"/en/events/{world['event'].slug}/").content.decode()
    assert "Issue certificates" in page
    response = client.post(f"/en/certificates/events/{world['event'].slug}/issue/")
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    client.force_login(world["person"])
    page = client.get(f"/en/events/{world['event'].slug}/").content.decode()
    assert "Download my certificate" in page and certificate.code in page
    assert "Issue certificates" not in page


def test_issue_button_by_other_coordinator_is_404(client, world):
    present(world)
    client.force_login(world["other_coordinator"])
    response = client.post(f"/en/certificates/events/{world['event'].slug}/issue/")
    assert response.status_code == 404
    assert not Certificate.objects.exists()


# Verification


def verify_url(code, lang="en"):
    return f"/{lang}/verify/{code}/"


def test_verify_genuine_shows_name_event_dates_number_and_no_email(client, world):
    present(world)
    certificate = issue(world)
    response = client.get(verify_url(certificate.code))
    page = response.content.decode()
    assert response.status_code == 200
    assert "genuine" in page
    assert "Žydrūnė Šėtaitė" in page and "Vietos tapatumo mokymai" in page
    assert certificate.number in page
    assert f"{world['days'][0].date:%Y-%m-%d}" in page
    assert "zydrune@example.lt" not in page and "@" not in page.split("<main", 1)[-1]
    assert "csrfmiddlewaretoken" not in page


def test_verify_revoked_says_revoked(client, world):
    present(world)
    certificate = issue(world)
    certificate_revoke(certificate=certificate, reason="Klaida", by=world["coordinator"])
    page = client.get(verify_url(certificate.code)).content.decode()
    assert "revoked" in page and "genuine" not in page


def test_verify_unknown_code_is_404_not_genuine(client, db):
    response = client.get(verify_url("no-such-code-at-all-xyz"))
    assert response.status_code == 404
    assert "Certificate not found" in response.content.decode()


def test_verify_in_lithuanian(client, world):
    present(world)
    certificate = issue(world)
    page = client.get(verify_url(certificate.code, "lt")).content.decode()
    assert "tikras" in page


def test_verify_cached_page_shows_revocation_at_once(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    present(world)
    certificate = issue(world)
    assert "genuine" in client.get(verify_url(certificate.code)).content.decode()
    # on_commit callbacks do not run inside the test transaction: run them by hand.
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, reason="Klaida", by=world["coordinator"])
    assert "revoked" in client.get(verify_url(certificate.code)).content.decode()


def test_verify_query_count_is_constant(client, world):
    present(world)
    one = count_queries(client, verify_url(issue(world).code))
    lag = LagFactory()
    coordinator = make_coordinator(lag)
    days = [
        (
            timezone.localdate() - datetime.timedelta(days=30 - i),
            datetime.time(9),
            datetime.time(10),
        )
        for i in range(5)
    ]
    big = EventFactory(lags=[lag, LagFactory()], status=EventStatus.HELD, days=days)
    registration = RegistrationFactory(event=big)
    for day in big.days.all():
        attendance_mark(registration=registration, day=day, present=True, by=coordinator)
    many = count_queries(
        client,
        verify_url(attendance_certificate_issue(registration=registration, by=coordinator).code),
    )
    assert one == many
