from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "kaimolink.moderation"
    label = "moderation"
    verbose_name = _("Reports and moderation")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.moderation import gdpr

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
