"""Attendance, homework, certificates and contact fairs of the demo (`demo.learning`)."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from kaimolink.accounts.models import User
from kaimolink.certificates.models import Certificate
from kaimolink.contactfair.models import FairParticipant, FairSettings, MeetingRequest
from kaimolink.demo.learning import HOMEWORK, REVOKE_REASON
from kaimolink.demo.seed_facts import DEMO_PASSWORD
from kaimolink.events.enums import EventKind, EventStatus
from kaimolink.events.models import Attendance, Event, EventSeries
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.models import Assignment, Submission
from kaimolink.homework.selectors import assignments_of_person
from kaimolink.indicators.selectors import series_figures

pytestmark = pytest.mark.django_db

SHOWCASE = "dalyvis01@demo.kaimolink.lt"


@pytest.fixture
def seeded(demo_seeded_once, db):
    """The demo (tests/demo/conftest.py seeds it once for the module)."""
    return User.objects.get(email=SHOWCASE)


def _snapshot():
    return {
        "attendance": sorted(Attendance.objects.values_list("registration", "day", "present")),
        "assignments": sorted(Assignment.objects.values_list("event", "title", "due_at")),
        "submissions": sorted(
            Submission.objects.values_list("assignment", "person", "status", "submitted_at")
        ),
        "certificates": sorted(Certificate.objects.values_list("number", "revoked_at")),
        "fairs": sorted(FairSettings.objects.values_list("event", "enabled")),
        "fair people": FairParticipant.objects.count(),
        "requests": sorted(MeetingRequest.objects.values_list("pk", "status")),
    }


def test_demo_learning_showcase_person_has_homework_to_do_feedback_and_certificates(seeded):
    mine = assignments_of_person(person=seeded)
    to_do = [a for a in mine if a.latest is None or a.latest.status == SubmissionStatus.REDO]
    assert any(a.latest is None and a.due_at > timezone.now() for a in to_do)
    sent_back = [a for a in to_do if a.latest and a.latest.status == SubmissionStatus.REDO]
    assert sent_back and all(a.latest.feedback for a in sent_back)
    reviewed = [a for a in mine if a.latest and a.latest.status == SubmissionStatus.ACCEPTED]
    assert reviewed and all(a.latest.feedback and a.latest.reviewed_by for a in reviewed)
    assert any(a.latest and a.latest.status == SubmissionStatus.SUBMITTED for a in mine)
    # Every training has the homework of its topic; none is handed in before the training.
    assert Assignment.objects.count() == Event.objects.filter(kind=EventKind.TRAINING).count()
    assert {a.title for a in Assignment.objects.all()} == {row[0] for row in HOMEWORK}
    assert not Submission.objects.filter(assignment__event__status=EventStatus.PUBLISHED).exists()
    # Certificates only where the platform recorded attendance, numbered by its own process.
    certificates = Certificate.objects.filter(person=seeded, revoked_at__isnull=True)
    assert certificates.count() >= 5
    for certificate in certificates:
        assert certificate.number.startswith("KL-")
        assert Attendance.objects.filter(
            registration=certificate.registration, present=True
        ).exists()


def test_demo_learning_nothing_on_the_events_the_seed_gives_no_participants_for(seeded):
    zydinti = Event.objects.filter(series__title="Žydinti Lietuva")
    assert zydinti.count() == 19
    assert not Certificate.objects.filter(event__in=zydinti).exists()
    assert not Assignment.objects.filter(event__in=zydinti).exists()
    assert not Attendance.objects.filter(day__event__in=zydinti).exists()
    # Certificates only for events the platform recorded as held, with attendance.
    assert not Certificate.objects.exclude(event__status=EventStatus.HELD).exists()


def test_demo_learning_one_certificate_revoked_with_its_attendance_corrected(seeded):
    revoked = Certificate.objects.get(revoked_at__isnull=False)
    assert revoked.revoke_reason == REVOKE_REASON
    assert revoked.person != seeded
    assert not Attendance.objects.filter(registration=revoked.registration, present=True).exists()


def test_demo_learning_contact_fair_open_now_with_requests(seeded):
    now = timezone.now()
    fairs = FairSettings.objects.select_related("event")
    open_now = [f for f in fairs if f.is_open(now) and f.event.status == EventStatus.PUBLISHED]
    assert len(open_now) == 1
    event = open_now[0].event
    participants = FairParticipant.objects.filter(event=event)
    assert participants.count() >= 5
    mine = participants.get(registration__person=seeded)
    assert MeetingRequest.objects.filter(to_participant=mine, status="pending").exists()
    assert MeetingRequest.objects.filter(from_participant=mine, status="accepted").exists()
    past = fairs.get(event__status=EventStatus.HELD).event
    assert past.title == "Konferencija „Sumanaus kaimo link“"
    assert MeetingRequest.objects.filter(event=past, answered_at__lt=past.ends_at).exists()


def test_demo_learning_gives_the_indicators_figures(seeded):
    series_with_learning = EventSeries.objects.filter(title__startswith="Sumanaus kaimo link")
    assert series_with_learning.count() == 4
    for series in series_with_learning:
        figures = series_figures(series=series)
        assert figures.attended > 0
        assert figures.person_hours_attended > 0
        assert figures.certificates > 0
        assert figures.attended < figures.confirmed  # a realistic share, not everyone


def test_demo_learning_twice_creates_nothing(seeded, capsys):
    before = _snapshot()
    call_command("seed_demo")

    assert _snapshot() == before
    out = capsys.readouterr().out
    assert "Demo learning: homework on 44 trainings" in out  # 33 held, 11 upcoming
    assert "Created: nothing new." in out


def test_demo_learning_my_page_shows_homework_and_certificates(seeded, client):
    assert client.login(email=SHOWCASE, password=DEMO_PASSWORD)
    response = client.get("/lt/me/")

    assert response.status_code == 200
    page = response.content.decode()
    to_do = next(a for a in assignments_of_person(person=seeded) if a.latest is None)
    assert to_do.title in page
    assert "Aprašymas per bendras" in page  # the feedback of the homework sent back
    certificate = Certificate.objects.filter(person=seeded, revoked_at__isnull=True).first()
    assert certificate.number in page
    assert client.get(certificate.pdf_url()).status_code == 200
    assert client.get(certificate.get_absolute_url()).status_code == 200
