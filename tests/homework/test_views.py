"""Homework pages through the web: handing in, reviewing, downloading, query counts."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.models import Assignment, Submission
from kaimolink.homework.services import submission_create
from tests.events.factories import EventFactory
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.files import EXE, PDF, PNG, upload
from tests.helpers.queries import count_queries
from tests.homework.factories import AssignmentFactory, SubmissionFactory, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(lags=[LagFactory()], trainer=UserFactory())


def page_url(event):
    return f"/en/homework/events/{event.slug}/"


def test_participant_hands_in_a_file(client, event):
    assignment = AssignmentFactory(event=event)
    person = participant(event)
    client.force_login(person)
    response = client.post(
        f"/en/homework/assignments/{assignment.pk}/submit/",
        {"text": "Štai mano darbas", "file": upload("Verslo planas.docx")},
    )
    assert response.status_code == 302 and response["Location"] == page_url(event)
    submission = Submission.objects.get()
    assert submission.person == person and submission.original_name == "Verslo planas.docx"
    page = client.get(page_url(event)).text
    assert "Štai mano darbas" in page and "Waiting for review" in page
    assert "Hand in" not in page  # waiting for review: no second hand-in


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"text": ""}, 409, "Write an answer or attach a file"),
        ({"file": ("virusas.pdf", EXE)}, 409, "content is not a PDF"),
        ({"file": ("schema.docx", PNG)}, 409, "content is not a DOCX"),
        ({"file": ("programa.exe", EXE)}, 409, "Upload a PDF"),
        ({"file": ("didelis.pdf", PDF + b"0" * 4096)}, 409, "may be at most"),
        ({"text": "x" * 20_001}, 400, "at most 20000"),
    ],
    ids=["empty", "exe-as-pdf", "png-as-docx", "exe", "oversized", "long-text"],
)
def test_bad_hand_in_answers_4xx_and_changes_nothing(
    client, event, settings, data, status, message
):
    settings.HOMEWORK_MAX_FILE_BYTES = 4096
    assignment = AssignmentFactory(event=event)
    client.force_login(participant(event))
    if "file" in data:
        data = {"file": upload(*data["file"])}
    response = client.post(f"/en/homework/assignments/{assignment.pk}/submit/", data)
    assert response.status_code == status
    assert message in response.text.replace("&#x27;", "'")
    assert not Submission.objects.exists()


def test_late_hand_in_is_marked(client, event):
    assignment = AssignmentFactory(event=event, due_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(participant(event))
    client.post(f"/en/homework/assignments/{assignment.pk}/submit/", {"text": "Vėluoju"})
    assert Submission.objects.get().late
    assert ">late<" in client.get(page_url(event)).text


def test_trainer_adds_assignment(client, event):
    client.force_login(event.trainer)
    due = timezone.localtime() + datetime.timedelta(days=7)
    response = client.post(
        f"/en/homework/events/{event.slug}/assignments/new/",
        {"title": "Jėgų lauko diagrama", "due_at": f"{due:%Y-%m-%dT%H:%M}", "allow_files": "on"},
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.event == event and assignment.created_by == event.trainer
    assert assignment.due_at.replace(second=0, microsecond=0) == due.replace(
        second=0, microsecond=0
    )


def test_add_assignment_with_past_due_date_is_refused(client, event):
    client.force_login(event.trainer)
    past = timezone.localtime() - datetime.timedelta(days=1)
    response = client.post(
        f"/en/homework/events/{event.slug}/assignments/new/",
        {"title": "Per vėlu", "due_at": f"{past:%Y-%m-%dT%H:%M}"},
    )
    assert response.status_code == 409 and "already passed" in response.text
    assert not Assignment.objects.exists()


def test_review_flow_redo_then_accept(client, event, django_capture_on_commit_callbacks):
    assignment = AssignmentFactory(event=event, title="Produkto lapas")
    person = participant(event)
    first = submission_create(assignment=assignment, person=person, text="Pirmas bandymas")
    coordinator = make_coordinator(event.lags.first())
    client.force_login(coordinator)
    url = f"/en/homework/submissions/{first.pk}/review/"
    no_feedback = client.post(url, {"status": "redo", "feedback": ""})
    assert no_feedback.status_code == 409 and "what has to be redone" in no_feedback.text
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": "redo", "feedback": "Pridėkite kainas."})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [person.email]
    assert "Pridėkite kainas." in mail.outbox[0].body
    assert f"/lt/homework/events/{event.slug}/" in mail.outbox[0].body

    client.force_login(person)
    page = client.get(page_url(event)).text
    assert "Pridėkite kainas." in page and "To be redone" in page and "Hand in" in page
    client.post(
        f"/en/homework/assignments/{assignment.pk}/submit/",
        {"text": "Antras bandymas", "file": upload("kainos.xlsx")},
    )
    second = Submission.objects.get(status=SubmissionStatus.SUBMITTED)
    page = client.get(page_url(event)).text
    assert "Pirmas bandymas" in page and "Antras bandymas" in page  # history

    client.force_login(event.trainer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/homework/submissions/{second.pk}/review/", {"status": "accepted"})
    second.refresh_from_db()
    assert second.status == SubmissionStatus.ACCEPTED and second.reviewed_by == event.trainer
    assert len(mail.outbox) == 2 and mail.outbox[1].to == [person.email]
    assert mail.outbox[1].subject == "Jūsų namų darbas „Produkto lapas“ priimtas"  # Lithuanian


def test_bad_review_status_is_400(client, event):
    submission = SubmissionFactory(assignment=AssignmentFactory(event=event))
    client.force_login(event.trainer)
    response = client.post(
        f"/en/homework/submissions/{submission.pk}/review/", {"status": "submitted"}
    )
    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_download_headers(client, event):
    assignment = AssignmentFactory(event=event)
    person = participant(event)
    submission = submission_create(
        assignment=assignment, person=person, file=upload("Ūkio planas.pdf")
    )
    client.force_login(person)
    response = client.get(f"/en/homework/submissions/{submission.pk}/file/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%C5%AAkio%20planas.pdf" in disposition
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF


def test_download_of_a_name_with_control_characters(client, event):
    person = participant(event)
    submission = submission_create(
        assignment=AssignmentFactory(event=event), person=person, file=upload("a\r\nb\x00.pdf")
    )
    assert submission.original_name == "ab.pdf"
    client.force_login(person)
    response = client.get(f"/en/homework/submissions/{submission.pk}/file/")
    assert response.status_code == 200 and 'filename="ab.pdf"' in response["Content-Disposition"]


def test_homework_files_are_not_under_media_root(event, settings):
    assignment = AssignmentFactory(event=event)
    submission = submission_create(
        assignment=assignment, person=participant(event), file=upload("a.pdf")
    )
    assert not str(submission.file.path).startswith(str(settings.MEDIA_ROOT))
    assert str(submission.file.path).startswith(str(settings.PRIVATE_ROOT))
    # Its only address is the download view, which checks who asks.
    assert submission.file.url == f"/en/homework/submissions/{submission.pk}/file/"


def _populate(event, n_people, n_assignments):
    assignments = [AssignmentFactory(event=event) for _ in range(n_assignments)]
    people = [participant(event) for _ in range(n_people)]
    for assignment in assignments:
        for person in people:
            SubmissionFactory(
                assignment=assignment,
                person=person,
                status=SubmissionStatus.REDO,
                feedback="Dar kartą",
                reviewed_by=event.trainer,
            )
            SubmissionFactory(assignment=assignment, person=person)
    return people


def test_teacher_page_runs_constant_queries(client, event):
    _populate(event, 1, 1)
    client.force_login(event.trainer)
    one = count_queries(client, page_url(event))
    _populate(event, 8, 3)
    many = count_queries(client, page_url(event))
    assert one == many
    assert client.get(page_url(event)).text.count("Save the review") == 1 + 8 * 3


def test_coordinator_page_runs_constant_queries(client, event):
    coordinator = make_coordinator(event.lags.first())
    _populate(event, 1, 1)
    client.force_login(coordinator)
    one = count_queries(client, page_url(event))
    _populate(event, 8, 3)
    assert count_queries(client, page_url(event)) == one


def test_participant_page_runs_constant_queries(client, event):
    person = _populate(event, 1, 1)[0]
    client.force_login(person)
    one = count_queries(client, page_url(event))
    for assignment in [AssignmentFactory(event=event) for _ in range(5)]:
        SubmissionFactory(assignment=assignment, person=person, status=SubmissionStatus.REDO)
        SubmissionFactory(assignment=assignment, person=person)
    _populate(event, 5, 2)  # other people's work does not cost queries either
    assert count_queries(client, page_url(event)) == one


def test_page_in_lithuanian(client, event):
    AssignmentFactory(event=event)
    client.force_login(participant(event))
    page = client.get(f"/lt/homework/events/{event.slug}/").text
    assert "Namų darbai" in page and "Pateikti" in page
