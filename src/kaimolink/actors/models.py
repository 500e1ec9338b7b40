import itertools
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kaimolink.actors.enums import ActorStatus, ActorType, CertificationStatus, MemberRole
from kaimolink.core.models import SortedByNameModel
from kaimolink.core.search import search_copies
from kaimolink.core.text import fold
from kaimolink.core.uploads import PublicImageField, RandomName

# Paths under /actors/ that an actor's slug must never take.
RESERVED_SLUGS = {"map", "new", "moderation", "import", "export", "invitations", "settlements"}


def actor_slug_candidates(name: str) -> Iterator[str]:
    """URL names for an actor, best first: 'Šlapaberžės…' -> 'slapaberzes…', then '…-2'."""
    base = slugify(fold(name))[:200] or "veikejas"
    if base in RESERVED_SLUGS:
        base = f"{base}-veikejas"
    yield base
    yield from (f"{base}-{n}" for n in itertools.count(2))


def unique_actor_slug(name: str, *, exclude_pk=None) -> str:
    """The first free slug for this name (one query per taken candidate)."""
    taken = Actor.objects.exclude(pk=exclude_pk) if exclude_pk else Actor.objects.all()
    return next(s for s in actor_slug_candidates(name) if not taken.filter(slug=s).exists())


# --- What a valid actor is: one rule each, for the profile form (through Actor.clean) and
# the spreadsheet import (which reports the same msgids per row) alike.

NAME_TOO_SHORT = gettext_noop("Write the actor's name.")
LEGAL_CODE_INVALID = gettext_noop("A legal entity code has 7 to 12 digits.")
CONTACTS_MISSING = gettext_noop("Give at least one contact to show.")
SETTLEMENT_OUTSIDE_LAG = gettext_noop("This settlement is not in the territory of the chosen LAG.")


def name_problem(name: str) -> str | None:
    """The msgid of what is wrong with an actor's name (spaces collapsed), or None."""
    return NAME_TOO_SHORT if len(" ".join((name or "").split())) < 2 else None


def legal_code_problem(code: str | None) -> str | None:
    """The msgid of what is wrong with a legal entity code (spaces ignored), or None."""
    code = (code or "").replace(" ", "")
    if code and (not code.isdigit() or not 7 <= len(code) <= 12):
        return LEGAL_CODE_INVALID
    return None


def contacts_problem(*, public: bool, email: str, phone: str, address: str) -> str | None:
    """Public contacts need at least one contact to show."""
    return CONTACTS_MISSING if public and not (email or phone or address) else None


def validate_legal_code(value) -> None:
    if legal_code_problem(value):
        raise ValidationError(_(LEGAL_CODE_INVALID), code="legal_code")


class ActorQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ActorStatus.PUBLISHED)


# The copies `save()` computes, written with any `update_fields`.
SEARCH_FIELDS = ("search_text", "search_name", "search_stems")


