"""Question banks, tests drawn from them, and people's attempts.

The app is generic: a bank has topics and questions, a quiz (a "test") draws a number of
active questions from each of its topics; an attempt freezes what was drawn, in the order
shown, and is scored when submitted. What passing means (an accreditation, say) is decided
by an app above, which listens to `signals.attempt_finished`. Every write goes through
`services.py`; the bank's correct answers never leave the server (see docs/quizzes.md).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaimolink.quizzes.enums import AttemptState, QuestionKind

NUMBER_DIGITS = 14
NUMBER_PLACES = 4


class Bank(models.Model):
    """A question bank: topics with their questions (e.g. one per certification scheme version)."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")

    def __str__(self):
        return self.title


class Topic(models.Model):
    """A topic of a bank; a quiz draws a number of questions from each of its topics."""

    bank = models.ForeignKey(Bank, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["bank", "title", "id"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(
                fields=["bank", "title"],
                name="quiz_topic_unique_title",
                violation_error_message=_("This bank already has a topic with this title."),
            )
        ]

    def __str__(self):
        return self.title


class Question(models.Model):
    """A question of a topic, worth one point.

    Single and multiple choice questions have `choices` (one correct, at least one correct);
    a true-or-false question keeps its answer in `answer_true`; a number question in
    `answer_number`, right within `tolerance`. A question once drawn cannot be deleted (the
    attempts keep it, PROTECT): take it out of use with `active`.
    """

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="questions", verbose_name=_("topic")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    text = models.TextField(_("question"))
    explanation = models.TextField(
        _("what to study"),
        blank=True,
        help_text=_(
            "Shown to a person who got this question wrong. Point to what to read again; "
            "do not give the answer away."
        ),
    )
    answer_true = models.BooleanField(
        _("the statement is true"),
        null=True,
        blank=True,
        help_text=_("Only for true-or-false questions."),
    )
    answer_number = models.DecimalField(
        _("the right number"),
        max_digits=NUMBER_DIGITS,
        decimal_places=NUMBER_PLACES,
        null=True,
        blank=True,
        help_text=_("Only for number questions."),
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=NUMBER_DIGITS,
        decimal_places=NUMBER_PLACES,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("A number answer counts as right when it is this close to the right number."),
    )
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Only questions in use are drawn.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["topic", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(tolerance__gte=0), name="quiz_question_tolerance_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(kind=QuestionKind.NUMBER, answer_number__isnull=False)
                | (~Q(kind=QuestionKind.NUMBER) & Q(answer_number__isnull=True)),
                name="quiz_question_number_iff_number_kind",
                violation_error_message=_("A number question needs the right number."),
            ),
            models.CheckConstraint(
                condition=Q(kind=QuestionKind.TRUE_FALSE, answer_true__isnull=False)
                | (~Q(kind=QuestionKind.TRUE_FALSE) & Q(answer_true__isnull=True)),
                name="quiz_question_truth_iff_true_false_kind",
                violation_error_message=_("A true-or-false question needs its answer."),
            ),
        ]
        indexes = [models.Index(fields=["topic", "active"], name="quiz_question_topic_active")]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        errors = {}
        if self.kind == QuestionKind.NUMBER:
            if self.answer_number is None:
                errors["answer_number"] = _("Enter the right number.")
        else:
            self.answer_number = None
        if self.kind == QuestionKind.TRUE_FALSE:
            if self.answer_true is None:
                errors["answer_true"] = _("Choose whether the statement is true.")
        else:
            self.answer_true = None
        if errors:
            raise ValidationError(errors)

    @property
    def uses_choices(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Choice(models.Model):
    """An option of a single or multiple choice question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("option"), max_length=500)
    correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["question", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.text


class Quiz(models.Model):
    """A test: questions drawn from a bank by topic (DrawRule), a time limit and a pass mark.

    `attempts_allowed` 0 means no limit; `wait_hours` is the time a person waits after
    finishing an attempt before starting the next. Only an open quiz can be started.
    """

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    bank = models.ForeignKey(
        Bank, on_delete=models.PROTECT, related_name="quizzes", verbose_name=_("question bank")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    pass_mark_percent = models.PositiveSmallIntegerField(
        _("pass mark (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 means no limit.")
    )
    wait_hours = models.PositiveSmallIntegerField(
        _("waiting time between attempts (hours)"), default=0
    )
    is_open = models.BooleanField(_("open"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("test")
        verbose_name_plural = _("tests")
        constraints = [
            models.CheckConstraint(
                condition=Q(time_limit_minutes__gte=1), name="quiz_time_limit_positive"
            ),
            models.CheckConstraint(
                condition=Q(pass_mark_percent__lte=100), name="quiz_pass_mark_at_most_100"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("quizzes:quiz", kwargs={"slug": self.slug})


class DrawRule(models.Model):
    """How many active questions a quiz draws at random from one topic of its bank."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="draw_rules")
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="draw_rules", verbose_name=_("topic")
    )
    count = models.PositiveSmallIntegerField(
        _("questions to draw"), validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["quiz", "topic__title", "id"]
        verbose_name = _("questions of a topic")
        verbose_name_plural = _("questions of the topics")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "topic"],
                name="quiz_draw_rule_unique_topic",
                violation_error_message=_("This topic is already in the test."),
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="quiz_draw_rule_count_positive"),
        ]

    def __str__(self):
        return f"{self.topic} × {self.count}"


