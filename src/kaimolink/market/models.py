"""The local market: products and services, seasonal catalogues, order requests.

A product belongs to one actor (the seller) and lists the other actors that make it with
them (`co_producers`). Its `lag` is the seller's LAG, copied on save, so the catalogue of a
LAG and its facets read one indexed table. Stock (`quantity`) is kept only for products
"in stock"; it never goes below zero: orders reserve it under a row lock
(services.order_transition) and a CheckConstraint refuses a negative number anyway.
Fairs (a booth lists products) and the API (q, lag, category, actor, available) read
products through selectors.products_filtered.
"""

import itertools
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kaimolink.core.models import AppendOnlyModel, SortedByNameModel
from kaimolink.core.search import search_copies
from kaimolink.core.text import fold
from kaimolink.core.uploads import PublicImageField, RandomName
from kaimolink.market.enums import (
    Availability,
    Category,
    Handover,
    OrderState,
    ProductKind,
    ProductStatus,
)

# The widths a product photo is stored at: the product page, and lists and the PDF.
PHOTO_LARGE = 1200
PHOTO_SMALL = 400
MAX_PHOTOS = 6
MAX_QUANTITY = 100_000


def unique_slug(model, text: str, *, fallback: str) -> str:
    base = slugify(fold(text))[:180] or fallback
    candidates = itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2)))
    return next(s for s in candidates if not model.objects.filter(slug=s).exists())


class ProductQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProductStatus.PUBLISHED, actor__status="published")


