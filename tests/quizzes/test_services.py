"""The test engine's services: drawing, the server's clock, one submit, attempts and waiting."""

import datetime
import random
from collections import Counter

import pytest

from kaimolink.quizzes import eligibility, selectors, services
from kaimolink.quizzes.enums import AttemptState
from kaimolink.quizzes.models import Attempt, AttemptQuestion, Choice
from kaimolink.quizzes.services import GRACE, AttemptTooLate, QuizError
from kaimolink.quizzes.signals import attempt_finished
from tests.factories import UserFactory
from tests.quizzes.factories import (
    T0,
    answers_for,
    items_of,
    make_bank,
    make_quiz,
    multiple,
    number,
    true_false,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def world():
    bank, topics = make_bank({"Teisė": 10, "Finansai": 6, "Etika": 4}, inactive=3)
    quiz = make_quiz(bank, {topics["Teisė"]: 4, topics["Finansai"]: 3, topics["Etika"]: 2})
    return {"bank": bank, "topics": topics, "quiz": quiz, "person": UserFactory()}


@pytest.fixture
def finished():
    """Every attempt_finished signal sent during the test."""
    sent = []

    def receiver(sender, attempt, **kwargs):
        sent.append((attempt.pk, attempt.state, attempt.passed))

    attempt_finished.connect(receiver, dispatch_uid="test-finished")
    yield sent
    attempt_finished.disconnect(dispatch_uid="test-finished")


def start(world, now=T0, rng=None, person=None):
    return services.attempt_start(
        quiz=world["quiz"], person=person or world["person"], now=now, rng=rng
    )


# --- Drawing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_draw_takes_the_count_of_each_topic_without_repeats_and_only_active(world, seed):
    attempt = start(world, rng=random.Random(seed))
    items = items_of(attempt)
    per_topic = Counter(item.question.topic.title for item in items)
    assert per_topic == {"Teisė": 4, "Finansai": 3, "Etika": 2}
    assert len({item.question_id for item in items}) == len(items) == attempt.max_score == 9
    assert all(item.question.active for item in items)
    assert [item.position for item in items] == list(range(1, 10))
    for item in items:  # the shown order is a permutation of the question's own options
        own = set(Choice.objects.filter(question=item.question).values_list("pk", flat=True))
        assert sorted(item.choice_order) == sorted(own)


def test_draw_is_random_across_attempts(world):
    drawn = set()
    for n in range(6):
        person = UserFactory()
        attempt = start(world, person=person, rng=random.Random(100 + n))
        drawn.add(tuple(item.question_id for item in items_of(attempt)))
    assert len(drawn) > 1


def test_draw_refused_when_a_topic_has_too_few_active_questions(world):
    world["topics"]["Etika"].questions.filter(active=True).update(active=False)
    with pytest.raises(QuizError, match="too few questions"):
        start(world)
    assert not Attempt.objects.exists()


def test_start_returns_the_unfinished_attempt(world):
    first = start(world)
    again = start(world, now=T0 + datetime.timedelta(minutes=5))
    assert again.pk == first.pk
    assert Attempt.objects.count() == 1


def test_start_refused_for_a_closed_quiz(world):
    world["quiz"].is_open = False
    world["quiz"].save()
    with pytest.raises(QuizError, match="closed"):
        start(world)


def test_the_database_holds_one_unfinished_attempt_per_person_and_quiz(world):
    from django.db import IntegrityError, transaction

    attempt = start(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(
            quiz=attempt.quiz,
            person=attempt.person,
            started_at=T0,
            deadline=T0 + datetime.timedelta(minutes=1),
            pass_mark_percent=50,
            max_score=1,
        )


# --- Submitting and the clock ----------------------------------------------------------------


def test_submit_in_time_scores_and_passes(world, finished):
    attempt = start(world)
    done = services.attempt_submit(
        attempt=attempt,
        person=world["person"],
        answers=answers_for(attempt),
        now=T0 + datetime.timedelta(minutes=19),
    )
    assert (done.state, done.score, done.max_score, done.passed) == ("submitted", 9, 9, True)
    assert finished == [(attempt.pk, "submitted", True)]


def test_submit_within_the_grace_is_accepted(world):
    attempt = start(world)
    moment = attempt.deadline + GRACE
    done = services.attempt_submit(
        attempt=attempt, person=world["person"], answers=answers_for(attempt), now=moment
    )
    assert done.state == AttemptState.SUBMITTED and done.score == 9


def test_time_limit_enforced_on_the_server(world, finished):
    attempt = start(world)
    late = T0 + datetime.timedelta(minutes=20) + GRACE + datetime.timedelta(seconds=1)
    with pytest.raises(AttemptTooLate, match="ran out"):
        services.attempt_submit(
            attempt=attempt, person=world["person"], answers=answers_for(attempt), now=late
        )
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.EXPIRED
    assert (attempt.score, attempt.passed, attempt.finished_at) == (0, False, attempt.deadline)
    # nothing of the late answers was kept or scored
    assert not AttemptQuestion.objects.filter(attempt=attempt, points__isnull=False).exists()
    assert all(item.chosen == [] for item in items_of(attempt))
    assert finished == [(attempt.pk, "expired", False)]


def test_a_second_submit_is_refused_and_changes_nothing(world, finished):
    attempt = start(world)
    services.attempt_submit(
        attempt=attempt, person=world["person"], answers=answers_for(attempt, right=False), now=T0
    )
    with pytest.raises(QuizError, match="already been submitted"):
        services.attempt_submit(
            attempt=attempt, person=world["person"], answers=answers_for(attempt), now=T0
        )
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (0, False)
    assert len(finished) == 1


def test_another_person_cannot_submit(world):
    attempt = start(world)
    with pytest.raises(QuizError, match="not found"):
        services.attempt_submit(attempt=attempt, person=UserFactory(), answers={}, now=T0)
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS


@pytest.mark.parametrize(
    "bad",
    [
        {99: [1]},  # no such question
        {1: [7]},  # no such option
        {1: [1, 2]},  # two answers to a single choice question
        {1: ["x"]},
        {1: True},
        "not a mapping",
    ],
)
def test_malformed_answers_refused_and_nothing_saved(world, bad):
    attempt = start(world)
    with pytest.raises(QuizError):
        services.attempt_submit(attempt=attempt, person=world["person"], answers=bad, now=T0)
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS
    assert not AttemptQuestion.objects.filter(attempt=attempt, points__isnull=False).exists()


def test_attempts_expire_closes_only_overdue_attempts(world, finished):
    old = start(world)
    fresh = start(world, person=UserFactory(), now=T0 + datetime.timedelta(minutes=15))
    now = old.deadline + GRACE + datetime.timedelta(seconds=1)
    assert services.attempts_expire(now=now) == 1
    assert services.attempts_expire(now=now) == 0  # idempotent
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.state, fresh.state) == (AttemptState.EXPIRED, AttemptState.IN_PROGRESS)
    assert finished == [(old.pk, "expired", False)]


@pytest.mark.parametrize(
    ("right", "mark", "passed"), [(6, 60, True), (5, 60, False), (9, 100, True)]
)
def test_pass_mark_is_reached_without_rounding(world, right, mark, passed):
    world["quiz"].pass_mark_percent = mark
    world["quiz"].save()
    attempt = start(world)
    good, bad = answers_for(attempt), answers_for(attempt, right=False)
    answers = {p: (good[p] if p <= right else bad[p]) for p in good}
    done = services.attempt_submit(attempt=attempt, person=world["person"], answers=answers, now=T0)
    assert (done.score, done.passed) == (right, passed)


# --- Attempts allowed and waiting ------------------------------------------------------------


def _take(world, now, *, right=False, person=None):
    attempt = start(world, now=now, person=person)
    return services.attempt_submit(
        attempt=attempt,
        person=person or world["person"],
        answers=answers_for(attempt, right=right),
        now=now + datetime.timedelta(minutes=5),
    )


def test_attempts_allowed_are_counted(world):
    world["quiz"].attempts_allowed = 2
    world["quiz"].save()
    _take(world, T0)
    _take(world, T0 + datetime.timedelta(hours=1))
    with pytest.raises(QuizError, match="all 2 attempts"):
        start(world, now=T0 + datetime.timedelta(hours=2))
    status = selectors.quiz_status_for(world["person"], world["quiz"], T0)
    assert (status.attempts_used, status.attempts_left, status.may_start) == (2, 0, False)


def test_waiting_time_between_attempts(world):
    world["quiz"].wait_hours = 24
    world["quiz"].save()
    first = _take(world, T0)
    too_soon = first.finished_at + datetime.timedelta(hours=23, minutes=59)
    with pytest.raises(QuizError, match="next attempt on"):
        start(world, now=too_soon)
    status = selectors.quiz_status_for(world["person"], world["quiz"], too_soon)
    assert status.next_allowed_at == first.finished_at + datetime.timedelta(hours=24)
    second = start(world, now=first.finished_at + datetime.timedelta(hours=24))
    assert second.pk != first.pk


def test_waiting_counts_from_the_deadline_of_an_expired_attempt(world):
    world["quiz"].wait_hours = 2
    world["quiz"].save()
    attempt = start(world)
    after = attempt.deadline + datetime.timedelta(hours=1)
    with pytest.raises(QuizError, match="next attempt on"):
        start(world, now=after)  # expires the old one first, then must wait
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.EXPIRED
    assert start(world, now=attempt.deadline + datetime.timedelta(hours=2)).pk != attempt.pk


def test_status_best_result(world):
    _take(world, T0, right=False)
    best = _take(world, T0 + datetime.timedelta(hours=1), right=True)
    status = selectors.quiz_status_for(world["person"], world["quiz"], T0)
    assert status.best.pk == best.pk
    assert [a.pk for a in selectors.attempts_of(world["person"], world["quiz"])][0] == best.pk


# --- Eligibility -----------------------------------------------------------------------------


def test_eligibility_hook_refuses_with_the_reason(world):
    allowed = UserFactory()

    def evaluators_only(quiz, person):
        return True if person == allowed else "Only evaluators of the scheme take this test."

    eligibility.register(evaluators_only)
    try:
        with pytest.raises(QuizError, match="Only evaluators"):
            start(world)
        assert start(world, person=allowed).person == allowed
        status = selectors.quiz_status_for(world["person"], world["quiz"], T0)
        assert status.refusal == "Only evaluators of the scheme take this test."
    finally:
        eligibility.unregister(evaluators_only)
    assert start(world).person == world["person"]


def test_eligibility_false_gives_a_general_reason(world):
    def nobody(quiz, person):
        return False

    eligibility.register(nobody)
    try:
        with pytest.raises(QuizError, match="not meant for you"):
            start(world)
    finally:
        eligibility.unregister(nobody)


# --- Kinds end to end ------------------------------------------------------------------------


def test_every_kind_scored_through_the_service():
    bank, topics = make_bank({"Mišrūs": 0})
    topic = topics["Mišrūs"]
    multiple(topic, "Kurie teiginiai teisingi?", right=(0, 2))
    true_false(topic, "VVG – vietos veiklos grupė.", answer=True)
    number(topic, "Kiek procentų?", answer="12.5", tolerance="0.5")
    quiz = make_quiz(bank, {topic: 3})
    person = UserFactory()
    attempt = services.attempt_start(quiz=quiz, person=person, now=T0)
    answers = answers_for(attempt)
    done = services.attempt_submit(attempt=attempt, person=person, answers=answers, now=T0)
    assert done.score == 3
