from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The coordinator's desk: what needs the coordinators of a LAG, gathered from the
    apps below (no models of its own)."""

    name = "kaimolink.desk"
    label = "desk"
    verbose_name = _("Desk")
