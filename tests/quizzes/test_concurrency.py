"""Two submits of one attempt at once give exactly one result (real PostgreSQL threads).

The row lock of services.attempt_submit makes the second submit wait and then see the
attempt finished. Without it (select_for_update switched off) both read "in progress",
both score and both announce a finished attempt: two results, two accreditations.
"""

import threading

import pytest

from kaimolink.quizzes import services
from kaimolink.quizzes.models import Attempt
from kaimolink.quizzes.signals import attempt_finished
from tests.concurrency import at_once, run_at_once
from tests.factories import UserFactory
from tests.quizzes.factories import answers_for, make_bank, make_quiz

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def outcome(result) -> str:
    if isinstance(result, services.QuizError):
        return "refused"
    return "ok" if isinstance(result, Attempt) else type(result).__name__


@pytest.mark.parametrize("with_lock", [True, False])
def test_two_submits_at_once_give_one_result(monkeypatch, with_lock):
    bank, topics = make_bank({"Teisė": 5})
    quiz = make_quiz(bank, {topics["Teisė"]: 5})
    person = UserFactory()
    attempt = services.attempt_start(quiz=quiz, person=person)
    answers = [answers_for(attempt), answers_for(attempt, right=False)]
    finished = []
    lock = threading.Lock()

    def receiver(sender, attempt, **kwargs):
        with lock:
            finished.append(attempt.score)

    attempt_finished.connect(receiver, dispatch_uid="race-finished")
    try:
        results = at_once(
            monkeypatch,
            Attempt,
            lambda a: services.attempt_submit(attempt=attempt, person=person, answers=a),
            answers,
            with_lock=with_lock,
        )
    finally:
        attempt_finished.disconnect(dispatch_uid="race-finished")
    attempt.refresh_from_db()
    if with_lock:
        assert sorted(outcome(r) for r in results) == ["ok", "refused"]
        assert finished == [attempt.score]
    else:  # the race is real: without the lock the attempt is scored and announced twice
        assert [outcome(r) for r in results] == ["ok", "ok"]
        assert sorted(finished) == [0, 5]


def test_two_starts_at_once_make_one_attempt():
    bank, topics = make_bank({"Teisė": 5})
    quiz = make_quiz(bank, {topics["Teisė"]: 3})
    person = UserFactory()
    results = run_at_once(lambda _n: services.attempt_start(quiz=quiz, person=person), [1, 2, 3])
    assert all(isinstance(r, Attempt) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Attempt.objects.filter(person=person).count() == 1
