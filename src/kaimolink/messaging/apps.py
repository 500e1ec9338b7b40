from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "kaimolink.messaging"
    label = "messaging"
    verbose_name = _("Messages between actors")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.messaging import gdpr

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
