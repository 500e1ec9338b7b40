"""A person's test attempts, for the GDPR export and erasure.

Export (`personal_data`): `quiz_attempts`: for each attempt the test, when it started and
ended, how it ended, the score and whether it passed, and for each drawn question its
topic, its text, the person's own answer and whether it earned the point. A person's
answers to an examination are their personal data (CJEU C-434/16, Nowak), and the
questions in it are the ones they were shown; the export holds no other question of the
bank and never says which option was the right one.

Erasure (`erase`, before the account row is deleted): the attempts are deleted with their
answers (the database would CASCADE too; doing it here keeps it visible). An app above
that keeps something about a passed test (an accreditation) erases its own part first.
"""

from django.db import transaction

from kaimolink.quizzes.enums import QuestionKind
from kaimolink.quizzes.models import Attempt, AttemptQuestion, Choice


def _at(value):
    return value.isoformat() if value else None


def _answer(item, texts) -> str | bool | None:
    """The person's answer: the chosen options' texts, true/false, or the number typed."""
    kind = item.question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return "; ".join(texts.get(cid, "?") for cid in item.chosen) or None
    if kind == QuestionKind.TRUE_FALSE:
        return item.answer_true
    return None if item.answer_number is None else str(item.answer_number.normalize())


def personal_data(user) -> dict:
    attempts = list(Attempt.objects.filter(person=user).select_related("quiz").order_by("id"))
    items = list(
        AttemptQuestion.objects.filter(attempt__person=user)
        .select_related("question__topic")
        .order_by("attempt_id", "position")
    )
    chosen = {cid for item in items for cid in item.chosen}
    texts = dict(Choice.objects.filter(pk__in=chosen).values_list("pk", "text"))
    by_attempt: dict[int, list] = {}
    for item in items:
        by_attempt.setdefault(item.attempt_id, []).append(
            {
                "topic": item.question.topic.title,
                "question": item.question.text,
                "your_answer": _answer(item, texts),
                "point": item.points,
            }
        )
    return {
        "quiz_attempts": [
            {
                "test": a.quiz.title,
                "state": a.state,
                "started_at": _at(a.started_at),
                "deadline": _at(a.deadline),
                "finished_at": _at(a.finished_at),
                "score": a.score,
                "max_score": a.max_score,
                "pass_mark_percent": a.pass_mark_percent,
                "passed": a.passed,
                "questions": by_attempt.get(a.pk, []),
            }
            for a in attempts
        ]
    }


@transaction.atomic
def erase(user) -> None:
    """Delete the person's attempts and their answers."""
    Attempt.objects.filter(person=user).delete()
