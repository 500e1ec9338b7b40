from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "kaimolink.partnerships"
    label = "partnerships"
    verbose_name = _("Partnership offers and requests")

    def ready(self):
        from kaimolink.partnerships import rules, signals  # noqa: F401
