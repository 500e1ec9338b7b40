from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "kaimolink.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.notifications import gdpr

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
