from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactFairConfig(AppConfig):
    name = "kaimolink.contactfair"
    label = "contactfair"
    verbose_name = _("Contact fair")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.contactfair import gdpr

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
