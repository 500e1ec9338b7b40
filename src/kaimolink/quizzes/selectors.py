"""Every read of quizzes: quizzes, a person's attempts and status, an attempt's questions.

What a page gets of a question is a `ShownQuestion`: its text, topic and options by their
place (1, 2, …) — never a Choice row, so no template can print which option is correct.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kaimolink.quizzes import eligibility
from kaimolink.quizzes.enums import AttemptState, QuestionKind
from kaimolink.quizzes.models import Attempt, AttemptQuestion, Choice, Quiz

# Answers that arrive this long after the deadline still count: the time a slow phone
# needs to send the form the countdown submitted at zero. Later ones are refused.
GRACE = datetime.timedelta(seconds=30)


def local_text(moment: datetime.datetime) -> str:
    """A moment as the platform's wall-clock date and time, in the active language."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'DATE_FORMAT')} {local:%H:%M}"


def is_overdue(attempt: Attempt, now: datetime.datetime) -> bool:
    """An unfinished attempt whose time (with the grace) is over: it can only expire."""
    return attempt.state == AttemptState.IN_PROGRESS and now > attempt.deadline + GRACE


def ended_at(attempt: Attempt, now: datetime.datetime) -> datetime.datetime | None:
    """When the attempt ended: its finish, or its deadline when it is overdue, else None."""
    if attempt.finished_at is not None:
        return attempt.finished_at
    return attempt.deadline if is_overdue(attempt, now) else None


# --- Quizzes ---------------------------------------------------------------------------------


def quiz_by_slug(slug: str) -> Quiz | None:
    return Quiz.objects.filter(slug=slug).annotate(question_count=Sum("draw_rules__count")).first()


def quiz_question_count(quiz: Quiz) -> int:
    """How many questions an attempt at the quiz has (the sum of its draw counts)."""
    count = getattr(quiz, "question_count", None)
    if count is None:
        count = quiz.draw_rules.aggregate(n=Sum("count"))["n"]
    return count or 0


# --- Attempts --------------------------------------------------------------------------------


def attempts_of(person, quiz: Quiz) -> list[Attempt]:
    """The person's attempts at the quiz, newest first."""
    return list(Attempt.objects.filter(person=person, quiz=quiz).order_by("-started_at", "-id"))


def attempts_of_person(person):
    """Every attempt of the person, newest first, with its quiz (the "my tests" page)."""
    return (
        Attempt.objects.filter(person=person).select_related("quiz").order_by("-started_at", "-id")
    )


def attempt_for_person(person, pk) -> Attempt | None:
    """The attempt when it is this person's; None when missing or someone else's (→ 404)."""
    if not getattr(person, "is_authenticated", False):
        return None
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return Attempt.objects.filter(pk=pk, person=person).select_related("quiz").first()


@dataclass(frozen=True)
class ShownQuestion:
    """A drawn question as the person sees it: no answer of the bank in it."""

    position: int
    kind: str
    text: str
    topic: str
    explanation: str
    options: list[tuple[int, str]] = field(default_factory=list)  # (place, text)
    points: int | None = None


def attempt_questions(attempt: Attempt) -> list[ShownQuestion]:
    """The attempt's drawn questions in the order shown, options in their frozen order.

    Two queries whatever the number of questions: the items with their questions and
    topics, then the options of those questions.
    """
    items = list(
        AttemptQuestion.objects.filter(attempt=attempt)
        .select_related("question__topic")
        .order_by("position")
    )
    wanted = [cid for item in items for cid in item.choice_order]
    texts = dict(Choice.objects.filter(pk__in=wanted).values_list("pk", "text")) if wanted else {}
    shown = []
    for item in items:
        q = item.question
        if q.kind == QuestionKind.TRUE_FALSE:
            options = [(1, _("True")), (2, _("False"))]
        else:
            options = [
                (place, texts[cid])
                for place, cid in enumerate(item.choice_order, start=1)
                if cid in texts
            ]
        shown.append(
            ShownQuestion(
                position=item.position,
                kind=q.kind,
                text=q.text,
                topic=q.topic.title,
                explanation=q.explanation,
                options=options,
                points=item.points,
            )
        )
    return shown


def wrong_questions(attempt: Attempt) -> list[ShownQuestion]:
    """The questions of a submitted attempt that earned no point (wrong or not answered).

    Their text and topic only: the page must not say what the right answer was.
    """
    if attempt.state != AttemptState.SUBMITTED:
        return []
    return [q for q in attempt_questions(attempt) if q.points == 0]


# --- A person's standing with a quiz ---------------------------------------------------------


@dataclass
class QuizStatus:
    """What the quiz page shows a person and what `services.attempt_start` checks."""

    attempts_used: int
    attempts_left: int | None  # None: no limit
    next_allowed_at: datetime.datetime | None  # set while the person must wait
    best: Attempt | None
    unfinished: Attempt | None  # in progress and still in time
    refusal: str | None  # why a new attempt cannot start now
    attempts: list[Attempt]

    @property
    def may_start(self) -> bool:
        return self.unfinished is None and self.refusal is None


def quiz_status_for(person, quiz: Quiz, now: datetime.datetime | None = None) -> QuizStatus:
    """Attempts used and left, when the next may start, the best result, and why not.

    An unfinished attempt past its deadline (and the grace) counts as ended at its deadline
    even before `services.attempts_expire` has closed it.
    """
    now = now or timezone.now()
    attempts = attempts_of(person, quiz)
    finished = [a for a in attempts if a.is_finished]
    unfinished = next((a for a in attempts if not a.is_finished and not is_overdue(a, now)), None)
    best = max(finished, key=lambda a: (a.score or 0, a.finished_at), default=None)
    used = len(attempts)
    left = max(quiz.attempts_allowed - used, 0) if quiz.attempts_allowed else None
    ends = [moment for moment in (ended_at(a, now) for a in attempts) if moment]
    next_allowed = None
    if quiz.wait_hours and ends:
        moment = max(ends) + datetime.timedelta(hours=quiz.wait_hours)
        if moment > now:
            next_allowed = moment
    return QuizStatus(
        attempts_used=used,
        attempts_left=left,
        next_allowed_at=next_allowed,
        best=best,
        unfinished=unfinished,
        refusal=_start_refusal(quiz, person, left=left, next_allowed=next_allowed),
        attempts=attempts,
    )


def _start_refusal(quiz, person, *, left, next_allowed) -> str | None:
    if not quiz.is_open:
        return _("This test is closed.")
    if not quiz_question_count(quiz):
        return _("This test has no questions yet.")
    reason = eligibility.refusal(quiz, person)
    if reason:
        return reason
    if left == 0:
        return ngettext(
            "You have used the %(n)d attempt this test allows.",
            "You have used all %(n)d attempts this test allows.",
            quiz.attempts_allowed,
        ) % {"n": quiz.attempts_allowed}
    if next_allowed is not None:
        return _("You can start the next attempt on %(when)s.") % {"when": local_text(next_allowed)}
    return None
