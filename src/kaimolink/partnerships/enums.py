from django.db import models
from django.utils.translation import gettext_lazy as _


class PostKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    REQUEST = "request", _("Request")


class PostStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    # Taken off the board by a coordinator (spam, abuse); only its actor and coordinators see it.
    HIDDEN = "hidden", _("Hidden by the coordinator")


class Area(models.TextChoices):
    """Where partners may come from. For matchmaking, "own LAG" keeps only actors of the
    posting actor's LAG; the other two keep every actor on the platform (see
    docs/matchmaking.md: "anywhere" also tells visitors from outside that they are welcome)."""

    OWN_LAG = "own_lag", _("Our LAG only")
    PLATFORM = "platform", _("All LAGs on the platform")
    ANYWHERE = "anywhere", _("Anywhere")