class Actor(SortedByNameModel):
    """A rural development actor: a community organisation, business, farmer…

    `search_text` and `search_name` are folded copies (lower case, no diacritics) and
    `search_stems` the Lithuanian stems of `search_text` (core.search), kept by `save()`;
    search on both databases reads them (see selectors._search).
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    actor_type = models.CharField(_("type"), max_length=24, choices=ActorType.choices)
    legal_code = models.CharField(
        _("legal entity code"),
        max_length=20,
        null=True,
        blank=True,
        help_text=_("Company or organisation code; leave empty for a person."),
        validators=[validate_legal_code],
    )
    lag = models.ForeignKey(
        "core.Lag", on_delete=models.PROTECT, related_name="actors", verbose_name=_("LAG")
    )
    district = models.ForeignKey(
        "core.District",
        on_delete=models.PROTECT,
        related_name="actors",
        verbose_name=_("district"),
    )
    settlement = models.ForeignKey(
        "core.Settlement",
        on_delete=models.PROTECT,
        related_name="actors",
        verbose_name=_("settlement"),
        null=True,
        blank=True,
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        "core.Theme", related_name="actors", blank=True, verbose_name=_("themes")
    )
    offers = models.TextField(_("products and services offered"), blank=True)
    seeks = models.TextField(_("looking for"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    contacts_public = models.BooleanField(
        _("show contacts publicly"),
        default=False,
        help_text=_("E-mail, phone and address are shown to visitors only with this consent."),
    )
    contacts_consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    logo = PublicImageField(_("logo or photo"), upload_to=RandomName("actors"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActorStatus.choices, default=ActorStatus.DRAFT
    )
    moderation_note = models.TextField(_("note from the coordinator"), blank=True)
    certification_status = models.CharField(
        _("certification"),
        max_length=12,
        choices=CertificationStatus.choices,
        default=CertificationStatus.NONE,
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ActorMembership", related_name="actors", blank=True
    )
    search_text = models.TextField(editable=False, default="")
    search_name = models.CharField(max_length=400, editable=False, default="")
    search_stems = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ActorQuerySet.as_manager()

    class Meta(SortedByNameModel.Meta):
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            models.UniqueConstraint(
                fields=["legal_code"],
                condition=Q(legal_code__isnull=False),
                name="actor_legal_code_unique",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True)
                | Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="actor_position_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "name_sort"], name="actor_status_name"),
            models.Index(fields=["status", "lag", "name_sort"], name="actor_status_lag_name"),
            models.Index(fields=["status", "district", "name_sort"], name="actor_status_dist_name"),
            models.Index(
                fields=["status", "actor_type", "name_sort"], name="actor_status_type_name"
            ),
            models.Index(
                fields=["status", "lag", "actor_type", "name_sort"],
                name="actor_status_lag_type_name",
            ),
            models.Index(
                fields=["status", "certification_status", "name_sort"],
                name="actor_status_cert_name",
            ),
            models.Index(fields=["status", "-created_at"], name="actor_status_newest"),
            models.Index(fields=["lat", "lon"], name="actor_position"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """The rules of actors/models.py's *_problem functions, for forms and the admin."""
        super().clean()
        errors = {}
        if problem := name_problem(self.name):
            errors["name"] = _(problem)
        if problem := contacts_problem(
            public=self.contacts_public, email=self.email, phone=self.phone, address=self.address
        ):
            errors["contacts_public"] = _(problem)
        if (
            self.lag_id
            and self.settlement_id
            and not self.lag.districts.filter(pk=self.settlement.district_id).exists()
        ):
            errors["settlement"] = _(SETTLEMENT_OUTSIDE_LAG)
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("actors:detail", kwargs={"slug": self.slug})

    @property
    def is_certified(self) -> bool:
        return self.certification_status == CertificationStatus.CERTIFIED

    def refresh_search_fields(self, theme_names: list[str] | None = None) -> None:
        """Recompute the folded copies from the actor and its related names.

        `theme_names` may be given to avoid a query (the importer knows them).
        """
        if theme_names is None:
            theme_names = [f"{t.name_lt} {t.name_en}" for t in self.themes.all()] if self.pk else []
        place = " ".join(str(x) for x in (self.settlement, self.district) if x is not None)
        self.search_name = fold(f"{self.name} {place}")[:400]
        self.search_text, self.search_stems = search_copies(
            " ".join(
                [
                    self.name,
                    place,
                    str(self.lag),
                    self.description,
                    self.offers,
                    self.seeks,
                    self.get_actor_type_display(),
                    *theme_names,
                ]
            )
        )

    def save(self, *args, **kwargs):
        self.legal_code = (self.legal_code or "").strip() or None
        if not self.slug:
            self.slug = unique_actor_slug(self.name)
        self.refresh_search_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *SEARCH_FIELDS}
        super().save(*args, **kwargs)


