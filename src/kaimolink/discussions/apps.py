from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "kaimolink.discussions"
    label = "discussions"
    verbose_name = _("Discussions")

    def ready(self):
        # Changes of topics and replies make cached public pages stale.
        from kaimolink.accounts import personal_data
        from kaimolink.discussions import (
            gdpr,
            signals,  # noqa: F401
        )

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
