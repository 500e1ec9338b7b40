from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "kaimolink.partnerships"
    label = "partnerships"
    verbose_name = _("Partnership offers and requests")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.partnerships import gdpr, rules, signals  # noqa: F401

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
