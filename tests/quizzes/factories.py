"""Question banks, tests and answers built through the models, for the quizzes tests."""

import datetime
from decimal import Decimal

from kaimolink.quizzes.enums import QuestionKind
from kaimolink.quizzes.models import (
    AttemptQuestion,
    Bank,
    Choice,
    DrawRule,
    Question,
    Quiz,
    Topic,
)

T0 = datetime.datetime(2026, 5, 14, 9, 0, tzinfo=datetime.UTC)


def single(topic, text, options=("Taip", "Ne", "Nežinau"), right=0, active=True) -> Question:
    q = Question.objects.create(topic=topic, kind=QuestionKind.SINGLE, text=text, active=active)
    for n, option in enumerate(options):
        Choice.objects.create(question=q, text=option, correct=n == right)
    return q


def multiple(topic, text, options=("A", "B", "C", "D"), right=(0, 2), active=True) -> Question:
    q = Question.objects.create(topic=topic, kind=QuestionKind.MULTIPLE, text=text, active=active)
    for n, option in enumerate(options):
        Choice.objects.create(question=q, text=option, correct=n in right)
    return q


def true_false(topic, text, answer=True, active=True) -> Question:
    return Question.objects.create(
        topic=topic, kind=QuestionKind.TRUE_FALSE, text=text, answer_true=answer, active=active
    )


def number(topic, text, answer="12.5", tolerance="0", active=True) -> Question:
    return Question.objects.create(
        topic=topic,
        kind=QuestionKind.NUMBER,
        text=text,
        answer_number=Decimal(answer),
        tolerance=Decimal(tolerance),
        active=active,
    )


def make_bank(sizes: dict[str, int], *, inactive: int = 0, title="Vertintojų klausimynas"):
    """A bank with single choice questions: `sizes` {topic title: active questions}, plus
    `inactive` questions out of use in each topic. Every text is unique (the exposure tests
    look for them in pages); the right option's text is the question's text + " — teisinga"."""
    bank = Bank.objects.create(title=title)
    topics = {}
    for title_ in sizes:
        topic = Topic.objects.create(bank=bank, title=title_)
        topics[title_] = topic
        for n in range(sizes[title_] + inactive):
            text = f"{title_}: klausimas nr. {n + 1}?"
            single(
                topic,
                text,
                options=[f"{text} — teisinga", f"{text} — klaidinga", f"{text} — netiesa"],
                right=0,
                active=n < sizes[title_],
            )
    return bank, topics


def make_quiz(bank, draws: dict, *, slug="vertintoju-testas", **kwargs) -> Quiz:
    fields = {
        "title": "Vertintojų akreditacijos testas",
        "time_limit_minutes": 20,
        "pass_mark_percent": 60,
        "attempts_allowed": 0,
        "wait_hours": 0,
        "is_open": True,
    }
    fields.update(kwargs)
    quiz = Quiz.objects.create(bank=bank, slug=slug, **fields)
    for topic, count in draws.items():
        DrawRule.objects.create(quiz=quiz, topic=topic, count=count)
    return quiz


def items_of(attempt) -> list[AttemptQuestion]:
    return list(attempt.items.select_related("question").order_by("position"))


def answers_for(attempt, *, right: bool = True) -> dict:
    """Answers (as services.attempt_submit takes them) that are all right, or all wrong."""
    answers = {}
    for item in items_of(attempt):
        q = item.question
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            correct = set(q.choices.filter(correct=True).values_list("pk", flat=True))
            places = [
                n for n, cid in enumerate(item.choice_order, start=1) if (cid in correct) == right
            ]
            answers[item.position] = places[:1] if q.kind == QuestionKind.SINGLE else places
        elif q.kind == QuestionKind.TRUE_FALSE:
            answers[item.position] = q.answer_true if right else not q.answer_true
        else:
            answers[item.position] = q.answer_number + (0 if right else q.tolerance + 1)
    return answers


def post_data(answers: dict) -> dict:
    """The attempt page's POST for `answers` (True/False are the places 1 and 2)."""
    data = {}
    for position, value in answers.items():
        if isinstance(value, bool):
            data[f"q{position}"] = "1" if value else "2"
        elif isinstance(value, list):
            data[f"q{position}"] = [str(v) for v in value]
        else:
            data[f"q{position}"] = str(value).replace(".", ",")
    return data
