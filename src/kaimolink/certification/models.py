"""Certification: schemes and their versions, applications and their assessment, decisions,
licences (the marks), and the audit trail that cannot be edited.

Every write goes through services.py; the moves between states through workflow.py.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimolink.certification.enums import (
    CLOSED_STATES,
    AccreditationRole,
    Action,
    ApplicationKind,
    ApplicationState,
    LicenceStatus,
    Outcome,
    Scoring,
    Standing,
)
from kaimolink.core.codes import SHORT_CODE_LENGTH, grouped, new_short_code
from kaimolink.core.models import AppendOnlyModel
from kaimolink.core.uploads import PrivateFileField, RandomName


def done_by(verbose_name):
    """Who took a step. Emptied (SET_NULL) when their account is erased: the step stays."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


# --- Schemes, versions, criteria ---------------------------------------------------------


class Scheme(models.Model):
    """A certification scheme, e.g. "Bendruomeninis verslas" (community business)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    # The licence numbers' prefix: "BV" gives BV-2026-0001.
    code = models.CharField(
        _("number prefix"),
        max_length=6,
        unique=True,
        help_text=_("Capital letters that begin the licence numbers, e.g. BV."),
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("certification scheme")
        verbose_name_plural = _("certification schemes")

    def __str__(self):
        return self.name


class SchemeVersion(models.Model):
    """The rules of a scheme as published on a day. A draft (`published_at` empty) may be
    edited; a published version never changes, so a decision taken under it stays true."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="versions", verbose_name=_("scheme")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    rules = models.TextField(_("rules"), help_text=_("Markdown."))
    validity_months = models.PositiveSmallIntegerField(
        _("validity of a licence (months)"), default=24
    )
    fee = models.DecimalField(
        _("fee (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: no fee."),
    )
    renewal_validity_months = models.PositiveSmallIntegerField(
        _("validity of a renewed licence (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: the same as a first licence."),
    )
    renewal_notes = models.TextField(_("about renewal"), blank=True, help_text=_("Markdown."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["scheme", "-number"]
        verbose_name = _("scheme version")
        verbose_name_plural = _("scheme versions")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "number"], name="cert_version_unique"),
            models.CheckConstraint(
                condition=Q(fee__isnull=True) | Q(fee__gte=0), name="cert_version_fee_positive"
            ),
            models.CheckConstraint(
                condition=Q(validity_months__gte=1), name="cert_version_validity_positive"
            ),
        ]

    def __str__(self):
        return _("%(scheme)s, version %(number)s") % {"scheme": self.scheme, "number": self.number}

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def months_for(self, kind: str) -> int:
        if kind == ApplicationKind.RENEWAL and self.renewal_validity_months:
            return self.renewal_validity_months
        return self.validity_months