class Attempt(models.Model):
    """One person's attempt at a quiz: what was drawn is frozen at the start (AttemptQuestion).

    The server is the authority on time: `deadline` is fixed at the start, and answers that
    arrive later than the deadline plus services.GRACE are refused. `pass_mark_percent` is
    the quiz's at the start, so a change of the quiz does not change a running attempt.
    Attempts are records: a quiz with attempts cannot be deleted (PROTECT).
    """

    quiz = models.ForeignKey(
        Quiz, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("test")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("person"),
    )
    state = models.CharField(
        _("state"), max_length=12, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    pass_mark_percent = models.PositiveSmallIntegerField(_("pass mark (%)"))
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    max_score = models.PositiveSmallIntegerField(_("maximum score"))
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "person"],
                condition=Q(state=AttemptState.IN_PROGRESS),
                name="quiz_attempt_one_unfinished",
                violation_error_message=_("You already have an unfinished attempt at this test."),
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=F("started_at")), name="quiz_attempt_deadline_after_start"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        state=AttemptState.IN_PROGRESS,
                        finished_at__isnull=True,
                        score__isnull=True,
                        passed__isnull=True,
                    )
                    | (
                        ~Q(state=AttemptState.IN_PROGRESS)
                        & Q(
                            finished_at__isnull=False,
                            score__isnull=False,
                            passed__isnull=False,
                            score__lte=F("max_score"),
                        )
                    )
                ),
                name="quiz_attempt_finished_has_result",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "quiz", "-started_at"], name="quiz_attempt_person"),
            models.Index(fields=["state", "deadline"], name="quiz_attempt_state_deadline"),
        ]

    def __str__(self):
        return f"{self.quiz} — {self.person} ({self.started_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        if self.state == AttemptState.IN_PROGRESS:
            return reverse("quizzes:attempt", kwargs={"pk": self.pk})
        return reverse("quizzes:result", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.state != AttemptState.IN_PROGRESS

    @property
    def percent(self) -> int | None:
        """The score in whole percent (rounded down), None while in progress."""
        if self.score is None:
            return None
        return self.score * 100 // self.max_score if self.max_score else 0


class AttemptQuestion(models.Model):
    """A question drawn for an attempt, at its place, with the person's answer once submitted.

    `choice_order` is the order the options are shown in (Choice ids, frozen at the start);
    the page names options by their place in it (1, 2, …), never by id, so nothing about
    the bank (not even which option was written first) reaches the page. `chosen` holds the
    Choice ids the person chose. `points` is set when the attempt is scored (1 or 0).
    """

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("place"))
    choice_order = models.JSONField(default=list, blank=True)
    chosen = models.JSONField(default=list, blank=True)
    answer_true = models.BooleanField(null=True, blank=True)
    answer_number = models.DecimalField(
        max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES, null=True, blank=True
    )
    points = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        verbose_name = _("question of an attempt")
        verbose_name_plural = _("questions of an attempt")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="quiz_attempt_question_position"
            ),
            models.UniqueConstraint(
                fields=["attempt", "question"], name="quiz_attempt_question_once"
            ),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__lte=1),
                name="quiz_attempt_question_points_0_or_1",
            ),
        ]

    def __str__(self):
        return f"{self.attempt_id} #{self.position}"


def choices_problem(kind: str, correct_flags: list[bool]) -> str | None:
    """What is wrong with a question's options (the admin's check), or None.

    Single choice: at least two options, exactly one correct. Multiple choice: at least two
    options, at least one correct. True-or-false and number questions have no options.
    """
    if kind == QuestionKind.SINGLE:
        if len(correct_flags) < 2:
            return _("A single choice question needs at least two options.")
        if sum(correct_flags) != 1:
            return _("A single choice question needs exactly one correct option.")
    elif kind == QuestionKind.MULTIPLE:
        if len(correct_flags) < 2:
            return _("A multiple choice question needs at least two options.")
        if not any(correct_flags):
            return _("A multiple choice question needs at least one correct option.")
    elif correct_flags:
        return _("Only single and multiple choice questions have options.")
    return None
