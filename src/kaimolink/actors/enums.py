from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorType(models.TextChoices):
    COMMUNITY_ORGANISATION = "community_org", _("Community organisation")
    COMMUNITY_BUSINESS = "community_business", _("Community business")
    SOCIAL_BUSINESS = "social_business", _("Social business")
    SME = "sme", _("Small or medium business")
    FARMER = "farmer", _("Farmer")
    BUSINESS_LICENCE = "licence", _("Business licence / individual activity")
    PUBLIC_BODY = "public_body", _("Public body")
    OTHER = "other", _("Other")


class ActorStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class CertificationStatus(models.TextChoices):
    """Filled by the certification capability; the directory filters on it already."""

    NONE = "none", _("Not certified")
    CERTIFIED = "certified", _("Certified community business")
    SUSPENDED = "suspended", _("Certificate suspended")


class MemberRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")


# Which moves between states are allowed, and who makes them ("member" or "coordinator").
STATUS_TRANSITIONS = {
    (ActorStatus.DRAFT, ActorStatus.PENDING): "member",
    (ActorStatus.PENDING, ActorStatus.PUBLISHED): "coordinator",
    (ActorStatus.PENDING, ActorStatus.DRAFT): "coordinator",  # returned with a reason
    (ActorStatus.DRAFT, ActorStatus.PUBLISHED): "coordinator",
    (ActorStatus.PUBLISHED, ActorStatus.ARCHIVED): "coordinator",
    (ActorStatus.ARCHIVED, ActorStatus.PUBLISHED): "coordinator",
    (ActorStatus.PUBLISHED, ActorStatus.DRAFT): "coordinator",
}
