"""Questions to consultants and their answers; consultation times and their bookings.

Who may see and do what is in `rules.py`; every write goes through `services.py`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaimolink.consultations.enums import SlotMode
from kaimolink.core.search import search_copies
from kaimolink.core.weblinks import validate_web_url


class ConsultantTheme(models.Model):
    """A smart-village theme a consultant answers questions in.

    A consultant with no rows is told of every new question; with rows, only of those in
    their themes.
    """

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultant_themes"
    )
    theme = models.ForeignKey("core.Theme", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("theme of a consultant")
        verbose_name_plural = _("themes of consultants")
        constraints = [
            models.UniqueConstraint(fields=["consultant", "theme"], name="consultant_theme_unique")
        ]

    def __str__(self):
        return f"{self.consultant} — {self.theme}"


class Question(models.Model):
    """A question a person asks the consultants, for themselves or for an actor.

    A public question and its answers are readable by everyone. A private one only by the
    asker, the members of the actor it was asked for, the consultants and the coordinators
    of that actor's LAG. `author` is emptied when the asker erases their account and the
    question is public (private ones are deleted then, see gdpr.py).
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_questions",
        verbose_name=_("asked by"),
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_questions",
        verbose_name=_("on behalf of"),
    )
    theme = models.ForeignKey(
        "core.Theme",
        on_delete=models.PROTECT,
        related_name="consultation_questions",
        verbose_name=_("theme"),
    )
    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("details"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    search_text = models.TextField(editable=False, default="")
    search_stems = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [
            models.Index(fields=["is_public", "-created_at"], name="question_public_new"),
            models.Index(fields=["theme", "-created_at"], name="question_theme_new"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text, self.search_stems = search_copies(f"{self.title} {self.body}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "search_stems"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("consultations:question", kwargs={"pk": self.pk})


class Answer(models.Model):
    """A consultant's or LAG expert's answer. The asker marks at most one as the one that helped."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_answers",
        verbose_name=_("answered by"),
    )
    body = models.TextField(_("answer"))
    accepted = models.BooleanField(_("helped the asker"), default=False)
    accepted_at = models.DateTimeField(_("marked as helpful"), null=True, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        ordering = ["-accepted", "created_at", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["question"],
                condition=Q(accepted=True),
                name="answer_one_accepted_per_question",
                violation_error_message=_("Only one answer can be marked as the one that helped."),
            ),
        ]
        indexes = [models.Index(fields=["question", "created_at"], name="answer_question_time")]

    def __str__(self):
        return f"{self.question} — {self.author}"


class Slot(models.Model):
    """A time a consultant offers for a consultation; one person can book it.

    A consultant's slots never overlap (services.slot_create checks it under a lock on the
    consultant). `withdrawn_at` is set when the consultant takes the time back; a withdrawn
    slot is not offered again.
    """

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultation_slots",
        verbose_name=_("consultant"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("how"), max_length=10, choices=SlotMode.choices)
    place = models.CharField(
        _("place or link"),
        max_length=300,
        blank=True,
        help_text=_("The address, the phone number to call or the link of the online meeting."),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("consultation time")
        verbose_name_plural = _("consultation times")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="slot_ends_after_start",
                violation_error_message=_("A consultation time must end after it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at"], name="slot_start"),
            models.Index(fields=["consultant", "starts_at"], name="slot_consultant_start"),
        ]

    def __str__(self):
        return f"{self.consultant} {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("consultations:book", kwargs={"pk": self.pk})

    def clean(self):
        # An online place is a link on the booker's page: http(s) only (core.weblinks).
        if self.mode == SlotMode.ONLINE and self.place:
            try:
                validate_web_url(self.place)
            except ValidationError as exc:
                raise ValidationError({"place": exc.messages}) from None


class Booking(models.Model):
    """A person's booking of a consultation time.

    One active (not cancelled) booking per slot: the partial unique constraint below holds
    it in the database even if two requests pass the service's checks at once; the service
    also locks the slot row so that the second request waits and gets a clear message.
    """

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultation_bookings",
        verbose_name=_("booked by"),
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_bookings",
        verbose_name=_("on behalf of"),
    )
    topic = models.CharField(_("topic"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(cancelled_at__isnull=True),
                name="booking_one_active_per_slot",
                violation_error_message=_("This time is already booked."),
            ),
        ]
        indexes = [models.Index(fields=["person", "created_at"], name="booking_person")]

    def __str__(self):
        return f"{self.person} — {self.slot}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None