class Criterion(models.Model):
    """One thing a holder must show: what is required, what proves it, how it is scored."""

    version = models.ForeignKey(
        SchemeVersion, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("version")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=10, help_text=_("E.g. K1."))
    title = models.CharField(_("title"), max_length=200)
    requirement = models.TextField(_("what is required"))
    evidence = models.TextField(_("what proves it"))
    scoring = models.CharField(
        _("scoring"), max_length=8, choices=Scoring.choices, default=Scoring.MET_NOT_MET
    )
    max_points = models.PositiveSmallIntegerField(_("maximum points"), null=True, blank=True)
    threshold = models.PositiveSmallIntegerField(_("points needed"), null=True, blank=True)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    used_in_renewal = models.BooleanField(_("assessed again at renewal"), default=False)

    class Meta:
        ordering = ["version", "order", "code"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="cert_criterion_code_unique"),
            # Points need a maximum and a threshold within it; met / not met has neither.
            models.CheckConstraint(
                condition=(
                    Q(
                        scoring=Scoring.POINTS,
                        max_points__gte=1,
                        threshold__isnull=False,
                        threshold__lte=models.F("max_points"),
                    )
                    | Q(
                        scoring=Scoring.MET_NOT_MET, max_points__isnull=True, threshold__isnull=True
                    )
                ),
                name="cert_criterion_scoring_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


# --- Evaluators: accreditation and conflicts of interest ---------------------------------


class Accreditation(models.Model):
    """This person may act for this scheme in this role from/until these days.

    `basis` says why (a passed accreditation test, a decision); the link to the quizzes
    app's attempt is added when that app has its models.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certification_accreditations",
        verbose_name=_("person"),
    )
    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="accreditations", verbose_name=_("scheme")
    )
    role = models.CharField(_("role"), max_length=10, choices=AccreditationRole.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    basis = models.TextField(_("basis"), help_text=_("E.g. the accreditation test passed."))
    # The passed accreditation test it was granted for (certification/accreditation.py).
    attempt = models.ForeignKey(
        "quizzes.Attempt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("test attempt"),
    )
    # Printed on the certificate of accreditation, for checking it.
    short_code = models.CharField(
        _("printed code"),
        max_length=SHORT_CODE_LENGTH,
        unique=True,
        default=new_short_code,
        editable=False,
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason of the withdrawal"), blank=True)
    granted_by = done_by(_("granted by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-valid_until", "pk"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="cert_accreditation_dates",
            )
        ]
        indexes = [
            models.Index(fields=["person", "scheme", "role"], name="cert_accreditation_lookup")
        ]

    def __str__(self):
        return f"{self.person} — {self.scheme} ({self.get_role_display()})"

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.withdrawn_at is None and self.valid_from <= day <= self.valid_until

    @property
    def printed_code(self) -> str:
        return grouped(self.short_code)

    @property
    def credential_source(self) -> str:
        """The key of its Open Badges credential in the credentials app."""
        return f"certification.accreditation:{self.pk}"


class AccreditationQuiz(models.Model):
    """The accreditation test of a scheme version for one role: passing it accredits the
    person (certification/accreditation.py listens to quizzes' `attempt_finished`)."""

    version = models.ForeignKey(
        SchemeVersion,
        on_delete=models.CASCADE,
        related_name="accreditation_quizzes",
        verbose_name=_("version"),
    )
    role = models.CharField(_("role"), max_length=10, choices=AccreditationRole.choices)
    # One quiz accredits for one version and role, so a passed attempt names both.
    quiz = models.OneToOneField(
        "quizzes.Quiz",
        on_delete=models.PROTECT,
        related_name="accreditation_for",
        verbose_name=_("test"),
    )

    class Meta:
        ordering = ["version", "role"]
        verbose_name = _("accreditation test")
        verbose_name_plural = _("accreditation tests")
        constraints = [
            models.UniqueConstraint(fields=["version", "role"], name="cert_accreditation_quiz_role")
        ]

    def __str__(self):
        return f"{self.version} — {self.get_role_display()}"


class ConflictDeclaration(models.Model):
    """The evaluator declared a conflict of interest with this actor: never assigned to it."""

    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certification_conflicts",
        verbose_name=_("evaluator"),
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="certification_conflicts",
        verbose_name=_("actor"),
    )
    note = models.TextField(_("note"), blank=True)
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        ordering = ["-declared_at"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["evaluator", "actor"], name="cert_conflict_unique")
        ]

    def __str__(self):
        return f"{self.evaluator} — {self.actor}"


# --- Applications ------------------------------------------------------------------------


class Application(models.Model):
    """An actor asks for the mark under one published version; the decision is taken under
    that version, so a later version never changes it. `lag` is the actor's LAG when it
    applied: its coordinators check it and decide, even if the actor moves later."""

    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.PROTECT,
        related_name="certification_applications",
        verbose_name=_("actor"),
    )
    # A copy of version.scheme: the database allows one open application per actor and scheme.
    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("scheme")
    )
    version = models.ForeignKey(
        SchemeVersion,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("version"),
    )
    kind = models.CharField(
        _("kind"), max_length=8, choices=ApplicationKind.choices, default=ApplicationKind.INITIAL
    )
    renews = models.ForeignKey(
        "Licence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal_applications",
        verbose_name=_("licence renewed"),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ApplicationState.choices,
        default=ApplicationState.DRAFT,
    )
    lag = models.ForeignKey(
        "core.Lag",
        on_delete=models.PROTECT,
        related_name="certification_applications",
        verbose_name=_("LAG"),
    )
    created_by = done_by(_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The evaluator's conclusion: a recommendation for the panel, not a decision.
    assessment_summary = models.TextField(_("assessment summary"), blank=True)
    recommended = models.BooleanField(_("recommended for approval"), null=True, blank=True)
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("certification application")
        verbose_name_plural = _("certification applications")
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "scheme"],
                condition=~Q(state__in=CLOSED_STATES),
                name="cert_application_one_open",
                violation_error_message=_("This actor already has an open application."),
            ),
            models.CheckConstraint(
                condition=Q(kind=ApplicationKind.INITIAL, renews__isnull=True)
                | Q(kind=ApplicationKind.RENEWAL, renews__isnull=False),
                name="cert_application_renewal_links_licence",
            ),
        ]
        indexes = [
            models.Index(fields=["lag", "state"], name="cert_application_lag_state"),
            models.Index(fields=["actor", "-created_at"], name="cert_application_actor"),
        ]

    def __str__(self):
        return _("Application #%(pk)s of %(actor)s") % {"pk": self.pk, "actor": self.actor}

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES


