from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimolink.core.uploads import PrivateFileField, RandomName
from kaimolink.homework.enums import SubmissionStatus


class Assignment(models.Model):
    """Homework set for the participants of one event."""

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("event"),
    )
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    due_at = models.DateTimeField(
        _("due"), null=True, blank=True, help_text=_("Later submissions are marked late.")
    )
    allow_files = models.BooleanField(
        _("files allowed"),
        default=True,
        help_text=_("PDF, DOCX, XLSX, ODT, JPG or PNG, at most 10 MB."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [models.Index(fields=["event", "due_at"], name="assignment_event_due")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("homework:event", kwargs={"slug": self.event.slug})

    def is_late(self, when) -> bool:
        return self.due_at is not None and when > self.due_at


class Submission(models.Model):
    """One hand-in of an assignment by a participant.

    Every hand-in is a row of its own: after "to be redone" the person hands in again and
    the earlier rows stay as their history. At most one row per person and assignment
    waits for review (a partial unique constraint).
    """

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("assignment"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="homework_submissions",
        verbose_name=_("person"),
    )
    registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.CASCADE,
        related_name="homework_submissions",
        verbose_name=_("registration"),
    )
    text = models.TextField(_("text"), blank=True)
    file = PrivateFileField(
        _("file"),
        upload_to=RandomName("homework"),
        max_length=200,
        blank=True,
    )
    file_type = models.CharField(_("file type"), max_length=8, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.PositiveIntegerField(_("file size"), default=0)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    late = models.BooleanField(_("late"), default=False)
    feedback = models.TextField(_("feedback"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "person"],
                condition=Q(status=SubmissionStatus.SUBMITTED),
                name="submission_one_waiting_per_person",
                violation_error_message=_("This homework is already waiting for review."),
            ),
        ]
        indexes = [
            # A person's history of one assignment, newest first.
            models.Index(
                fields=["assignment", "person", "-submitted_at"], name="submission_history"
            ),
            # Counting by status per assignment (figures, "accepted all").
            models.Index(fields=["assignment", "status"], name="submission_status"),
            models.Index(fields=["person", "status"], name="submission_person_status"),
        ]

    def __str__(self):
        return f"{self.person} — {self.assignment} ({self.get_status_display()})"

    def get_download_url(self):
        return reverse("homework:download", kwargs={"pk": self.pk}) if self.file else ""

    def get_file_url(self, field_name: str) -> str:
        return reverse("homework:download", kwargs={"pk": self.pk})
