from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "kaimolink.actors"
    label = "actors"
    verbose_name = _("Rural development actors")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.actors import (
            gdpr,
            lookups,  # noqa: F401  registers __lt_fts
        )

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
