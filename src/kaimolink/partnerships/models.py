from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaimolink.core.search import search_copies
from kaimolink.partnerships.enums import Area, PostKind, PostStatus


class PostQuerySet(models.QuerySet):
    def on_board(self, today):
        """What the public board lists: open, not past its end date, of a published actor."""
        from kaimolink.actors.enums import ActorStatus

        return self.filter(
            status=PostStatus.OPEN, ends_on__gte=today, actor__status=ActorStatus.PUBLISHED
        )


class PartnershipPost(models.Model):
    """An actor's partnership offer ("we make linen bags") or request ("we need honey").

    `search_text` is a folded copy (lower case, no diacritics) of the title, description,
    actor name and theme names, and `search_stems` its Lithuanian stems (core.search), kept
    by `refresh_search_text()` so the board's search works the same on SQLite and PostgreSQL.
    """

    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="partnership_posts",
        verbose_name=_("actor"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PostKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        "core.Theme", related_name="partnership_posts", blank=True, verbose_name=_("themes")
    )
    area = models.CharField(
        _("partners from"), max_length=10, choices=Area.choices, default=Area.PLATFORM
    )
    ends_on = models.DateField(_("open until"))
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnership_posts",
        verbose_name=_("created by"),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")
    search_stems = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("partnership offer or request")
        verbose_name_plural = _("partnership offers and requests")
        indexes = [
            models.Index(fields=["status", "ends_on"], name="partnership_board"),
            models.Index(fields=["status", "kind", "ends_on"], name="partnership_board_kind"),
            models.Index(fields=["-created_at", "-id"], name="partnership_newest"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:detail", kwargs={"pk": self.pk})

    @property
    def is_request(self) -> bool:
        return self.kind == PostKind.REQUEST

    def is_live(self, today) -> bool:
        return self.status == PostStatus.OPEN and self.ends_on >= today

    def refresh_search_text(self, theme_names: list[str] | None = None) -> None:
        if theme_names is None:
            theme_names = [f"{t.name_lt} {t.name_en}" for t in self.themes.all()] if self.pk else []
        self.search_text, self.search_stems = search_copies(
            " ".join([self.title, self.description, self.actor.name, *theme_names])
        )
