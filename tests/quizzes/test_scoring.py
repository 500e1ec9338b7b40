"""Whether an answer is right, per kind (one point each; multiple choice all or nothing)."""

from decimal import Decimal

import pytest

from kaimolink.quizzes.enums import QuestionKind
from kaimolink.quizzes.models import Question, choices_problem
from kaimolink.quizzes.scoring import is_right, parse_number

CORRECT = {1, 3}


def q(kind, **fields):
    return Question(kind=kind, text="?", **fields)


@pytest.mark.parametrize(
    ("question", "chosen", "answer_true", "answer_number", "right"),
    [
        (q(QuestionKind.SINGLE), [1], None, None, True),
        (q(QuestionKind.SINGLE), [2], None, None, False),
        (q(QuestionKind.SINGLE), [], None, None, False),
        (q(QuestionKind.MULTIPLE), [1, 3], None, None, True),
        (q(QuestionKind.MULTIPLE), [3, 1], None, None, True),
        (q(QuestionKind.MULTIPLE), [1], None, None, False),  # all or nothing
        (q(QuestionKind.MULTIPLE), [1, 2, 3], None, None, False),
        (q(QuestionKind.MULTIPLE), [], None, None, False),
        (q(QuestionKind.TRUE_FALSE, answer_true=True), [], True, None, True),
        (q(QuestionKind.TRUE_FALSE, answer_true=True), [], False, None, False),
        (q(QuestionKind.TRUE_FALSE, answer_true=False), [], False, None, True),
        (q(QuestionKind.TRUE_FALSE, answer_true=False), [], None, None, False),
        (q(QuestionKind.NUMBER, answer_number=Decimal("12.5")), [], None, Decimal("12.5"), True),
        (q(QuestionKind.NUMBER, answer_number=Decimal("12.5")), [], None, Decimal("12.6"), False),
        (
            q(QuestionKind.NUMBER, answer_number=Decimal("12.5"), tolerance=Decimal("0.5")),
            [],
            None,
            Decimal("13.0"),
            True,
        ),
        (
            q(QuestionKind.NUMBER, answer_number=Decimal("12.5"), tolerance=Decimal("0.5")),
            [],
            None,
            Decimal("13.01"),
            False,
        ),
        (q(QuestionKind.NUMBER, answer_number=Decimal("0")), [], None, None, False),
    ],
)
def test_is_right(question, chosen, answer_true, answer_number, right):
    got = is_right(
        question,
        correct_choice_ids=CORRECT if question.kind == QuestionKind.MULTIPLE else {1},
        chosen=chosen,
        answer_true=answer_true,
        answer_number=answer_number,
    )
    assert got is right


@pytest.mark.parametrize(
    ("text", "value"),
    [("12,5", "12.5"), ("12.5", "12.5"), (" 1 500 ", "1500"), ("1\u00a0500,25", "1500.25"),
     ("-3", "-3"), ("−3", "-3"), ("0", "0")],
)  # fmt: skip
def test_parse_number_reads_what_people_type(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "NaN", "Infinity", "1e400", "9" * 31, "1e10"])
def test_parse_number_refuses_the_rest(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("kind", "flags", "ok"),
    [
        (QuestionKind.SINGLE, [True, False], True),
        (QuestionKind.SINGLE, [True, True], False),
        (QuestionKind.SINGLE, [False, False], False),
        (QuestionKind.SINGLE, [True], False),
        (QuestionKind.MULTIPLE, [True, True, False], True),
        (QuestionKind.MULTIPLE, [False, False], False),
        (QuestionKind.TRUE_FALSE, [], True),
        (QuestionKind.TRUE_FALSE, [True, False], False),
        (QuestionKind.NUMBER, [], True),
    ],
)
def test_choices_problem(kind, flags, ok):
    assert (choices_problem(kind, flags) is None) is ok