class SelfAssessment(models.Model):
    """The applicant's answer to one criterion: what they do, and links that show it."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="answers", verbose_name=_("application")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    text = models.TextField(_("self-assessment"))
    links = models.TextField(_("links"), blank=True, help_text=_("One web address a line."))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["criterion__order", "criterion__code"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="cert_answer_unique")
        ]

    def __str__(self):
        return f"{self.application_id}: {self.criterion}"

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class EvidenceRequest(models.Model):
    """The evaluator asks for more evidence; the applicant answers (text and files)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="evidence_requests",
        verbose_name=_("application"),
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criterion"),
    )
    question = models.TextField(_("what is asked"))
    asked_by = done_by(_("asked by"))
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = done_by(_("answered by"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = _("evidence request")
        verbose_name_plural = _("evidence requests")

    def __str__(self):
        return self.question[:60]


class Evidence(models.Model):
    """A file that proves a criterion: private, handed out only to those who
    `selectors.can_see_evidence` lets through."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("application"),
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criterion"),
    )
    request = models.ForeignKey(
        EvidenceRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("evidence request"),
    )
    file = PrivateFileField(_("file"), upload_to=RandomName("certification"), max_length=200)
    file_type = models.CharField(_("file type"), max_length=8)
    original_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveIntegerField(_("file size"), default=0)
    uploaded_by = done_by(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.original_name


class Assignment(models.Model):
    """An evaluator assigned to an application. A new assignment ends the previous one
    (`ended_at`); the database allows one current assignment per application."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("application"),
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="certification_assignments",
        verbose_name=_("evaluator"),
    )
    assigned_by = done_by(_("assigned by"))
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["-assigned_at", "-pk"]
        verbose_name = _("evaluator assignment")
        verbose_name_plural = _("evaluator assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(ended_at__isnull=True),
                name="cert_assignment_one_current",
            )
        ]
        indexes = [models.Index(fields=["evaluator", "ended_at"], name="cert_assignment_evaluator")]

    def __str__(self):
        return f"{self.evaluator} — {self.application_id}"


class CriterionScore(models.Model):
    """The evaluator's assessment of one criterion: met or not, or points, and why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="scores", verbose_name=_("application")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    met = models.BooleanField(_("met"), null=True, blank=True)
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    scored_by = done_by(_("scored by"))
    scored_at = models.DateTimeField(_("scored"), default=timezone.now)

    class Meta:
        ordering = ["criterion__order", "criterion__code"]
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="cert_score_unique")
        ]

    def __str__(self):
        return f"{self.application_id}: {self.criterion}"

    def passes(self) -> bool:
        """Whether this score satisfies its criterion (met; or points at the threshold)."""
        if self.criterion.scoring == Scoring.POINTS:
            return self.points is not None and self.points >= (self.criterion.threshold or 0)
        return bool(self.met)


class SiteVisit(models.Model):
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="site_visits",
        verbose_name=_("application"),
    )
    visited_on = models.DateField(_("date of the visit"))
    notes = models.TextField(_("notes"))
    recorded_by = done_by(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["visited_on", "pk"]
        verbose_name = _("site visit")
        verbose_name_plural = _("site visits")

    def __str__(self):
        return f"{self.application_id}: {self.visited_on}"


# --- Decisions and licences --------------------------------------------------------------


class Decision(models.Model):
    """The panel's decision on an application: one per application (the database says so).

    `panel` are the LAG's coordinators who took part (the one who records it among them);
    each was a coordinator of the application's LAG, independent of the applicant, when
    the decision was taken (services.decision_take checks).
    """

    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        related_name="decision",
        verbose_name=_("application"),
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"))
    conditions = models.TextField(_("conditions"), blank=True)
    decided_by = done_by(_("recorded by"))
    panel = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="certification_panel_decisions",
        verbose_name=_("panel"),
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(condition=~Q(reasons=""), name="cert_decision_reasons"),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.APPROVED_WITH_CONDITIONS) | ~Q(conditions=""),
                name="cert_decision_conditions",
            ),
        ]

    def __str__(self):
        return f"{self.application_id}: {self.get_outcome_display()}"


class LicenceCounter(models.Model):
    """The last licence number given for a scheme in a year. Its row is locked while a
    number is taken, so numbers follow one another without gaps or twins."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "year"], name="cert_counter_unique")
        ]

    def __str__(self):
        return f"{self.scheme.code}-{self.year}: {self.last}"


