from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "kaimolink.market"
    label = "market"
    verbose_name = _("Local market")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.market import gdpr

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
