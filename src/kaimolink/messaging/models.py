"""Private conversations between two actors, written by the people who act for them.

One conversation per unordered pair of actors: the pair is stored ordered (`actor_low` has
the smaller id) and a unique constraint on (actor_low, actor_high) makes the database refuse
a second conversation for the same pair, even when both are started at the same instant
(services.conversation_start handles that race).

Only the members of the two actors read a conversation; nobody else (coordinators,
administrators, other members) sees it through the site. Private contact details of a side
appear only after that side shares them (`ContactShare`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MAX_BODY_LENGTH = 5000


class Conversation(models.Model):
    actor_low = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("actor")
    )
    actor_high = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("actor")
    )
    # The actor that wrote the first message (the contact request) and the person who did.
    initiator = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("started by")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("last message"), db_index=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["actor_low", "actor_high"], name="conversation_pair_unique"
            ),
            models.CheckConstraint(
                condition=Q(actor_low__lt=F("actor_high")), name="conversation_pair_ordered"
            ),
        ]
        indexes = [
            models.Index(fields=["actor_high", "-last_message_at"], name="conversation_high_last"),
            models.Index(fields=["started_by", "created_at"], name="conversation_started_by"),
        ]

    def __str__(self):
        return f"{self.actor_low} ↔ {self.actor_high}"

    @property
    def actor_ids(self) -> tuple[int, int]:
        return (self.actor_low_id, self.actor_high_id)

    def other_actor_id(self, actor_id: int) -> int:
        return self.actor_high_id if actor_id == self.actor_low_id else self.actor_low_id


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender_actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("from")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    body = models.TextField(_("message"), max_length=MAX_BODY_LENGTH)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["conversation", "-created_at"], name="message_conv_newest"),
            models.Index(fields=["author", "created_at"], name="message_author_created"),
        ]

    def __str__(self):
        return f"{self.sender_actor_id} · {self.created_at:%Y-%m-%d %H:%M}"


class ContactShare(models.Model):
    """One side of a conversation lets the other side see its contact details.

    The other side then sees the actor's contact e-mail and phone (as they are on the
    profile now) and, when `include_my_email` is set, the name and e-mail address of the
    person who shared.
    """

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="shares")
    actor = models.ForeignKey("actors.Actor", on_delete=models.CASCADE, related_name="+")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    include_my_email = models.BooleanField(_("include my own e-mail address"), default=False)
    created_at = models.DateTimeField(_("shared"), auto_now_add=True)

    class Meta:
        verbose_name = _("shared contact details")
        verbose_name_plural = _("shared contact details")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "actor"], name="contact_share_once")
        ]

    def __str__(self):
        return f"{self.conversation_id}: {self.actor_id}"


class ReadState(models.Model):
    """Until when one person has read one conversation (each member has their own)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="read_states"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="read_state_once")
        ]

    def __str__(self):
        return f"{self.user_id} read {self.conversation_id} at {self.last_read_at}"
