"""Setting, handing in and reviewing homework through the services: rules and bad input."""

import datetime
from pathlib import Path

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from kaimolink.events.enums import RegistrationStatus
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.models import Assignment, Submission
from kaimolink.homework.selectors import homework_figures, person_accepted_all
from kaimolink.homework.services import (
    HomeworkError,
    assignment_create,
    submission_create,
    submission_review,
)
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.files import EXE, PDF, PNG, upload
from tests.homework.factories import AssignmentFactory, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(lags=[LagFactory()], trainer=UserFactory())


@pytest.fixture
def assignment(event):
    return AssignmentFactory(event=event)


def test_assignment_create_by_trainer_and_coordinator(event):
    due = timezone.now() + datetime.timedelta(days=7)
    by_trainer = assignment_create(
        event=event, by=event.trainer, title="  Verslo modelis  ", due_at=due
    )
    assert by_trainer.title == "Verslo modelis" and by_trainer.created_by == event.trainer
    coordinator = make_coordinator(event.lags.first())
    by_coordinator = assignment_create(event=event, by=coordinator, title="Jėgų laukas")
    assert by_coordinator.due_at is None and by_coordinator.allow_files


@pytest.mark.parametrize("who", ["participant", "stranger", "other_coordinator"])
def test_assignment_create_refused_for_others(event, who):
    by = {
        "participant": lambda: participant(event),
        "stranger": UserFactory,
        "other_coordinator": lambda: make_coordinator(LagFactory()),
    }[who]()
    with pytest.raises(HomeworkError, match="may not set homework"):
        assignment_create(event=event, by=by, title="Užduotis")
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "at most 200"),
        ({"title": "A", "due_at": timezone.now() - datetime.timedelta(hours=1)}, "passed"),
        ({"title": "A", "due_at": datetime.datetime(2030, 1, 1, 12)}, "time zone"),
    ],
)
def test_assignment_create_bad_input_changes_nothing(event, kwargs, message):
    with pytest.raises(HomeworkError, match=message):
        assignment_create(event=event, by=event.trainer, **kwargs)
    assert not Assignment.objects.exists()


def test_submission_with_text_and_file(assignment):
    person = participant(assignment.event)
    submission = submission_create(
        assignment=assignment, person=person, text=" Atsakymas ", file=upload("Mano darbas.pdf")
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED and not submission.late
    assert submission.text == "Atsakymas"
    assert submission.original_name == "Mano darbas.pdf" and submission.file_type == "pdf"
    assert submission.file_size == len(PDF)
    # On disk: a random name under homework/<year>/, in the private folder, not MEDIA_ROOT.
    assert submission.file.name.startswith(f"homework/{timezone.localdate():%Y}/")
    assert "Mano" not in submission.file.name
    path = Path(submission.file.path)
    assert path.read_bytes() == PDF
    assert path.is_relative_to(Path(submission.file.storage.location))
    assert submission.registration.person == person


def test_submission_needs_text_or_file(assignment):
    person = participant(assignment.event)
    with pytest.raises(HomeworkError, match="Write an answer or attach a file"):
        submission_create(assignment=assignment, person=person, text="   ", file=None)
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("virusas.pdf", EXE), ("schema.docx", PNG), ("programa.exe", EXE), ("a.png", PDF)],
)
def test_submission_wrong_file_type_refused(assignment, name, content, settings):
    person = participant(assignment.event)
    with pytest.raises(HomeworkError):
        submission_create(assignment=assignment, person=person, file=upload(name, content))
    assert not Submission.objects.exists()
    assert not list(Path(settings.PRIVATE_ROOT).rglob("*.*"))


def test_submission_oversized_file_refused(assignment, settings):
    settings.HOMEWORK_MAX_FILE_BYTES = 2048
    person = participant(assignment.event)
    with pytest.raises(HomeworkError, match="may be at most"):
        submission_create(
            assignment=assignment, person=person, file=upload("d.pdf", PDF + b"0" * 2048)
        )
    assert not Submission.objects.exists()


def test_submission_file_refused_when_assignment_takes_text_only(event):
    assignment = AssignmentFactory(event=event, allow_files=False)
    person = participant(event)
    with pytest.raises(HomeworkError, match="not files"):
        submission_create(assignment=assignment, person=person, file=upload("a.pdf"))
    assert submission_create(assignment=assignment, person=person, text="Tekstu").text


@pytest.mark.parametrize("status", [RegistrationStatus.WAITING, RegistrationStatus.CANCELLED, None])
def test_submission_only_for_confirmed_participants(assignment, status):
    person = UserFactory()
    if status is not None:
        RegistrationFactory(event=assignment.event, person=person, status=status)
    with pytest.raises(HomeworkError, match="confirmed participants"):
        submission_create(assignment=assignment, person=person, text="Atsakymas")
    assert not Submission.objects.exists()


def test_confirmed_at_another_event_is_not_enough(assignment):
    person = participant(EventFactory())
    with pytest.raises(HomeworkError, match="confirmed participants"):
        submission_create(assignment=assignment, person=person, text="Atsakymas")


