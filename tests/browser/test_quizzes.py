"""Taking a test on a phone: start, answer every kind of question, submit, see the result."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in, sideways, translated, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def quiz(transactional_db):
    from tests.quizzes.factories import make_bank, make_quiz, multiple, number, true_false

    bank, topics = make_bank({"Teisė": 6})
    other = bank.topics.create(title="Kiti klausimai")
    multiple(
        other,
        "Kurie dokumentai reikalingi paraiškai?",
        options=("Verslo planas", "Gimimo liudijimas", "Sąmata", "Vairuotojo pažymėjimas"),
        right=(0, 2),
    )
    true_false(other, "VVG strategiją tvirtina ministerija.", answer=True)
    number(other, "Kiek procentų sudaro nuosavas įnašas?", answer="20", tolerance="0")
    return make_quiz(bank, {topics["Teisė"]: 2, other: 3}, pass_mark_percent=80)


@pytest.fixture
def person(transactional_db):
    from tests.factories import UserFactory

    return verified_user(UserFactory(email="vertintoja@example.lt"))


def _answer_right(page, attempt):
    """Tick the right options, as a person who studied would."""
    from kaimolink.quizzes.enums import QuestionKind

    for item in attempt.items.select_related("question").order_by("position"):
        q = item.question
        group = page.locator(f"#id_q{item.position}-group")
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            for choice in q.choices.filter(correct=True):
                group.get_by_label(choice.text, exact=True).check()
        elif q.kind == QuestionKind.TRUE_FALSE:
            label = "True" if q.answer_true else "False"
            group.get_by_label(translated("lt", label), exact=True).check()
        else:
            group.get_by_role("textbox").fill("20")


def test_take_a_test_on_a_phone_and_see_the_result(live_server, new_context, guard, quiz, person):
    from kaimolink.quizzes.models import Attempt

    base = live_server.url
    page = new_context(viewport=PHONE).new_page()
    log_in(page, base, person.email)
    page.goto(f"{base}/lt/tests/{quiz.slug}/")
    expect(page.locator("h1")).to_have_text(quiz.title)
    assert sideways(page) is None
    page.get_by_role("button", name=translated("lt", "Start the test")).click()
    expect(page).to_have_url(re.compile(r"/lt/tests/attempts/\d+/$"))
    attempt = Attempt.objects.get(person=person)
    # the countdown runs (countdown.js) next to the server's deadline
    expect(page.locator("[data-countdown]")).to_be_visible()
    expect(page.locator("[data-countdown]")).to_contain_text(re.compile(r"\d+:\d\d"))
    assert page.locator("fieldset, .field").count() >= 5
    assert sideways(page) is None
    _answer_right(page, attempt)
    page.get_by_role("button", name=translated("lt", "Submit the answers")).click()
    expect(page).to_have_url(re.compile(rf"/lt/tests/attempts/{attempt.pk}/result/$"))
    expect(page.locator(".panel strong").first).to_have_text(translated("lt", "Passed"))
    expect(page.locator("main")).to_contain_text("5")
    assert sideways(page) is None
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score, attempt.passed) == ("submitted", 5, True)
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_the_countdown_sends_the_form_at_zero(live_server, new_context, guard, quiz, person):
    from kaimolink.quizzes import services
    from kaimolink.quizzes.models import Attempt

    attempt = services.attempt_start(quiz=quiz, person=person)
    # three seconds left: the countdown reaches zero and sends the (empty) answers in time
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() + datetime.timedelta(seconds=3)
    )
    page = new_context(viewport=PHONE).new_page()
    log_in(page, live_server.url, person.email)
    page.goto(f"{live_server.url}/lt/tests/attempts/{attempt.pk}/")
    expect(page).to_have_url(re.compile(rf"/attempts/{attempt.pk}/result/$"))
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score) == ("submitted", 0)
    assert guard.foreign_requests == []
    assert guard.page_errors == []


def test_late_answers_refused_without_javascript(live_server, new_context, guard, quiz, person):
    from kaimolink.quizzes import services
    from kaimolink.quizzes.models import Attempt

    attempt = services.attempt_start(quiz=quiz, person=person)
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    log_in(page, live_server.url, person.email)
    page.goto(f"{live_server.url}/lt/tests/attempts/{attempt.pk}/")
    _answer_right(page, attempt)
    # the person lingers past the deadline and the grace
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=30),
        deadline=timezone.now() - datetime.timedelta(minutes=1),
    )
    page.get_by_role("button", name=translated("lt", "Submit the answers")).click()
    expect(page).to_have_url(re.compile(rf"/attempts/{attempt.pk}/result/$"))
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator(".panel strong").first).to_have_text(translated("lt", "Not passed"))
    attempt.refresh_from_db()
    assert (attempt.state, attempt.score) == ("expired", 0)
    assert guard.foreign_requests == []


def test_quiz_pages_have_no_serious_accessibility_violations(
    live_server, new_context, guard, quiz, person
):
    from kaimolink.quizzes import services
    from tests.browser.test_accessibility import _blocking_violations, _describe

    attempt = services.attempt_start(quiz=quiz, person=person)
    page = new_context(viewport=PHONE).new_page()
    log_in(page, live_server.url, person.email)
    for path in ("tests/", f"tests/{quiz.slug}/", f"tests/attempts/{attempt.pk}/"):
        page.goto(f"{live_server.url}/lt/{path}")
        blocking = _blocking_violations(page)
        assert blocking == [], f"{path}: {_describe(blocking)}"
    page.get_by_role("button", name=translated("lt", "Submit the answers")).click()
    expect(page).to_have_url(re.compile(r"/result/$"))
    expect(page.locator(".messages li")).to_have_count(1)  # checked with its flash message
    blocking = _blocking_violations(page)
    assert blocking == [], _describe(blocking)
    assert guard.foreign_requests == []
    assert guard.page_errors == []
