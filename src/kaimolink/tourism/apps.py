from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TourismConfig(AppConfig):
    name = "kaimolink.tourism"
    label = "tourism"
    verbose_name = _("Tourism services")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.tourism import gdpr, rules  # noqa: F401 - rules registers permissions

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
