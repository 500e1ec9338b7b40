from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    TRAINING = "training", _("Training")
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Creative workshop")
    MEETING = "meeting", _("Partner meeting")
    INFO = "info", _("Information event")
    FINAL = "final", _("Final event")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INVITED = "invited", _("Invited only")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# Statuses of events that visitors may see (drafts only their organisers).
VISIBLE_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.HELD)
# Registrations that hold a place or a place in the queue.
LIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
