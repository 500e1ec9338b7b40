"""The fixed lists of the market: categories, kinds, availability, statuses, order states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """A short fixed list, so that facets, fairs' halls and the API agree on it."""

    FOOD = "food", _("Food")
    CRAFTS = "crafts", _("Crafts")
    HOME_GARDEN = "home_garden", _("Home and garden")
    SERVICES = "services", _("Services")
    TOURISM = "tourism", _("Tourism")
    OTHER = "other", _("Other")


class ProductKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    SERVICE = "service", _("Service")


class Availability(models.TextChoices):
    IN_STOCK = "in_stock", _("In stock")
    TO_ORDER = "to_order", _("Made to order")
    SEASONAL = "seasonal", _("Seasonal")


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for the coordinator")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class Handover(models.TextChoices):
    """How the buyer gets the goods."""

    PICKUP = "pickup", _("Pick-up")
    DELIVERY = "delivery", _("Delivery")
    POST = "post", _("By post")


class OrderState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CHANGES_PROPOSED = "changes_proposed", _("Changes proposed by the seller")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    READY = "ready", _("Ready")
    HANDED_OVER = "handed_over", _("Handed over")
    CANCELLED = "cancelled", _("Cancelled")


class Side(models.TextChoices):
    """Who moves an order: the seller's members or the buyer."""

    SELLER = "seller", _("seller")
    BUYER = "buyer", _("buyer")
    EITHER = "either", _("either side")


MONTHS = [
    (1, _("January")), (2, _("February")), (3, _("March")), (4, _("April")),
    (5, _("May")), (6, _("June")), (7, _("July")), (8, _("August")),
    (9, _("September")), (10, _("October")), (11, _("November")), (12, _("December")),
]  # fmt: skip