class Product(SortedByNameModel):
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="products", verbose_name=_("seller")
    )
    co_producers = models.ManyToManyField(
        "actors.Actor",
        related_name="co_products",
        blank=True,
        verbose_name=_("made together with"),
        help_text=_("Other actors who make this product with you (a regional product)."),
    )
    lag = models.ForeignKey(
        "core.Lag", on_delete=models.PROTECT, related_name="products", editable=False
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ProductKind.choices, default=ProductKind.PRODUCT
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, editable=False)
    description = models.TextField(_("description"), blank=True)
    price = models.DecimalField(
        _("price, €"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. piece, kg"))
    price_on_request = models.BooleanField(_("price on request"), default=False)
    availability = models.CharField(
        _("availability"),
        max_length=10,
        choices=Availability.choices,
        default=Availability.IN_STOCK,
    )
    quantity = models.IntegerField(
        _("quantity in stock"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_QUANTITY)],
    )
    lead_time_days = models.PositiveIntegerField(
        _("lead time, days"), null=True, blank=True, validators=[MaxValueValidator(365)]
    )
    season_months = models.JSONField(_("season months"), default=list, blank=True)
    pickup = models.BooleanField(_("pick-up"), default=True)
    pickup_settlement = models.ForeignKey(
        "core.Settlement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pick-up settlement"),
    )
    delivery_area = models.CharField(_("delivery area"), max_length=200, blank=True)
    delivers = models.BooleanField(editable=False, default=False)
    by_post = models.BooleanField(_("sent by post"), default=False)
    regional = models.BooleanField(_("regional product"), default=False)
    organic_claim = models.CharField(
        _("organic claim"),
        max_length=200,
        blank=True,
        help_text=_("Only as text, e.g. the name of the certifier and the certificate number."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProductStatus.choices, default=ProductStatus.DRAFT
    )
    moderation_note = models.TextField(_("note from the coordinator"), blank=True)
    search_text = models.TextField(editable=False, default="")
    search_stems = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ProductQuerySet.as_manager()

    class Meta(SortedByNameModel.Meta):
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gte=0),
                name="product_quantity_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="product_price_not_negative"
            ),
        ]
        # One index per filter of the catalogue (and the API), each ending in the list order.
        indexes = [
            models.Index(fields=["status", "name_sort"], name="product_status_name"),
            models.Index(fields=["status", "lag", "name_sort"], name="product_status_lag"),
            models.Index(fields=["status", "category", "name_sort"], name="product_status_cat"),
            models.Index(
                fields=["status", "availability", "name_sort"], name="product_status_avail"
            ),
            models.Index(fields=["status", "pickup", "name_sort"], name="product_status_pickup"),
            models.Index(fields=["status", "delivers", "name_sort"], name="product_status_deliv"),
            models.Index(fields=["status", "by_post", "name_sort"], name="product_status_post"),
            models.Index(fields=["actor", "status", "name_sort"], name="product_actor_status"),
            models.Index(fields=["status", "lag", "updated_at"], name="product_moderation"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("market:product", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == ProductStatus.PUBLISHED

    @property
    def tracks_stock(self) -> bool:
        return self.availability == Availability.IN_STOCK and self.quantity is not None

    @property
    def orderable(self) -> bool:
        """Published, and not sold out (made to order and seasonal ones are asked for)."""
        return self.is_published and not (self.tracks_stock and self.quantity <= 0)

    def season_labels(self) -> list[str]:
        from kaimolink.market.enums import MONTHS

        names = dict(MONTHS)
        return [str(names[m]) for m in self.season_months if m in names]

    def refresh_search_fields(self) -> None:
        self.search_text, self.search_stems = search_copies(
            " ".join(
                [
                    self.name,
                    self.description,
                    self.get_category_display(),
                    self.organic_claim,
                    self.actor.name if self.actor_id else "",
                ]
            )
        )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Product, self.name, fallback="produktas")
        if self.actor_id and not self.lag_id:
            self.lag_id = self.actor.lag_id
        self.delivers = bool(self.delivery_area.strip())
        self.refresh_search_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "search_text",
                "search_stems",
                "delivers",
            }
        super().save(*args, **kwargs)


class ProductPhoto(models.Model):
    """One photo, stored re-encoded (EXIF gone) at two widths: PHOTO_LARGE and PHOTO_SMALL."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    large = PublicImageField(upload_to=RandomName("products"))
    small = PublicImageField(upload_to=RandomName("products"))
    alt = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        indexes = [models.Index(fields=["product", "position"], name="product_photo_order")]

    def __str__(self):
        return self.alt or str(self.product)


class ProductLogEntry(AppendOnlyModel):
    """Audit of a product's status moves (submitted, published, hidden): cannot be edited."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="log_entries")
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
        return f"{self.product_id}: {self.from_status} → {self.to_status}"


class SeasonalCatalogue(models.Model):
    """A coordinator's selection of their LAG's products for a period ("Kalėdiniai…")."""

    lag = models.ForeignKey(
        "core.Lag", on_delete=models.CASCADE, related_name="seasonal_catalogues"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True, editable=False)
    starts_on = models.DateField(_("open from"))
    ends_on = models.DateField(_("open until"))
    intro = models.TextField(_("introduction"), blank=True)
    order_instructions = models.TextField(
        _("order instructions"),
        blank=True,
        help_text=_("How to order and pay: bank transfer, on pick-up, by when…"),
    )
    products = models.ManyToManyField(
        Product, related_name="seasonal_catalogues", blank=True, verbose_name=_("products")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("seasonal catalogue")
        verbose_name_plural = _("seasonal catalogues")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="catalogue_period_valid"
            )
        ]
        indexes = [models.Index(fields=["lag", "-starts_on"], name="catalogue_lag_newest")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(SeasonalCatalogue, self.title, fallback="katalogas")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("market:catalogue", kwargs={"slug": self.slug})

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on


def new_order_code() -> str:
    return secrets.token_urlsafe(24)


class Order(models.Model):
    """An order request to ONE seller. No payment: the seller says how to pay.

    `code` is the unguessable address of the order's page: a guest buyer has only that link.
    A guest gives a name and a phone or an e-mail address, with consent (`consent_at`).
    """

    code = models.CharField(max_length=40, unique=True, default=new_order_code, editable=False)
    seller = models.ForeignKey(
        "actors.Actor", on_delete=models.PROTECT, related_name="orders", verbose_name=_("seller")
    )
    catalogue = models.ForeignKey(
        SeasonalCatalogue, on_delete=models.SET_NULL, null=True, blank=True, related_name="orders"
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="market_orders",
    )
    buyer_name = models.CharField(_("your name"), max_length=120)
    buyer_phone = models.CharField(_("phone"), max_length=40, blank=True)
    buyer_email = models.EmailField(_("e-mail"), blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    handover = models.CharField(
        _("how to get it"), max_length=10, choices=Handover.choices, default=Handover.PICKUP
    )
    address = models.CharField(_("delivery address"), max_length=255, blank=True)
    note = models.TextField(_("note to the seller"), blank=True, max_length=2000)
    state = models.CharField(
        _("state"), max_length=20, choices=OrderState.choices, default=OrderState.REQUESTED
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("ordered"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("order request")
        verbose_name_plural = _("order requests")
        indexes = [
            models.Index(fields=["seller", "state", "-created_at"], name="order_seller_state"),
            models.Index(fields=["seller", "-created_at"], name="order_seller_newest"),
            models.Index(fields=["buyer", "-created_at"], name="order_buyer_newest"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.seller}"

    def get_absolute_url(self):
        return reverse("market:order", kwargs={"code": self.code})

    @property
    def contacts_revealed(self) -> bool:
        """The seller's private contacts are shown once the seller has confirmed."""
        return self.state in (OrderState.CONFIRMED, OrderState.READY, OrderState.HANDED_OVER)


class OrderItem(models.Model):
    """A line of an order. `reserved` is how much stock this line holds (0 until confirmed)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="order_items")
    quantity = models.PositiveIntegerField(_("quantity"))
    proposed_quantity = models.PositiveIntegerField(null=True, blank=True)
    reserved = models.PositiveIntegerField(default=0)
    # As it was when ordered: a later change of the product does not change the order.
    name = models.CharField(max_length=200)
    price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=0, quantity__lte=MAX_QUANTITY),
                name="order_item_quantity_range",
            ),
            models.UniqueConstraint(fields=["order", "product"], name="order_item_once"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.name}"


class OrderLogEntry(AppendOnlyModel):
    """Audit of an order's moves: who, when, from, to, note. Cannot be edited."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="log_entries")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    side = models.CharField(max_length=10)
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["order", "created_at"], name="order_log_order")]

    def __str__(self):
        return f"#{self.order_id}: {self.from_state} → {self.to_state}"

    @property
    def to_label(self) -> str:
        return OrderState(self.to_state).label
