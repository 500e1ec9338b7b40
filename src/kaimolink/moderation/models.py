from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """A person reports something as spam or abuse; a moderator looks at it.

    The excerpt keeps what was reported as it was, so the moderator sees it even after an
    edit. `lag` says whose coordinators handle it; without a LAG (private messages, for
    example) only platform administrators see the report.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACTED = "acted", _("handled: action taken")
        DISMISSED = "dismissed", _("handled: nothing wrong")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reports_made",
        verbose_name=_("reported by"),
    )
    reason = models.TextField(_("reason"), max_length=1000)
    excerpt = models.TextField(_("what was reported"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    lag = models.ForeignKey(
        "core.Lag", on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_handled",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handling_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "lag", "-created_at"], name="report_queue_idx")]
        constraints = [
            # One open report per person and thing: reporting twice changes nothing.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"],
                condition=models.Q(status="open"),
                name="report_open_once",
            )
        ]

    def __str__(self):
        return f"{self.content_type.model} #{self.object_id}: {self.reason[:40]}"
