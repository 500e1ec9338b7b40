from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    name = "kaimolink.fairs"
    label = "fairs"
    verbose_name = _("Virtual fairs")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.fairs import gdpr

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
