from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kaimolink.core"
    label = "core"
    verbose_name = _("Territories")

    def ready(self):
        from kaimolink.core import db  # noqa: F401  registers SQLite functions
