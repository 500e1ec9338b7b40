"""The fixed lists of virtual fairs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FairStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ApplicationState(models.TextChoices):
    PENDING = "pending", _("Waiting for the coordinator")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


class Period(models.TextChoices):
    """Where a fair is in time (computed from opens_at and closes_at, never stored)."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open now")
    PAST = "past", _("Over")
