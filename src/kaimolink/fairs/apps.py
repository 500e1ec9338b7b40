from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    name = "kaimolink.fairs"
    label = "fairs"
    verbose_name = _("Virtual fairs")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.core.signals import watch_public_model
        from kaimolink.fairs import gdpr
        from kaimolink.fairs.models import Booth, Fair

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
        # The read API (/api/v1/fairs) is cached for anonymous callers like public pages.
        watch_public_model(Fair, m2m_fields=("lags",))
        watch_public_model(Booth, m2m_fields=("products",))