def test_submission_after_due_date_is_late(event):
    assignment = AssignmentFactory(event=event, due_at=timezone.now() - datetime.timedelta(hours=1))
    on_time = AssignmentFactory(event=event, due_at=timezone.now() + datetime.timedelta(hours=1))
    person = participant(event)
    assert submission_create(assignment=assignment, person=person, text="Vėlai").late
    assert not submission_create(assignment=on_time, person=person, text="Laiku").late


def test_second_submission_waits_for_review(assignment):
    person = participant(assignment.event)
    submission_create(assignment=assignment, person=person, text="Pirmas")
    with pytest.raises(HomeworkError, match="already waiting"):
        submission_create(assignment=assignment, person=person, text="Antras")
    assert Submission.objects.count() == 1


def test_database_allows_one_waiting_submission_per_person(assignment):
    person = participant(assignment.event)
    first = submission_create(assignment=assignment, person=person, text="Pirmas")
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(
            assignment=assignment,
            person=person,
            registration=first.registration,
            text="Aplenkiant servisą",
        )


def test_review_accept_sends_email_after_commit(assignment, django_capture_on_commit_callbacks):
    person = participant(assignment.event)
    submission = submission_create(assignment=assignment, person=person, text="Atsakymas")
    with django_capture_on_commit_callbacks() as callbacks:
        reviewed = submission_review(
            submission=submission, by=assignment.event.trainer, status="accepted", feedback=""
        )
        assert not mail.outbox  # nothing is sent before the commit
    assert reviewed.status == SubmissionStatus.ACCEPTED
    assert reviewed.reviewed_by == assignment.event.trainer and reviewed.reviewed_at
    assert callbacks  # the mail waits for the commit (beside the page cache's bump)
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [person.email]
    assert assignment.title in mail.outbox[0].subject


def test_redo_needs_feedback_then_resubmission_keeps_history(
    assignment, django_capture_on_commit_callbacks
):
    person = participant(assignment.event)
    coordinator = make_coordinator(assignment.event.lags.first())
    first = submission_create(assignment=assignment, person=person, text="Pirmas")
    with pytest.raises(HomeworkError, match="what has to be redone"):
        submission_review(submission=first, by=coordinator, status="redo", feedback="  ")
    first.refresh_from_db()
    assert first.status == SubmissionStatus.SUBMITTED and first.reviewed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        submission_review(
            submission=first, by=coordinator, status="redo", feedback="Trūksta kainodaros."
        )
    assert "Trūksta kainodaros." in mail.outbox[0].body
    second = submission_create(assignment=assignment, person=person, file=upload("v2.pdf"))
    submission_review(submission=second, by=coordinator, status="accepted")
    statuses = list(
        Submission.objects.filter(person=person)
        .order_by("submitted_at", "id")
        .values_list("status", flat=True)
    )
    assert statuses == [SubmissionStatus.REDO, SubmissionStatus.ACCEPTED]
    with pytest.raises(HomeworkError, match="already been accepted"):
        submission_create(assignment=assignment, person=person, text="Trečias")


def test_review_refused_for_others_and_twice(assignment):
    submission = submission_create(
        assignment=assignment, person=participant(assignment.event), text="A"
    )
    for outsider in (UserFactory(), make_coordinator(LagFactory()), submission.person):
        with pytest.raises(HomeworkError, match="may not review"):
            submission_review(submission=submission, by=outsider, status="accepted")
    other_trainer_event = EventFactory(trainer=UserFactory())
    with pytest.raises(HomeworkError, match="may not review"):
        submission_review(submission=submission, by=other_trainer_event.trainer, status="accepted")
    with pytest.raises(HomeworkError, match="accepted or to be redone"):
        submission_review(submission=submission, by=assignment.event.trainer, status="submitted")
    submission_review(submission=submission, by=assignment.event.trainer, status="accepted")
    with pytest.raises(HomeworkError, match="already been reviewed"):
        submission_review(
            submission=submission, by=assignment.event.trainer, status="redo", feedback="Ne"
        )


def test_figures_and_accepted_all(event):
    first, second = AssignmentFactory(event=event), AssignmentFactory(event=event)
    person, other = participant(event), participant(event)
    trainer = event.trainer
    assert person_accepted_all(event=event, person=person) is False
    s1 = submission_create(assignment=first, person=person, text="1")
    submission_review(submission=s1, by=trainer, status="redo", feedback="Dar kartą")
    s1b = submission_create(assignment=first, person=person, text="1b")
    submission_review(submission=s1b, by=trainer, status="accepted")
    # An accepted hand-in by someone else does not count for this person.
    s2_other = submission_create(assignment=second, person=other, text="2")
    submission_review(submission=s2_other, by=trainer, status="accepted")
    assert person_accepted_all(event=event, person=person) is False
    s2 = submission_create(assignment=second, person=person, text="2")
    assert person_accepted_all(event=event, person=person) is False
    figures = homework_figures(event=event)
    assert (figures.assignments, figures.submitted, figures.accepted, figures.redo) == (
        2,
        1,
        2,
        1,
    )
    submission_review(submission=s2, by=trainer, status="accepted")
    assert person_accepted_all(event=event, person=person) is True
    assert person_accepted_all(event=EventFactory(), person=person) is True  # no homework
