from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kaimolink.core.text import fold, lt_sort_key
from kaimolink.core.uploads import PublicImageField, RandomName


class SortedByNameModel(models.Model):
    """A model listed by `name` in Lithuanian alphabetical order (see core.text)."""

    name_sort = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        abstract = True
        ordering = ["name_sort"]

    def save(self, *args, **kwargs):
        self.name_sort = lt_sort_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_sort"}
        super().save(*args, **kwargs)


class District(SortedByNameModel):
    """A municipality (savivaldybė), e.g. 'Kėdainių r. sav.'."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta(SortedByNameModel.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class Settlement(SortedByNameModel):
    """A town or village with an approximate map position.

    `register_code` is the Lithuanian address register's code (GYV_KODAS) of a settlement
    loaded by `kaimolink load_settlements`; empty for one a coordinator added by hand.
    """

    class Kind(models.TextChoices):
        # The address register's types (gyvenamųjų vietovių tipai).
        TOWN = "town", _("Town")
        SMALL_TOWN = "small_town", _("Small town")
        VILLAGE = "village", _("Village")
        FARMSTEAD = "farmstead", _("Farmstead")

    name = models.CharField(_("name"), max_length=120)
    name_genitive = models.CharField(_("name in the genitive"), max_length=120, blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="settlements", verbose_name=_("district")
    )
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    register_code = models.PositiveIntegerField(
        _("address register code"), null=True, blank=True, unique=True
    )
    # The folded name and genitive ("kedainiai kedainiu"): search ignores case and diacritics.
    search_name = models.CharField(max_length=255, editable=False, default="")

    class Meta(SortedByNameModel.Meta):
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="settlement_unique_name"),
            models.CheckConstraint(
                condition=models.Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="settlement_position_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(f"{self.name} {self.name_genitive}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)


class Lag(SortedByNameModel):
    """A LEADER Local Action Group (VVG) and the districts it covers."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    districts = models.ManyToManyField(
        District, related_name="lags", verbose_name=_("districts"), blank=True
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    logo = PublicImageField(_("logo"), upload_to=RandomName("lags"), blank=True)

    class Meta(SortedByNameModel.Meta):
        verbose_name = _("local action group")
        verbose_name_plural = _("local action groups")

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("actors:directory") + f"?lag={self.slug}"


class Theme(models.Model):
    """A smart-village theme or a training topic; names in every platform language."""

    class Kind(models.TextChoices):
        SMART_VILLAGE = "smart_village", _("Smart-village theme")
        TRAINING_TOPIC = "training_topic", _("Training topic")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["kind", "position", "slug"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, Lithuanian when there is none."""
        return (
            self.name_en
            if (get_language() or "lt").startswith("en") and self.name_en
            else self.name_lt
        )


class ContentGeneration(models.Model):
    """A counter that grows whenever public content changes (see core.pagecache).

    Kept in the database, not the cache, so every application process sees the same value
    with one primary-key read, whatever cache backend each process has.
    """

    key = models.CharField(max_length=40, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.key}={self.value}"


class DailyJobRun(models.Model):
    """A daily job queued for one local day (core.daily): the unique pair lets any number
    of workers look at the clock, and only the first of them queue the job."""

    job = models.CharField(max_length=64)
    day = models.DateField()
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="daily_job_once_a_day")]

    def __str__(self):
        return f"{self.job} {self.day}"


# --- Append-only records ---------------------------------------------------------------------


class AppendOnlyError(TypeError, ValueError):
    """An attempt to change or delete an append-only record (an audit entry).

    A TypeError (the record does not support the operation) and a ValueError (the older
    name some callers catch), so both kinds of `except` keep working."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AppendOnlyModel(models.Model):
    """A record written once and never changed or deleted afterwards (an audit trail):
    `save` refuses an existing row, `delete` and the queryset's `update`/`delete` refuse.
    Deleting a parent's rows or emptying a person's foreign key (SET_NULL) still works:
    Django does those below the queryset."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")
