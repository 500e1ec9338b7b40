"""The contact fair of an event: who takes part, and who would like to meet whom."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MAX_MESSAGE_LENGTH = 500


class FairSettings(models.Model):
    """Kept beside the event (not on it) so the fair stays an optional add-on."""

    event = models.OneToOneField(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="fair_settings",
        verbose_name=_("event"),
    )
    enabled = models.BooleanField(_("contact fair enabled"), default=False)
    opens_at = models.DateTimeField(
        _("fair opens"), null=True, blank=True, help_text=_("Empty: as soon as it is enabled.")
    )

    class Meta:
        verbose_name = _("contact fair settings")
        verbose_name_plural = _("contact fair settings")

    def __str__(self):
        return str(self.event)

    def is_open(self, now) -> bool:
        return self.enabled and (self.opens_at is None or now >= self.opens_at)


class FairParticipant(models.Model):
    """A confirmed registrant who opted in, for one of their actors or as themselves."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="fair_participants"
    )
    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="fair_participant"
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fair_participations",
        verbose_name=_("on behalf of"),
    )
    pitch = models.TextField(_("what I offer and seek"), blank=True)
    # Folded copy of name, actor and pitch and its stems: accent- and word-form-insensitive
    # search on both databases (core.search).
    search_text = models.TextField(editable=False, default="")
    search_stems = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("fair participant")
        verbose_name_plural = _("fair participants")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.actor.name if self.actor_id else self.registration.person.full_name


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="meeting_requests"
    )
    from_participant = models.ForeignKey(
        FairParticipant, on_delete=models.CASCADE, related_name="requests_sent"
    )
    to_participant = models.ForeignKey(
        FairParticipant, on_delete=models.CASCADE, related_name="requests_received"
    )
    message = models.TextField(_("message"), max_length=MAX_MESSAGE_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(
                fields=["from_participant", "to_participant"],
                name="meeting_request_unique",
                violation_error_message=_("You have already asked to meet them."),
            ),
            models.CheckConstraint(
                condition=~Q(from_participant=F("to_participant")),
                name="meeting_request_not_self",
            ),
        ]

    def __str__(self):
        return f"{self.from_participant} → {self.to_participant}"
