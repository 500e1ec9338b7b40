"""The fixed lists of tourism: kinds of service, statuses, enquiry states, languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    ACCOMMODATION = "accommodation", _("Accommodation")
    FOOD = "food", _("Meals")
    EXPERIENCE = "experience", _("Experience or workshop")
    ROUTE = "route", _("Guided route")
    HERITAGE = "heritage", _("Heritage site")
    EVENT = "event", _("Event for visitors")


class ServiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for the coordinator")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class EnquiryState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the provider")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class Language(models.TextChoices):
    """Languages a provider speaks with visitors (ISO 639-1 codes, as schema.org wants)."""

    LT = "lt", _("Lithuanian")
    EN = "en", _("English")
    RU = "ru", _("Russian")
    PL = "pl", _("Polish")
    DE = "de", _("German")
    LV = "lv", _("Latvian")
    FR = "fr", _("French")
