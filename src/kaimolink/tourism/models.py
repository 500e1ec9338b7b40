"""Tourism services for visitors: accommodation, food, experiences, routes, heritage, events.

A service belongs to one actor (the provider); its `lag` is the actor's LAG, copied on
save, so the list of a LAG, its filters and the map read one indexed table. A guided route
is a service of kind ROUTE whose `stops` (RouteStop, in `position` order) are drawn on the
map as a line; a stop may point to another published service. A visitor's `Enquiry` asks
for dates and a party size; the provider's members confirm or decline it.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from kaimolink.core.models import AppendOnlyModel, SortedByNameModel
from kaimolink.core.search import search_copies
from kaimolink.core.uploads import PublicImageField, RandomName
from kaimolink.market.models import unique_slug
from kaimolink.tourism.enums import EnquiryState, Language, ServiceKind, ServiceStatus

PHOTO_LARGE = 1200
PHOTO_SMALL = 400
MAX_PHOTOS = 6
MAX_CAPACITY = 10_000
MAX_STOPS = 40


class TourismService(SortedByNameModel):
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="tourism_services",
        verbose_name=_("provider"),
    )
    lag = models.ForeignKey(
        "core.Lag", on_delete=models.PROTECT, related_name="tourism_services", editable=False
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ServiceKind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, editable=False)
    description = models.TextField(_("description"), blank=True)
    season_months = models.JSONField(_("season months"), default=list, blank=True)
    opening_hours = models.CharField(
        _("opening times"), max_length=300, blank=True, help_text=_("e.g. Tue–Sun 10:00–18:00")
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity, people"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    price = models.DecimalField(
        _("price, €"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_text = models.CharField(
        _("price explained"), max_length=200, blank=True, help_text=_("e.g. per night for two")
    )
    settlement = models.ForeignKey(
        "core.Settlement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settlement"),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    status = models.CharField(
        _("status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.DRAFT
    )
    moderation_note = models.TextField(_("note from the coordinator"), blank=True)
    search_text = models.TextField(editable=False, default="")
    search_stems = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta(SortedByNameModel.Meta):
        verbose_name = _("tourism service")
        verbose_name_plural = _("tourism services")
        constraints = [
            models.CheckConstraint(
                condition=Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="tourism_position_valid",
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="tourism_price_positive"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="tourism_event_period_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "name_sort"], name="tourism_status_name"),
            models.Index(fields=["status", "lag", "name_sort"], name="tourism_status_lag"),
            models.Index(fields=["status", "kind", "name_sort"], name="tourism_status_kind"),
            models.Index(fields=["status", "lat", "lon"], name="tourism_status_position"),
            models.Index(fields=["actor", "status", "name_sort"], name="tourism_actor_status"),
            models.Index(fields=["status", "lag", "updated_at"], name="tourism_moderation"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        if self.kind == ServiceKind.ROUTE:
            return reverse("tourism:route", kwargs={"slug": self.slug})
        return reverse("tourism:service", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == ServiceStatus.PUBLISHED

    @property
    def is_route(self) -> bool:
        return self.kind == ServiceKind.ROUTE

    def season_labels(self) -> list[str]:
        return [str(MONTHS[m]) for m in self.season_months if m in MONTHS]

    def language_labels(self) -> list[str]:
        names = dict(Language.choices)
        return [str(names[code]) for code in self.languages if code in names]

    def refresh_search_fields(self) -> None:
        self.search_text, self.search_stems = search_copies(
            " ".join(
                [
                    self.name,
                    self.description,
                    str(self.get_kind_display()),
                    self.address,
                    self.actor.name if self.actor_id else "",
                    self.settlement.name if self.settlement_id else "",
                ]
            )
        )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(TourismService, self.name, fallback="paslauga")
        if self.actor_id and not self.lag_id:
            self.lag_id = self.actor.lag_id
        self.refresh_search_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "search_stems"}
        super().save(*args, **kwargs)


class ServicePhoto(models.Model):
    """One photo, re-encoded (EXIF gone) at two widths, as the market's product photos."""

    service = models.ForeignKey(TourismService, on_delete=models.CASCADE, related_name="photos")
    large = PublicImageField(upload_to=RandomName("tourism"))
    small = PublicImageField(upload_to=RandomName("tourism"))
    alt = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["service", "position"], name="tourism_photo_order")]

    def __str__(self):
        return self.alt or str(self.service)


class RouteStop(models.Model):
    """A place on a route, in `position` order; it may be another published service."""

    route = models.ForeignKey(TourismService, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("place"), max_length=200)
    note = models.CharField(_("what to see"), max_length=500, blank=True)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    service = models.ForeignKey(
        TourismService,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service at this stop"),
    )

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["route", "position"], name="tourism_stop_order")]

    def __str__(self):
        return self.name


class ServiceLogEntry(AppendOnlyModel):
    """Audit of a service's status moves: cannot be edited."""

    service = models.ForeignKey(
        TourismService, on_delete=models.CASCADE, related_name="log_entries"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=10)
    to_status = models.CharField(max_length=10)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.service_id}: {self.from_status} → {self.to_status}"


def new_enquiry_code() -> str:
    return secrets.token_urlsafe(24)


class Enquiry(models.Model):
    """A visitor's booking enquiry: dates and party size. `code` is its page's address."""

    code = models.CharField(max_length=40, unique=True, default=new_enquiry_code, editable=False)
    service = models.ForeignKey(TourismService, on_delete=models.PROTECT, related_name="enquiries")
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tourism_enquiries",
    )
    visitor_name = models.CharField(_("your name"), max_length=120)
    visitor_phone = models.CharField(_("phone"), max_length=40, blank=True)
    visitor_email = models.EmailField(_("e-mail"), blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("until"))
    party_size = models.PositiveIntegerField(
        _("party size"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    note = models.TextField(_("note to the provider"), blank=True, max_length=2000)
    state = models.CharField(
        _("state"), max_length=12, choices=EnquiryState.choices, default=EnquiryState.REQUESTED
    )
    reply = models.TextField(_("provider's note"), blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        constraints = [
            models.CheckConstraint(
                condition=Q(date_to__gte=models.F("date_from")), name="enquiry_dates_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["service", "state", "-created_at"], name="enquiry_service_state"),
            models.Index(fields=["visitor", "-created_at"], name="enquiry_visitor_newest"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.service}"

    def get_absolute_url(self):
        return reverse("tourism:enquiry", kwargs={"code": self.code})


class EnquiryLogEntry(AppendOnlyModel):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="log_entries")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=12)
    to_state = models.CharField(max_length=12)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.enquiry_id}: {self.from_state} → {self.to_state}"

    def get_to_state_label(self) -> str:
        return EnquiryState(self.to_state).label if self.to_state in EnquiryState.values else ""
