"""Whether an answer is right, for each kind of question; every question is worth one point.

Multiple choice is all or nothing: the point is given when the chosen options are exactly
the correct ones. Partial credit (a point share per option, minus for wrong ones) is what
Moodle offers, but it rewards ticking everything and makes a pass mark harder to read;
one point for a fully right answer is simple to explain to the person and to an auditor.
A number is right when it is within the question's tolerance of the right number.
"""

from decimal import Decimal, InvalidOperation

from kaimolink.quizzes.enums import QuestionKind
from kaimolink.quizzes.models import NUMBER_DIGITS, NUMBER_PLACES

NUMBER_TEXT_MAX = 30
_NUMBER_LIMIT = Decimal(10) ** (NUMBER_DIGITS - NUMBER_PLACES)


def parse_number(text) -> Decimal:
    """A number as people type it: "12,5", "12.5", "1 500" (spaces, a comma for the point).

    Raises ValueError for anything else: text, NaN or infinity, too long, too big.
    """
    if isinstance(text, Decimal | int):
        value = Decimal(text)
    else:
        raw = str(text).strip()
        if not raw or len(raw) > NUMBER_TEXT_MAX:
            raise ValueError(raw)
        raw = raw.replace("\u00a0", "").replace(" ", "").replace(",", ".").replace("−", "-")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise ValueError(raw) from None
    if not value.is_finite() or abs(value) >= _NUMBER_LIMIT:
        raise ValueError(str(value))
    return value.quantize(Decimal(1).scaleb(-NUMBER_PLACES))


def is_right(
    question, *, correct_choice_ids: set[int], chosen: list[int], answer_true, answer_number
) -> bool:
    """Whether the answer earns the question's point (an empty answer never does)."""
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return bool(chosen) and set(chosen) == correct_choice_ids
    if kind == QuestionKind.TRUE_FALSE:
        return answer_true is not None and answer_true == question.answer_true
    if kind == QuestionKind.NUMBER:
        if answer_number is None or question.answer_number is None:
            return False
        return abs(Decimal(answer_number) - question.answer_number) <= question.tolerance
    return False
