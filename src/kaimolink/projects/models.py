from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kaimolink.core import units
from kaimolink.core.search import search_copies
from kaimolink.core.text import fold
from kaimolink.core.uploads import PrivateFileField, RandomName
from kaimolink.projects.enums import COUNTRIES, MaterialKind, PartnerRole, ProjectStatus
from kaimolink.projects.files import validate_document


def project_document_path(instance, filename: str) -> str:
    """Named by migration 0001 only; files get `RandomName` now."""
    return RandomName("projects/documents")(instance, filename)


def agreement_document_path(instance, filename: str) -> str:
    """Named by migration 0001 only; files get `RandomName` now."""
    return RandomName("projects/agreements")(instance, filename)


class KeptFile(models.Model):
    """A file kept with a project or an agreement: who uploaded it, when, its size (kept in
    step on each save) and its place in the list. The `file` field is the subclass's."""

    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        editable=False, related_name="+", verbose_name=_("uploaded by"),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.file:
            self.size = 0
        else:
            try:
                self.size = self.file.size
            except (OSError, ValueError):
                pass  # the stored file is missing: keep the size last known
        super().save(*args, **kwargs)

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if self.file else ""


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProjectStatus.PUBLISHED)


class Project(models.Model):
    """A LEADER cooperation project of one or more LAGs (and organisations off the platform).

    The period is kept as years, with the exact days when they are known: the LAGs' own
    pages often give only "2019–2022". `start_year`/`end_year` follow the dates when those
    are set. The lead and the partners are `ProjectPartner` rows.
    """

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(
        _("title in English"), max_length=300, blank=True,
        help_text=_("When the project has an official English title."),
    )  # fmt: skip
    number = models.CharField(
        _("project number"), max_length=60, blank=True,
        help_text=_("As in the support agreement, e.g. 44TT-KK-21-1-00909-PR001."),
    )  # fmt: skip
    programme = models.CharField(
        _("programme and measure"), max_length=400, blank=True,
        help_text=_("The programme, measure and field of activity that fund the project."),
    )  # fmt: skip
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    start_date = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("Only when the exact day is known.")
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Only when the exact day is known.")
    )
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"), _("The budget cannot be negative."))],
        help_text=_("The amount of support in euros, e.g. 98880.79."),
    )  # fmt: skip
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    goals = models.TextField(_("goals"), blank=True, help_text=_("Markdown."))
    target_groups = models.TextField(_("target groups"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT
    )
    search_text = models.TextField(editable=False, default="")
    search_stems = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="project_budget_positive",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="project_years_ordered",
                violation_error_message=_("The project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_dates_ordered",
                violation_error_message=_("The project cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["status", "-start_year"], name="project_status_year")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(fold(self.title))[:110] or "projektas"
        if self.start_date:
            self.start_year = self.start_date.year
        if self.end_date:
            self.end_year = self.end_date.year
        self.refresh_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "search_stems"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    @property
    def display_title(self) -> str:
        """The English title on English pages when there is one, else the original."""
        if self.title_en and (get_language() or "lt").startswith("en"):
            return self.title_en
        return self.title

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The project cannot end before it starts.")
        for field, day, year in (
            ("start_year", self.start_date, self.start_year),
            ("end_year", self.end_date, self.end_year),
        ):
            if day and year and day.year != year:
                errors[field] = _("The year does not match the date (%(year)d).") % {
                    "year": day.year
                }
        start = self.start_date.year if self.start_date else self.start_year
        end = self.end_date.year if self.end_date else self.end_year
        if start and end and end < start and "end_date" not in errors:
            errors["end_year"] = _("The project cannot end before it starts.")
        for field in ("start_year", "end_year"):
            year = getattr(self, field)
            if year is not None and not 1990 <= year <= 2100 and field not in errors:
                errors[field] = _("Give a year between 1990 and 2100.")
        if errors:
            raise ValidationError(errors)

    @property
    def period_display(self) -> str:
        """ "2021–2023", "2023-02-01 – 2023-12-31" or "" (the dates when known, else years)."""
        start = date_format(self.start_date, "SHORT_DATE_FORMAT") if self.start_date else ""
        end = date_format(self.end_date, "SHORT_DATE_FORMAT") if self.end_date else ""
        start = start or (str(self.start_year) if self.start_year else "")
        end = end or (str(self.end_year) if self.end_year else "")
        if start and end and start != end:
            return f"{start} – {end}" if (self.start_date or self.end_date) else f"{start}–{end}"
        return start or end

    def refresh_search_text(self, partner_names: list[str] | None = None) -> None:
        if partner_names is None:
            partner_names = list(self.partners.values_list("name", flat=True)) if self.pk else []
        self.search_text, self.search_stems = search_copies(
            " ".join([self.title, self.title_en, self.number, self.programme, self.summary,
                      self.goals, *partner_names])
        )  # fmt: skip


class ProjectPartner(models.Model):
    """The lead or a partner of a project: a LAG on the platform or any named organisation."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project")
    )
    name = models.CharField(
        _("name"), max_length=300, blank=True,
        help_text=_("Leave empty to use the name of the LAG or actor chosen below."),
    )  # fmt: skip
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES, default="LT")
    lag = models.ForeignKey(
        "core.Lag", on_delete=models.PROTECT, null=True, blank=True,
        related_name="project_partnerships", verbose_name=_("LAG on the platform"),
    )  # fmt: skip
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="project_partnerships", verbose_name=_("actor on the platform"),
    )  # fmt: skip
    role = models.CharField(
        _("role"), max_length=12, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role="lead"),
                name="project_one_lead",
                violation_error_message=_("A project has only one lead partner."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.name.strip():
            source = self.lag or self.actor
            self.name = source.name if source is not None else ""
        super().save(*args, **kwargs)

    def clean(self):
        if not self.name.strip() and self.lag_id is None and self.actor_id is None:
            raise ValidationError(
                {"name": _("Give the organisation's name, or choose a LAG or an actor.")}
            )


class Indicator(models.Model):
    """A planned result of a project: what is to be reached, in what unit, and how much."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("project")
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    # A key of core.units (the word then agrees with the number: "15 dalyvių", "1 renginys"),
    # or "custom" with its four forms typed in (in the project's language, Lithuanian's
    # plural categories), or empty for a bare number.
    unit = models.CharField(_("unit"), max_length=20, choices=units.choices(), blank=True)
    unit_one = models.CharField(
        _("custom unit: form for 1, 21, 101"),
        max_length=60,
        blank=True,
        help_text=_("For example: dalyvis."),
    )
    unit_few = models.CharField(
        _("custom unit: form for 2–9, 22–29"),
        max_length=60,
        blank=True,
        help_text=_("For example: dalyviai."),
    )
    unit_fraction = models.CharField(
        _("custom unit: form for fractions (1,5)"),
        max_length=60,
        blank=True,
        help_text=_("For example: dalyvio."),
    )
    unit_many = models.CharField(
        _("custom unit: form for 0, 10–20, 30"),
        max_length=60,
        blank=True,
        help_text=_("For example: dalyvių."),
    )
    target = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), _("The target value cannot be negative."))],
    )  # fmt: skip
    achieved = models.DecimalField(
        _("achieved value"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"), _("The achieved value cannot be negative."))],
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code"],
                name="indicator_code_unique",
                violation_error_message=_("This indicator code is already used in the project."),
            ),
            models.CheckConstraint(
                condition=Q(target__gte=0),
                name="indicator_target_positive",
                violation_error_message=_("The target value cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(achieved__isnull=True) | Q(achieved__gte=0),
                name="indicator_achieved_positive",
                violation_error_message=_("The achieved value cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    CUSTOM_FORM_FIELDS = ("unit_one", "unit_few", "unit_fraction", "unit_many")

    def save(self, *args, **kwargs):
        # The typed forms mean nothing for a unit of the list: keep no stale ones.
        if self.unit != units.CUSTOM:
            for name in self.CUSTOM_FORM_FIELDS:
                setattr(self, name, "")
        super().save(*args, **kwargs)

    def clean(self):
        if self.unit == units.CUSTOM:
            missing = [f for f in self.CUSTOM_FORM_FIELDS if not getattr(self, f).strip()]
            if missing:
                raise ValidationError(
                    {f: _("Type the form of the unit for this number.") for f in missing}
                )

    def unit_word(self, number) -> str:
        """The unit's word that goes with `number` ("" for none): for `|quantity:indicator`."""
        forms = tuple(getattr(self, name) for name in self.CUSTOM_FORM_FIELDS)
        return units.unit_word(number, self.unit, forms)


class ProjectNews(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="news", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("project news")
        verbose_name_plural = _("project news")
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.title


class ProjectDocument(KeptFile):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=300)
    file = PrivateFileField(
        _("file"), upload_to=RandomName("projects/documents"), max_length=255,
        validators=[validate_document], help_text=_("PDF, DOCX, XLSX or ODT, at most 20 MB."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        ordering = ["position", "id"]

    def get_file_url(self, field_name: str) -> str:
        return reverse("projects:document", kwargs={"pk": self.pk})


class Agreement(models.Model):
    """A cooperation agreement a LAG has signed, in that LAG's public registry."""

    lag = models.ForeignKey(
        "core.Lag", on_delete=models.PROTECT, related_name="registered_agreements",
        verbose_name=_("registered by (LAG)"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(
        _("date signed"), null=True, blank=True, help_text=_("Leave empty when not known.")
    )
    parties = models.ManyToManyField(
        "core.Lag", related_name="agreements", blank=True, verbose_name=_("LAGs party to it"),
        help_text=_("LAGs on the platform that signed it (the registering LAG included)."),
    )  # fmt: skip
    other_parties = models.TextField(
        _("other parties"), blank=True,
        help_text=_("Organisations that are not on the platform, one per line."),
    )  # fmt: skip
    purpose = models.TextField(_("purpose"), blank=True, help_text=_("Markdown."))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    indefinite = models.BooleanField(_("valid indefinitely"), default=False)
    actor_parties = models.ManyToManyField(
        "actors.Actor", related_name="agreements", blank=True,
        verbose_name=_("actors party to it"),
        help_text=_("Actors on the platform that signed it (a community, a newspaper…)."),
    )  # fmt: skip
    document = PrivateFileField(
        _("document"), upload_to=RandomName("projects/agreements"), max_length=255, blank=True,
        validators=[validate_document], help_text=_("PDF, DOCX, XLSX or ODT, at most 20 MB."),
    )  # fmt: skip
    document_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        editable=False, related_name="+", verbose_name=_("document uploaded by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        ordering = [models.F("date").desc(nulls_last=True), "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="agreement_validity_ordered",
                violation_error_message=_("The end of validity is before its start."),
            ),
            models.CheckConstraint(
                condition=~Q(indefinite=True, valid_until__isnull=False),
                name="agreement_indefinite_no_end",
                violation_error_message=_("An agreement valid indefinitely has no end date."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end of validity is before its start.")
        if self.indefinite and self.valid_until:
            errors["valid_until"] = _(
                "An agreement valid indefinitely has no end date: clear one of the two."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def validity_display(self) -> str:
        """The validity as a person reads it; "" when the registry does not know it."""
        start = date_format(self.valid_from, "SHORT_DATE_FORMAT") if self.valid_from else ""
        if self.indefinite:
            if start:
                return _("from %(start)s, indefinitely") % {"start": start}
            return str(_("indefinitely"))
        if self.valid_until:
            end = date_format(self.valid_until, "SHORT_DATE_FORMAT")
            return f"{start} – {end}" if start else _("until %(end)s") % {"end": end}
        return _("from %(start)s") % {"start": start} if start else ""

    def other_party_names(self) -> list[str]:
        return [line.strip() for line in self.other_parties.splitlines() if line.strip()]

    def get_file_url(self, field_name: str) -> str:
        return reverse("agreements:document", kwargs={"pk": self.pk})


class AgreementSignatory(models.Model):
    """Who signed an agreement, for which party, in what position.

    Not private personal data: an agreement of the public registry is signed by people in
    their public role (the chairperson of a LAG or an association signs for it), and the
    LAGs publish these names with the agreement on their own pages. So the registry shows
    them to everyone; no contact details or anything else about the person are kept.
    """

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="signatories",
        verbose_name=_("agreement"),
    )  # fmt: skip
    name = models.CharField(_("name and surname"), max_length=200)
    position = models.CharField(
        _("position held"), max_length=200, blank=True, help_text=_("For example: chairperson.")
    )
    organisation = models.CharField(
        _("organisation"), max_length=300, blank=True,
        help_text=_("The party this person signed for."),
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class AgreementMaterial(KeptFile):
    """A file kept with an agreement: a copy of the agreement, methodological material of
    the project it led to, or another document.

    The file may be missing: the registry then records that the material exists (as the
    LAG's page says) until someone uploads it.
    """

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="materials",
        verbose_name=_("agreement"),
    )  # fmt: skip
    kind = models.CharField(
        _("kind"), max_length=12, choices=MaterialKind.choices, default=MaterialKind.METHODOLOGY
    )
    title = models.CharField(_("title"), max_length=300)
    file = PrivateFileField(
        _("file"), upload_to=RandomName("projects/agreements"), max_length=255, blank=True,
        validators=[validate_document], help_text=_("PDF, DOCX, XLSX or ODT, at most 20 MB."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("agreement material")
        verbose_name_plural = _("agreement materials")
        ordering = ["position", "id"]

    def get_file_url(self, field_name: str) -> str:
        return reverse("agreements:material", kwargs={"pk": self.pk})
