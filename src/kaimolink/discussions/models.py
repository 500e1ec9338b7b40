"""Discussion topics grouped by the smart-village themes, their replies, follows and the
moderation log.

Posts keep the Markdown source only; it is rendered (and sanitised, core.markdown) when a
page is built, with mentions turned into links then (discussions.mentions). Anonymous
visitors get whole pages from the page cache, so rendering is paid once per change.

`Topic.reply_count` and `Topic.last_activity_at` are kept by `services.reply_create` (with
F() updates under a lock of the topic row) so lists need no aggregate per topic.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimolink.discussions.enums import ModerationAction

TITLE_MAX_LENGTH = 160
BODY_MAX_LENGTH = 10_000
REASON_MAX_LENGTH = 1000


class TopicQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden=False)


class Post(models.Model):
    """What topics and replies share: an author (empty once the account is erased), the
    actor the person wrote for, the Markdown text, and the moderator's hiding."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH)
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        abstract = True


class Topic(Post):
    theme = models.ForeignKey(
        "core.Theme", on_delete=models.PROTECT, related_name="topics", verbose_name=_("theme")
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    lag = models.ForeignKey(
        "core.Lag",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussion_topics",
        verbose_name=_("LAG"),
        help_text=_("The coordinators of this LAG moderate the topic."),
    )
    locked = models.BooleanField(_("locked"), default=False)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    mentions = models.ManyToManyField(
        "actors.Actor", related_name="+", blank=True, verbose_name=_("mentioned actors")
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("discussion topic")
        verbose_name_plural = _("discussion topics")
        ordering = ["-last_activity_at", "-pk"]
        indexes = [
            models.Index(
                fields=["theme", "hidden", "-last_activity_at"], name="topic_theme_activity"
            ),
            models.Index(fields=["author", "-created_at"], name="topic_author_newest"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("discussions:topic", kwargs={"pk": self.pk})


class Reply(Post):
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="replies", verbose_name=_("topic")
    )
    mentions = models.ManyToManyField(
        "actors.Actor", related_name="+", blank=True, verbose_name=_("mentioned actors")
    )

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["topic", "created_at"], name="reply_topic_order"),
            models.Index(fields=["author", "-created_at"], name="reply_author_newest"),
        ]

    def __str__(self):
        return f"{self.topic} #{self.pk}"


class Follow(models.Model):
    """This person is told about new replies in this topic."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="follow_unique")]

    def __str__(self):
        return f"{self.user} → {self.topic}"


class ModerationEntry(models.Model):
    """One moderator's act on a topic or a reply, with the reason (shown to moderators)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="moderation_entries")
    reply = models.ForeignKey(
        Reply,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderation_entries",
    )
    action = models.CharField(_("action"), max_length=10, choices=ModerationAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH)
    from_theme = models.ForeignKey(
        "core.Theme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_theme = models.ForeignKey(
        "core.Theme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log entries")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} · {self.topic} · {self.created_at:%Y-%m-%d %H:%M}"
