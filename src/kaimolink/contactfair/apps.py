from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactFairConfig(AppConfig):
    name = "kaimolink.contactfair"
    label = "contactfair"
    verbose_name = _("Contact fair")
