"""A refused hand-in or review comes back with what the person had written."""

import pytest

from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.models import Submission
from tests.events.factories import EventFactory
from tests.factories import LagFactory, UserFactory
from tests.files import upload
from tests.homework.factories import AssignmentFactory, SubmissionFactory, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(lags=[LagFactory()], trainer=UserFactory())


def test_refused_hand_in_keeps_the_written_answer(client, event):
    assignment = AssignmentFactory(event=event)
    client.force_login(participant(event))
    answer = "Mano ilgas atsakymas apie ūkio rinkodarą"
    response = client.post(
        f"/en/homework/assignments/{assignment.pk}/submit/",
        {"text": answer, "file": upload("virusas.pdf", b"MZ not a pdf at all")},
    )
    assert response.status_code == 409
    assert "not a PDF file" in response.text
    assert f"{answer}</textarea>" in response.text
    assert not Submission.objects.exists()


def test_refused_hand_in_keeps_the_answer_of_that_assignment_only(client, event):
    first, second = AssignmentFactory(event=event), AssignmentFactory(event=event)
    client.force_login(participant(event))
    response = client.post(
        f"/en/homework/assignments/{first.pk}/submit/",
        {"text": "Pirmos užduoties atsakymas", "file": upload("x.exe", b"MZ")},
    )
    assert response.status_code == 409
    page = response.text
    first_form = page.split(f'id="id_text_{first.pk}"', 1)[1].split("</textarea>", 1)[0]
    second_form = page.split(f'id="id_text_{second.pk}"', 1)[1].split("</textarea>", 1)[0]
    assert "Pirmos užduoties atsakymas" in first_form
    assert "Pirmos užduoties atsakymas" not in second_form


def test_refused_review_keeps_the_feedback_and_the_decision(client, event):
    submission = SubmissionFactory(assignment=AssignmentFactory(event=event))
    client.force_login(event.trainer)
    feedback = "Gerai, bet trūksta išvadų " + "ž" * 20_000  # too long
    response = client.post(
        f"/en/homework/submissions/{submission.pk}/review/",
        {"status": SubmissionStatus.REDO, "feedback": feedback},
    )
    assert response.status_code == 400
    assert feedback in response.text
    assert f'value="redo" id="id_status_{submission.pk}_redo" required checked' in response.text
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED and submission.feedback == ""
