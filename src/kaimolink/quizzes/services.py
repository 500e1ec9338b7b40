"""Every write of quizzes: start an attempt, submit it, expire the overdue ones.

The server is the authority on time. `attempt_start` fixes the deadline; `attempt_submit`
accepts answers until the deadline plus `GRACE` and refuses later ones: the attempt is then
closed as expired (score 0, failed) and `AttemptTooLate` is raised after the close is
committed. An attempt ends once (the row lock in `attempt_submit`, the allowed transitions
in `TRANSITIONS`); `signals.attempt_finished` is sent when it ends.

Locks: `attempt_start` locks the person's account row (one start at a time per person, so
the attempt count, the waiting time and the one-unfinished rule are checked and written as
one); `attempt_submit` and `attempts_expire` lock the attempt row.
"""

import datetime
import random
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimolink.core.ratelimit import lock_person
from kaimolink.quizzes import scoring, selectors
from kaimolink.quizzes.enums import AttemptState, QuestionKind
from kaimolink.quizzes.models import Attempt, AttemptQuestion, Choice, Question, Quiz
from kaimolink.quizzes.selectors import GRACE, is_overdue
from kaimolink.quizzes.signals import attempt_finished

__all__ = [
    "GRACE",
    "AttemptTooLate",
    "QuizError",
    "attempt_expire",
    "attempt_start",
    "attempt_submit",
    "attempts_expire",
]

# The one workflow of an attempt: from in progress to one of the two final states.
TRANSITIONS = {
    AttemptState.IN_PROGRESS: {AttemptState.SUBMITTED, AttemptState.EXPIRED},
    AttemptState.SUBMITTED: set(),
    AttemptState.EXPIRED: set(),
}


class QuizError(Exception):
    """A refused write; the message is translated and meant for the person."""


class AttemptTooLate(QuizError):
    """The answers came after the deadline: the attempt is now closed as expired."""

    def __init__(self, message, *, attempt: Attempt):
        super().__init__(message)
        self.attempt = attempt


# --- Start -----------------------------------------------------------------------------------


def attempt_start(
    *, quiz: Quiz, person, now: datetime.datetime | None = None, rng: random.Random | None = None
) -> Attempt:
    """Start an attempt, or return the person's unfinished one at this quiz.

    Checks that the quiz is open and has questions, the eligibility checks of the apps
    above (quizzes.eligibility), the attempts left and the waiting time since the last
    ended attempt; an overdue unfinished attempt is expired first. Draws each DrawRule's
    count of active questions of its topic at random (`rng`, by default the system's
    random source; tests pass a seeded one), without repeats, shuffles their order and each
    question's options, and freezes them in AttemptQuestion rows.
    """
    now = now or timezone.now()
    if not (person and person.is_authenticated and person.is_active):
        raise QuizError(_("Log in to take a test."))
    # Overdue attempts end first, each in its own transaction: a refusal below (wait
    # before the next attempt) must not roll their closing back.
    for overdue in Attempt.objects.filter(
        quiz=quiz, person=person, state=AttemptState.IN_PROGRESS, deadline__lt=now - GRACE
    ).values_list("pk", flat=True):
        _expire(overdue, now=now)
    with transaction.atomic():
        lock_person(person)  # held to the end: count, check and insert as one
        quiz = Quiz.objects.get(pk=quiz.pk)  # the quiz as it is now (open, limits)
        unfinished = (
            Attempt.objects.filter(quiz=quiz, person=person, state=AttemptState.IN_PROGRESS)
            .order_by("-started_at")
            .first()
        )
        if unfinished is not None:
            if not is_overdue(unfinished, now):
                return unfinished
            _expire(unfinished.pk, now=now)  # it ran out just now, after the loop above
        status = selectors.quiz_status_for(person, quiz, now)
        if status.refusal:
            raise QuizError(status.refusal)
        drawn = _draw(quiz, rng or random.SystemRandom())
        attempt = Attempt.objects.create(
            quiz=quiz,
            person=person,
            started_at=now,
            deadline=now + datetime.timedelta(minutes=quiz.time_limit_minutes),
            pass_mark_percent=quiz.pass_mark_percent,
            max_score=len(drawn),
        )
        AttemptQuestion.objects.bulk_create(
            AttemptQuestion(attempt=attempt, question_id=qid, position=n, choice_order=order)
            for n, (qid, order) in enumerate(drawn, start=1)
        )
        return attempt


