"""One person hands in many times at once; two teachers review at once (real PostgreSQL)."""

import pytest

from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.models import Submission
from kaimolink.homework.services import HomeworkError, submission_create, submission_review
from tests.events.factories import EventFactory
from tests.events.test_concurrency import run_at_once
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.homework.factories import AssignmentFactory, participant

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_simultaneous_hand_ins_leave_one_waiting():
    event = EventFactory(trainer=UserFactory())
    assignment = AssignmentFactory(event=event)
    person = participant(event)

    def hand_in(n):
        return submission_create(assignment=assignment, person=person, text=f"Bandymas {n}")

    outcomes = run_at_once(hand_in, range(12))
    created = [o for o in outcomes if isinstance(o, Submission)]
    refused = [o for o in outcomes if isinstance(o, HomeworkError)]
    assert len(created) == 1 and len(refused) == 11, outcomes
    assert Submission.objects.filter(person=person).count() == 1


def test_simultaneous_reviews_apply_once():
    lag = LagFactory()
    event = EventFactory(lags=[lag], trainer=UserFactory())
    submission = submission_create(
        assignment=AssignmentFactory(event=event), person=participant(event), text="Atsakymas"
    )
    reviewers = [event.trainer, make_coordinator(lag), make_coordinator(lag)]

    def review(by):
        return submission_review(submission=submission, by=by, status="accepted")

    outcomes = run_at_once(review, reviewers)
    assert sum(isinstance(o, Submission) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, HomeworkError) for o in outcomes) == 2, outcomes
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
