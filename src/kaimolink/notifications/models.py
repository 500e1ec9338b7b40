from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kaimolink.notifications.kinds import Delivery, Kind


class Notification(models.Model):
    """Something happened that this person should know about.

    The title is kept as its untranslated message id plus parameters, so it is shown in
    whatever language the person reads the platform in (and e-mailed in theirs).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title_msgid = models.CharField(max_length=300)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # the person's list: unread first, newest first
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notif_list_idx"),
            # the daily digest: not yet e-mailed
            models.Index(
                fields=["emailed_at", "recipient"],
                name="notif_digest_idx",
                condition=models.Q(emailed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        text = gettext(self.title_msgid)
        try:
            return text % self.params if self.params else text
        except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder
            return self.title_msgid % self.params if self.params else self.title_msgid


class DeliveryChoice(models.Model):
    """How this person wants to be e-mailed about one kind (no row: the kind's default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_choices"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    delivery = models.CharField(max_length=12, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_choice_unique")
        ]

    def __str__(self):
        return f"{self.user} {self.kind}: {self.delivery}"