def _draw(quiz: Quiz, rng: random.Random) -> list[tuple[int, list[int]]]:
    """(question id, shown order of its option ids) for each drawn question, in shown order."""
    rules = list(quiz.draw_rules.select_related("topic").order_by("topic__title", "id"))
    if not rules:
        raise QuizError(_("This test has no questions yet."))
    pools: dict[int, list[int]] = {rule.topic_id: [] for rule in rules}
    for qid, topic_id in (
        Question.objects.filter(topic_id__in=pools, active=True)
        .order_by("id")
        .values_list("id", "topic_id")
    ):
        pools[topic_id].append(qid)
    picked: list[int] = []
    for rule in rules:
        pool = pools[rule.topic_id]
        if len(pool) < rule.count:
            # The bank shrank since the quiz was set (questions taken out of use).
            raise QuizError(
                _("This test cannot start: its topic “%(topic)s” has too few questions in use.")
                % {"topic": rule.topic.title}
            )
        picked += rng.sample(pool, rule.count)
    rng.shuffle(picked)
    options: dict[int, list[int]] = {qid: [] for qid in picked}
    for cid, qid in (
        Choice.objects.filter(question_id__in=picked)
        .order_by("id")
        .values_list("id", "question_id")
    ):
        options[qid].append(cid)
    for order in options.values():
        rng.shuffle(order)
    return [(qid, options[qid]) for qid in picked]


# --- Submit ----------------------------------------------------------------------------------


def attempt_submit(
    *, attempt: Attempt, person, answers: Mapping, now: datetime.datetime | None = None
) -> Attempt:
    """Score the person's answers and finish the attempt; returns it, submitted.

    `answers` maps a question's place in the attempt (1, 2, …) to the answer: for single
    and multiple choice the places of the chosen options in the shown order (an int or a
    collection of ints), for true or false a bool, for a number a Decimal (or text as
    people type it, see scoring.parse_number); a missing place or None is not answered.

    Refused (QuizError, nothing written) when the attempt is not the person's, is already
    finished, or an answer does not fit its question. After the deadline plus GRACE the
    answers are refused and the attempt is closed as expired: `AttemptTooLate` is raised
    once that close is committed. The attempt row is locked, so of two submits at once one
    scores and the other is refused as already submitted.
    """
    now = now or timezone.now()
    with transaction.atomic():
        try:
            locked = Attempt.objects.select_for_update().get(pk=attempt.pk, person=person)
        except Attempt.DoesNotExist:
            raise QuizError(_("This attempt was not found.")) from None
        if locked.is_finished:
            raise QuizError(_("This attempt has already been submitted."))
        late = now > locked.deadline + GRACE
        if late:
            _finish(locked, AttemptState.EXPIRED, now=now)
        else:
            items = list(
                AttemptQuestion.objects.filter(attempt=locked)
                .select_related("question")
                .order_by("position")
            )
            _record_answers(items, answers)
            _score(items)
            AttemptQuestion.objects.bulk_update(
                items, ["chosen", "answer_true", "answer_number", "points"]
            )
            locked.score = sum(item.points for item in items)
            _finish(locked, AttemptState.SUBMITTED, now=now)
    if late:
        raise AttemptTooLate(
            _(
                "The time for this attempt ran out at %(time)s; answers sent later are not "
                "accepted. The attempt is closed and counts as not passed."
            )
            % {"time": timezone.localtime(locked.deadline).strftime("%H:%M")},
            attempt=locked,
        )
    return locked


