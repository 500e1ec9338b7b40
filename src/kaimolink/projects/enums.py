from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead partner (coordinator)")
    PARTNER = "partner", _("Partner")
    # A local organisation taking part through a partner LAG (e.g. a community that applied
    # to the project's selection of villages); not a signatory of the cooperation agreement.
    PARTICIPANT = "participant", _("Local organisation taking part")


# Countries a LEADER cooperation partner comes from: the EU and its neighbours (ISO 3166-1).
COUNTRIES = [
    ("LT", _("Lithuania")),
    ("LV", _("Latvia")),
    ("EE", _("Estonia")),
    ("PL", _("Poland")),
    ("FI", _("Finland")),
    ("SE", _("Sweden")),
    ("DK", _("Denmark")),
    ("DE", _("Germany")),
    ("CZ", _("Czechia")),
    ("SK", _("Slovakia")),
    ("AT", _("Austria")),
    ("HU", _("Hungary")),
    ("SI", _("Slovenia")),
    ("HR", _("Croatia")),
    ("RO", _("Romania")),
    ("BG", _("Bulgaria")),
    ("GR", _("Greece")),
    ("CY", _("Cyprus")),
    ("MT", _("Malta")),
    ("IT", _("Italy")),
    ("FR", _("France")),
    ("ES", _("Spain")),
    ("PT", _("Portugal")),
    ("BE", _("Belgium")),
    ("NL", _("Netherlands")),
    ("LU", _("Luxembourg")),
    ("IE", _("Ireland")),
    ("NO", _("Norway")),
    ("IS", _("Iceland")),
    ("CH", _("Switzerland")),
    ("GB", _("United Kingdom")),
    ("UA", _("Ukraine")),
    ("MD", _("Moldova")),
    ("GE", _("Georgia")),
]


class MaterialKind(models.TextChoices):
    """What a file kept with an agreement is (the seed's agreements come with the signed
    text and with the methodological material of the project they led to)."""

    AGREEMENT = "agreement", _("The agreement itself")
    METHODOLOGY = "methodology", _("Methodological material")
    OTHER = "other", _("Other")