class Licence(models.Model):
    """The right to use the mark: a number (BV-2026-0001), a printed code for verification,
    the holder, the version it was decided under, and its validity.

    `status` stores what people did (suspend, reinstate, withdraw); expiry is not stored,
    it follows from `valid_until` (see `standing`). A renewal is a new licence with a new
    number that `renews` this one.
    """

    number = models.CharField(_("number"), max_length=24, unique=True)
    short_code = models.CharField(
        _("printed code"),
        max_length=SHORT_CODE_LENGTH,
        unique=True,
        default=new_short_code,
        editable=False,
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.PROTECT,
        related_name="certification_licences",
        verbose_name=_("holder"),
    )
    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="licences", verbose_name=_("scheme")
    )
    version = models.ForeignKey(
        SchemeVersion, on_delete=models.PROTECT, related_name="licences", verbose_name=_("version")
    )
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="licence", verbose_name=_("application")
    )
    lag = models.ForeignKey(
        "core.Lag",
        on_delete=models.PROTECT,
        related_name="certification_licences",
        verbose_name=_("LAG"),
    )
    renews = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewed_by",
        verbose_name=_("renews"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=10, choices=LicenceStatus.choices, default=LicenceStatus.ACTIVE
    )
    status_reason = models.TextField(_("reason of the last status change"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    # When licences_expire recorded the expiry (audit entry, holder told): once.
    expiry_recorded_at = models.DateTimeField(_("expiry recorded"), null=True, blank=True)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="cert_licence_dates"
            ),
            models.CheckConstraint(
                condition=Q(status__in=LicenceStatus.values), name="cert_licence_status"
            ),
        ]
        indexes = [
            models.Index(fields=["actor", "status", "valid_until"], name="cert_licence_actor"),
            models.Index(fields=["status", "valid_until"], name="cert_licence_expiry"),
            # The public registry: its order, and its LAG and scheme filters with the status.
            models.Index(fields=["-valid_from", "-id"], name="cert_licence_registry"),
            models.Index(fields=["lag", "status", "valid_until"], name="cert_licence_lag"),
            models.Index(fields=["scheme", "status", "valid_until"], name="cert_licence_scheme"),
        ]

    def __str__(self):
        return self.number

    @property
    def printed_code(self) -> str:
        return grouped(self.short_code)

    def standing(self, day: datetime.date | None = None) -> str:
        """Valid, not yet valid, suspended, withdrawn or expired on `day` (today)."""
        day = day or timezone.localdate()
        if self.status == LicenceStatus.WITHDRAWN:
            return Standing.WITHDRAWN
        if self.valid_until < day:
            return Standing.EXPIRED
        if self.status == LicenceStatus.SUSPENDED:
            return Standing.SUSPENDED
        if self.valid_from > day:
            return Standing.NOT_YET_VALID
        return Standing.VALID

    def get_standing_display(self, day: datetime.date | None = None) -> str:
        return Standing(self.standing(day)).label


class LicenceReminder(models.Model):
    """A reminder of expiry sent to the holder, `days_before` the end: each one once."""

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["licence", "days_before"], name="cert_reminder_once")
        ]

    def __str__(self):
        return f"{self.licence}: {self.days_before}"


# --- The audit trail ---------------------------------------------------------------------


class AuditEntry(AppendOnlyModel):
    """One step of an application or a licence: who, when, from which state to which, and
    why. Written by workflow.py; never changed or deleted afterwards (save refuses an
    existing row, the queryset refuses update and delete, the admin only shows).

    When a person's account is erased, `by` is emptied by the database (their name goes,
    the step stays)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("application"),
    )
    licence = models.ForeignKey(
        Licence,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("licence"),
    )
    by = done_by(_("by"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(application__isnull=False, licence__isnull=True)
                | Q(application__isnull=True, licence__isnull=False),
                name="cert_audit_one_object",
            )
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.from_state}→{self.to_state}"