def _record_answers(items: list[AttemptQuestion], answers: Mapping) -> None:
    """Put each answer on its item, or raise QuizError (nothing is saved by the caller)."""
    if not isinstance(answers, Mapping):
        raise QuizError(_("The answers could not be read."))
    by_position = {item.position: item for item in items}
    unknown = [key for key in answers if key not in by_position]
    if unknown:
        raise QuizError(_("The answers do not match the questions of this attempt."))
    for item in items:
        value = answers.get(item.position)
        item.chosen, item.answer_true, item.answer_number = [], None, None
        if value is None or value == "" or value == [] or value == ():
            continue
        kind = item.question.kind
        problem = _("Question %(n)d: the answer does not fit the question.") % {"n": item.position}
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            places = [value] if isinstance(value, int | str) else list(value)
            if any(isinstance(place, bool) for place in places):
                raise QuizError(problem)  # a bool is an int to Python, not an option
            try:
                places = sorted({int(place) for place in places})
            except (TypeError, ValueError):
                raise QuizError(problem) from None
            if any(not 1 <= place <= len(item.choice_order) for place in places):
                raise QuizError(problem)
            if kind == QuestionKind.SINGLE and len(places) > 1:
                raise QuizError(_("Question %(n)d: choose one answer.") % {"n": item.position})
            item.chosen = [item.choice_order[place - 1] for place in places]
        elif kind == QuestionKind.TRUE_FALSE:
            if not isinstance(value, bool):
                raise QuizError(problem)
            item.answer_true = value
        elif kind == QuestionKind.NUMBER:
            try:
                item.answer_number = scoring.parse_number(value)
            except (TypeError, ValueError):
                raise QuizError(
                    _("Question %(n)d: enter a number, e.g. 12,5.") % {"n": item.position}
                ) from None


def _score(items: list[AttemptQuestion]) -> None:
    """One point per right answer (scoring.is_right), read against the bank as it is now."""
    correct: dict[int, set[int]] = {item.question_id: set() for item in items}
    for cid, qid in Choice.objects.filter(question_id__in=correct, correct=True).values_list(
        "id", "question_id"
    ):
        correct[qid].add(cid)
    for item in items:
        right = scoring.is_right(
            item.question,
            correct_choice_ids=correct[item.question_id],
            chosen=item.chosen,
            answer_true=item.answer_true,
            answer_number=item.answer_number,
        )
        item.points = 1 if right else 0


# --- Ending ----------------------------------------------------------------------------------


def _finish(attempt: Attempt, state: str, *, now: datetime.datetime) -> None:
    """The one transition of an attempt (inside the caller's transaction, row locked).

    Submitted: finished now, passed when score / max reaches the pass mark. Expired: ended
    at its deadline with score 0, not passed, its answers never read. The attempt row is
    the record (who, which quiz, started, finished, how): nothing edits it afterwards.
    """
    if state not in TRANSITIONS[attempt.state]:
        raise QuizError(_("This attempt has already been submitted."))
    attempt.state = state
    if state == AttemptState.EXPIRED:
        attempt.finished_at = attempt.deadline
        attempt.score = 0
    else:
        attempt.finished_at = now
    # Whole numbers: score / max ≥ mark / 100, without rounding.
    attempt.passed = (
        state == AttemptState.SUBMITTED
        and attempt.max_score > 0
        and attempt.score * 100 >= attempt.pass_mark_percent * attempt.max_score
    )
    attempt.save(update_fields=["state", "finished_at", "score", "passed"])
    attempt_finished.send(sender=Attempt, attempt=attempt)


def _expire(pk: int, *, now: datetime.datetime) -> bool:
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().filter(pk=pk).first()
        if attempt is None or not is_overdue(attempt, now):
            return False
        _finish(attempt, AttemptState.EXPIRED, now=now)
        return True


def attempt_expire(*, attempt: Attempt, now: datetime.datetime | None = None) -> bool:
    """Close the attempt as expired if it is unfinished and overdue; True if it was.

    Idempotent: the result page calls it so a person whose time ran out sees the final
    result at once, without waiting for `attempts_expire`.
    """
    return _expire(attempt.pk, now=now or timezone.now())


def attempts_expire(now: datetime.datetime | None = None) -> int:
    """Close every unfinished attempt past its deadline (and the grace); how many were.

    A daily job (or any caller) may run it; the pages and `attempt_start` already treat an
    overdue attempt as ended, so this only makes the rows (and the signal) catch up.
    """
    now = now or timezone.now()
    overdue = Attempt.objects.filter(
        state=AttemptState.IN_PROGRESS, deadline__lt=now - GRACE
    ).values_list("pk", flat=True)
    return sum(_expire(pk, now=now) for pk in list(overdue))
