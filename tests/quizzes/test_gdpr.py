"""A person's attempts in the GDPR export, and gone with the erasure."""

import pytest

from kaimolink.accounts import services as account_services
from kaimolink.quizzes import gdpr, services
from kaimolink.quizzes.models import Attempt, AttemptQuestion, Question
from tests.factories import UserFactory
from tests.quizzes.factories import T0, answers_for, make_bank, make_quiz, true_false

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken():
    bank, topics = make_bank({"Teisė": 2, "Tiesa": 0})
    true_false(topics["Tiesa"], "VVG strategiją tvirtina ministerija.", answer=False)
    true_false(topics["Tiesa"], "Nepanaudotas klausimas.", answer=True, active=False)
    quiz = make_quiz(bank, {topics["Teisė"]: 2, topics["Tiesa"]: 1})
    person = UserFactory()
    attempt = services.attempt_start(quiz=quiz, person=person, now=T0)
    services.attempt_submit(attempt=attempt, person=person, answers=answers_for(attempt), now=T0)
    return person, attempt


def test_export_holds_the_attempts_and_the_persons_own_answers(taken):
    person, attempt = taken
    data = gdpr.personal_data(person)
    [row] = data["quiz_attempts"]
    assert (row["test"], row["state"], row["score"], row["max_score"], row["passed"]) == (
        "Vertintojų akreditacijos testas", "submitted", 3, 3, True,
    )  # fmt: skip
    assert len(row["questions"]) == 3
    statement = next(q for q in row["questions"] if q["topic"] == "Tiesa")
    assert statement["question"] == "VVG strategiją tvirtina ministerija."
    assert statement["your_answer"] is False
    chosen = [q["your_answer"] for q in row["questions"] if q["topic"] == "Teisė"]
    assert all(a.endswith("— teisinga") for a in chosen)
    # no other question of the bank is in it
    assert "Nepanaudotas klausimas." not in str(data)
    assert gdpr.personal_data(UserFactory()) == {"quiz_attempts": []}


def test_erasure_deletes_the_attempts_and_keeps_the_bank(taken):
    person, attempt = taken
    other = UserFactory()
    kept = services.attempt_start(quiz=attempt.quiz, person=other, now=T0)
    account_services.account_erase(user=person)
    assert list(Attempt.objects.all()) == [kept]
    assert not AttemptQuestion.objects.filter(attempt_id=attempt.pk).exists()
    assert Question.objects.count() == 4


def test_export_through_the_account(taken):
    person, _ = taken
    data = account_services.personal_data_export(user=person)
    assert len(data["quiz_attempts"]) == 1
