"""The staff's admin: options fit the kind, draw counts fit the bank, attempts read only."""

import pytest

from kaimolink.quizzes import services
from kaimolink.quizzes.models import DrawRule, Question
from tests.factories import UserFactory
from tests.quizzes.factories import make_bank, make_quiz

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ADMIN = "/en/admin/quizzes"


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def management(prefix, rows, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(rows),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def question_post(topic, kind, options, **fields):
    data = {"topic": topic.pk, "kind": kind, "text": "Kas tvirtina VVG strategiją?",
            "explanation": "", "answer_true": "", "answer_number": "", "tolerance": "0",
            "active": "on", **management("choices", len(options))}  # fmt: skip
    for n, (text, correct) in enumerate(options):
        data[f"choices-{n}-text"] = text
        if correct:
            data[f"choices-{n}-correct"] = "on"
    data.update(fields)
    return data


@pytest.mark.parametrize(
    ("kind", "options", "fields", "saved"),
    [
        ("single", [("Ministerija", True), ("Savivaldybė", False)], {}, True),
        ("single", [("Ministerija", True), ("Savivaldybė", True)], {}, False),
        ("single", [("Ministerija", False), ("Savivaldybė", False)], {}, False),
        ("multiple", [("A", True), ("B", True), ("C", False)], {}, True),
        ("multiple", [("A", False), ("B", False)], {}, False),
        ("true_false", [], {"answer_true": "true"}, True),
        ("true_false", [], {}, False),  # the answer is missing
        ("true_false", [("Taip", True), ("Ne", False)], {"answer_true": "true"}, False),
        ("number", [], {"answer_number": "49"}, True),
        ("number", [], {}, False),
    ],
)
def test_question_options_must_fit_the_kind(client, staff, kind, options, fields, saved):
    _, topics = make_bank({"Teisė": 0})
    data = question_post(topics["Teisė"], kind, options, **fields)
    response = client.post(f"{ADMIN}/question/add/", data)
    assert (response.status_code == 302) is saved, response.content.decode()[:3000]
    assert Question.objects.exists() is saved


def quiz_post(bank, rules, **fields):
    data = {"title": "Testas", "slug": "testas", "description": "", "bank": bank.pk,
            "time_limit_minutes": "20", "pass_mark_percent": "60", "attempts_allowed": "0",
            "wait_hours": "0", "is_open": "on", **management("draw_rules", len(rules))}  # fmt: skip
    for n, (topic, count) in enumerate(rules):
        data[f"draw_rules-{n}-topic"] = topic.pk
        data[f"draw_rules-{n}-count"] = str(count)
    data.update(fields)
    return data


def test_a_draw_count_cannot_exceed_the_questions_in_use(client, staff):
    bank, topics = make_bank({"Teisė": 3}, inactive=4)
    response = client.post(f"{ADMIN}/quiz/add/", quiz_post(bank, [(topics["Teisė"], 4)]))
    assert response.status_code == 200
    assert "only 3 questions in use" in response.content.decode()
    assert not DrawRule.objects.exists()
    response = client.post(f"{ADMIN}/quiz/add/", quiz_post(bank, [(topics["Teisė"], 3)]))
    assert response.status_code == 302
    assert DrawRule.objects.get().count == 3


def test_a_draw_rule_takes_topics_of_the_quizs_bank(client, staff):
    bank, _ = make_bank({"Teisė": 3})
    _, others = make_bank({"Svetima": 3}, title="Kitas bankas")
    response = client.post(f"{ADMIN}/quiz/add/", quiz_post(bank, [(others["Svetima"], 1)]))
    assert "Choose a topic of the test" in response.content.decode()
    assert not DrawRule.objects.exists()


def test_attempts_are_read_only(client, staff):
    bank, topics = make_bank({"Teisė": 3})
    quiz = make_quiz(bank, {topics["Teisė"]: 2})
    attempt = services.attempt_start(quiz=quiz, person=UserFactory())
    page = client.get(f"{ADMIN}/attempt/{attempt.pk}/change/")
    assert page.status_code == 200
    assert 'name="score"' not in page.content.decode()
    assert client.get(f"{ADMIN}/attempt/add/").status_code == 403
    assert client.post(f"{ADMIN}/attempt/{attempt.pk}/delete/", {"post": "yes"}).status_code == 403
