"""The pages of a test: rules, attempt, submit, result, my tests; the bank never leaks."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kaimolink.quizzes import services
from kaimolink.quizzes.enums import AttemptState
from kaimolink.quizzes.models import Attempt, AttemptQuestion, Choice, Question
from kaimolink.quizzes.services import GRACE
from tests.factories import UserFactory
from tests.helpers.queries import count_queries
from tests.quizzes.factories import answers_for, make_bank, make_quiz, number, post_data

pytestmark = [pytest.mark.django_db]


def url(name, **kwargs):
    return "/en" + reverse(f"quizzes:{name}", kwargs=kwargs)[3:]


@pytest.fixture
def world(client):
    # a big bank (3 × 40 questions in use, 5 out of use each) and a test of 6 questions
    bank, topics = make_bank({"Teisė": 40, "Finansai": 40, "Etika": 40}, inactive=5)
    quiz = make_quiz(bank, {t: 2 for t in topics.values()})
    person = UserFactory()
    client.force_login(person)
    return {"bank": bank, "topics": topics, "quiz": quiz, "person": person}


def started(world, person=None) -> Attempt:
    return services.attempt_start(quiz=world["quiz"], person=person or world["person"])


def drawn_ids(attempt) -> set[int]:
    return set(AttemptQuestion.objects.filter(attempt=attempt).values_list("question", flat=True))


# --- Who sees what ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("mine", {}), ("quiz", {"slug": "vertintoju-testas"}), ("attempt", {"pk": 1})],
)
def test_pages_need_a_login(client, name, kwargs):
    response = client.get(url(name, **kwargs))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_quiz_page_shows_the_rules_and_start(client, world):
    world["quiz"].attempts_allowed = 3
    world["quiz"].save()
    response = client.get(url("quiz", slug="vertintoju-testas"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "20 minutes" in html and "60 % of the questions" in html and "3 of 3 left" in html
    assert 'action="/en/tests/vertintoju-testas/start/"' in html
    assert client.get(url("quiz", slug="no-such-test")).status_code == 404


def test_start_then_the_attempt_page(client, world):
    response = client.post(url("start", slug="vertintoju-testas"))
    attempt = Attempt.objects.get(person=world["person"])
    assert response.status_code == 302
    assert response["Location"] == url("attempt", pk=attempt.pk)
    page = client.get(response["Location"]).content.decode()
    deadline = timezone.localtime(attempt.deadline).strftime("%H:%M")
    assert f"Finish by {deadline}" in page
    assert 'src="/static/quizzes/countdown.js"' in page
    # the quiz page now offers to continue, not to start again
    again = client.get(url("quiz", slug="vertintoju-testas")).content.decode()
    assert "Continue the test" in again and "/start/" not in again


def test_start_refused_with_the_reason_on_the_page(client, world):
    world["quiz"].is_open = False
    world["quiz"].save()
    response = client.post(url("start", slug="vertintoju-testas"))
    assert response.status_code == 400
    assert "This test is closed." in response.content.decode()
    assert not Attempt.objects.exists()


def test_another_persons_attempt_answers_404(client, world):
    attempt = started(world, person=UserFactory())
    assert client.get(url("attempt", pk=attempt.pk)).status_code == 404
    assert client.get(url("result", pk=attempt.pk)).status_code == 404
    assert client.post(url("submit", pk=attempt.pk), {"q1": "1"}).status_code == 404
    assert client.get(url("attempt", pk=999_999)).status_code == 404
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS


# --- The bank is not exposed -----------------------------------------------------------------


def test_attempt_page_shows_only_the_drawn_questions_and_no_answers(client, world):
    attempt = started(world)
    html = client.get(url("attempt", pk=attempt.pk)).content.decode()
    drawn = drawn_ids(attempt)
    assert len(drawn) == 6
    for question in Question.objects.all():
        assert (question.text in html) is (question.pk in drawn), question.text
    for choice in Choice.objects.exclude(question__in=drawn):
        assert choice.text not in html
    assert "correct" not in html.lower()
    # options are named by their place, never by an id of the bank
    values = re.findall(r'name="q(\d+)" value="([^"]*)"', html)
    assert len(values) == 6 * 3
    assert {v for _, v in values} == {"1", "2", "3"}
    assert {int(p) for p, _ in values} == set(range(1, 7))


def test_result_lists_wrong_questions_without_the_right_answers(client, world):
    attempt = started(world)
    good, bad = answers_for(attempt), answers_for(attempt, right=False)
    answers = {p: (good[p] if p <= 2 else bad[p]) for p in good}
    response = client.post(url("submit", pk=attempt.pk), post_data(answers))
    assert response["Location"] == url("result", pk=attempt.pk)
    html = client.get(response["Location"]).content.decode()
    items = {i.position: i.question for i in AttemptQuestion.objects.filter(attempt=attempt)}
    assert "Not passed" in html and "2 of 6 (33 %)" in html
    for position, question in items.items():
        assert (question.text in html) is (position > 2), position
    for choice in Choice.objects.all():  # no option at all: not the right one, not theirs
        assert choice.text not in html
    assert "correct" not in html.lower()


# --- Submitting ------------------------------------------------------------------------------


def test_submit_then_a_second_submit_is_refused(client, world):
    attempt = started(world)
    first = client.post(url("submit", pk=attempt.pk), post_data(answers_for(attempt)))
    assert first.status_code == 302
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score, attempt.passed) == ("submitted", 6, True)
    second = client.post(
        url("submit", pk=attempt.pk), post_data(answers_for(attempt, right=False)), follow=True
    )
    assert "already been submitted" in second.content.decode()
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (6, True)


def test_submit_after_the_deadline_is_refused_and_closes_the_attempt(client, world):
    attempt = started(world)
    now = timezone.now()
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=now - datetime.timedelta(minutes=21),
        deadline=now - GRACE - datetime.timedelta(seconds=1),
    )
    response = client.post(
        url("submit", pk=attempt.pk), post_data(answers_for(attempt)), follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == url("result", pk=attempt.pk)
    assert "answers sent later are not accepted" in html
    assert "The time ran out before the answers were submitted" in html
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score, attempt.passed) == ("expired", 0, False)
    assert not AttemptQuestion.objects.filter(attempt=attempt, points__isnull=False).exists()


def test_the_attempt_page_of_an_overdue_attempt_shows_the_result(client, world):
    attempt = started(world)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=2),
        deadline=timezone.now() - datetime.timedelta(hours=1),
    )
    response = client.get(url("attempt", pk=attempt.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("result", pk=attempt.pk)
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.EXPIRED


@pytest.fixture
def mixed(client):
    """A test of one single choice and one number question, in a known order."""
    bank, topics = make_bank({"Vienas": 1})
    numbers = topics["Vienas"].bank.topics.create(title="Skaičiai")
    number(numbers, "Kiek VVG Lietuvoje?", answer="49")
    quiz = make_quiz(bank, {topics["Vienas"]: 1, numbers: 1}, slug="misrus")
    person = UserFactory()
    client.force_login(person)
    attempt = services.attempt_start(quiz=quiz, person=person)
    items = AttemptQuestion.objects.filter(attempt=attempt).select_related("question")
    places = {item.question.kind: f"q{item.position}" for item in items}
    return attempt, places


@pytest.mark.parametrize(
    "bad",
    [
        {"single": "999"},  # no such option
        {"single": "4"},  # an option the other question would have
        {"single": "-1"},
        {"single": "1 OR 1=1"},
        {"number": "keturiasdešimt devyni"},  # text in a number field
        {"number": "NaN"},
        {"number": "9" * 100_000},  # huge
        {"single": "x" * 100_000},
    ],
)
def test_malformed_post_is_a_form_error_and_changes_nothing(client, mixed, bad):
    attempt, places = mixed
    data = {places[kind]: value for kind, value in bad.items()}
    response = client.post(url("submit", pk=attempt.pk), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS
    assert not AttemptQuestion.objects.filter(attempt=attempt, points__isnull=False).exists()


def test_a_number_typed_with_a_comma_is_right(client, mixed):
    attempt, places = mixed
    client.post(url("submit", pk=attempt.pk), {places["number"]: "49,0"})
    attempt.refresh_from_db()
    assert attempt.score == 1  # the number; the choice was left unanswered


def test_submit_only_by_post(client, mixed):
    attempt, _ = mixed
    assert client.get(url("submit", pk=attempt.pk)).status_code == 405


# --- My tests and query counts ---------------------------------------------------------------


def test_my_tests_lists_my_attempts_only(client, world):
    mine = started(world)
    other = started(world, person=UserFactory())
    html = client.get(url("mine")).content.decode()
    assert url("attempt", pk=mine.pk) in html
    assert url("attempt", pk=other.pk) not in html


def _test_of(size: int, slug: str):
    bank, topics = make_bank({"T": size}, title=f"Bankas {slug}")
    return make_quiz(bank, {topics["T"]: size}, slug=slug)


def test_attempt_and_result_pages_cost_the_same_for_5_and_20_questions(client):
    person = UserFactory()
    client.force_login(person)
    counts = []
    for size in (5, 20):
        quiz = _test_of(size, f"t{size}")
        attempt = services.attempt_start(quiz=quiz, person=person)
        on_attempt = count_queries(client, url("attempt", pk=attempt.pk))
        services.attempt_submit(attempt=attempt, person=person, answers={})
        on_result = count_queries(client, url("result", pk=attempt.pk))
        counts.append((on_attempt, on_result))
    assert counts[0] == counts[1]


def test_my_tests_costs_the_same_for_1_and_many_attempts(client):
    person = UserFactory()
    client.force_login(person)
    first = _test_of(2, "first")
    services.attempt_start(quiz=first, person=person)
    one = count_queries(client, url("mine"))
    for n in range(6):
        services.attempt_start(quiz=_test_of(2, f"more{n}"), person=person)
    assert count_queries(client, url("mine")) == one