class ActorMembership(models.Model):
    """A person who may edit an actor's profile and act for it."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="actor_memberships"
    )
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.OWNER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("actor member")
        verbose_name_plural = _("actor members")
        constraints = [
            models.UniqueConstraint(fields=["actor", "user"], name="actor_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.actor}"


class ActorLogEntry(models.Model):
    """Audit trail: status moves, and changes of key fields on published profiles."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        STATUS = "status", _("Status changed")
        CHANGED = "changed", _("Profile changed")
        IMPORTED = "imported", _("Imported")
        MEMBERS = "members", _("Co-editors changed")

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="log_entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    note = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("actor log entry")
        verbose_name_plural = _("actor log entries")

    def __str__(self):
        return f"{self.actor} · {self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"


INVITATION_VALID_DAYS = 14


class ActorInvitation(models.Model):
    """An owner's invitation to an e-mail address to co-edit an actor's profile.

    Only a SHA-256 hash of the token is stored: the link in the e-mail is the only copy of
    the token, so a leaked database does not let anyone join. An invitation is open until
    it is accepted, revoked or INVITATION_VALID_DAYS old; at most one per actor and address
    is open (an expired one is deleted before a new one is made, see actors/invitations.py).
    """

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("actor")
    )
    email = models.EmailField(_("e-mail"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("co-editor invitation")
        verbose_name_plural = _("co-editor invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="actor_invitation_one_open",
            )
        ]
        indexes = [
            models.Index(fields=["invited_by", "created_at"], name="actor_invitation_by_day")
        ]

    def __str__(self):
        return f"{self.email} → {self.actor}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=INVITATION_VALID_DAYS)

    @property
    def state(self) -> str:
        """'accepted', 'revoked', 'expired' or 'open'."""
        if self.accepted_at is not None:
            return "accepted"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


class ActorImport(models.Model):
    """One spreadsheet a coordinator uploads to add the actors their LAG already keeps.

    Life: UPLOADED (the file being read) → MAPPING (waiting for the person to match the
    columns with fields) → CHECKING (rows being checked) → VALIDATED (preview ready,
    nothing written) → IMPORTING (confirmed, rows being written) → IMPORTED; FAILED when
    the file or the write could not be completed (then nothing was written). See
    actors/importing.py.

    `content` holds the uploaded bytes only until the rows are checked: it lives in the
    database rather than in MEDIA_ROOT, which is served publicly and is not shared between
    application servers. `report` keeps the rejected rows (row, column, reason) and the
    accepted rows normalised; the accepted rows are dropped once they are written.
    """

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Reading the file")
        MAPPING = "mapping", _("Waiting for the columns to be matched")
        CHECKING = "checking", _("Checking the rows")
        VALIDATED = "validated", _("Checked, waiting for confirmation")
        IMPORTING = "importing", _("Importing")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")

    lag = models.ForeignKey(
        "core.Lag", on_delete=models.CASCADE, related_name="actor_imports", verbose_name=_("LAG")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(editable=False, default=b"")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("actor import")
        verbose_name_plural = _("actor imports")
        indexes = [models.Index(fields=["lag", "-created_at"], name="actor_import_lag_newest")]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_final(self) -> bool:
        """True when no step is running: the preview page stops polling for progress."""
        return self.status not in (
            self.Status.UPLOADED,
            self.Status.CHECKING,
            self.Status.IMPORTING,
        )


class ImportColumnChoice(models.Model):
    """How a LAG's coordinators matched a column of their files with an actor field.

    The next file of the LAG with a column of the same name (compared folded and without
    punctuation: `column_key`) gets the same field pre-selected on the mapping page.
    `field` is a name from actors/fields.py, or "" for a column that is skipped.
    """

    KEY_LENGTH = 200

    lag = models.ForeignKey(
        "core.Lag",
        on_delete=models.CASCADE,
        related_name="import_column_choices",
        verbose_name=_("LAG"),
    )
    column_key = models.CharField(max_length=KEY_LENGTH)
    column_name = models.CharField(_("column"), max_length=200)
    field = models.CharField(_("field"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import column choice")
        verbose_name_plural = _("import column choices")
        constraints = [
            models.UniqueConstraint(
                fields=["lag", "column_key"], name="import_column_choice_unique"
            )
        ]

    def __str__(self):
        return f"{self.column_name} → {self.field or '—'}"
