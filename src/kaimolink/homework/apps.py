from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeworkConfig(AppConfig):
    name = "kaimolink.homework"
    label = "homework"
    verbose_name = _("Homework")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.homework import gdpr

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
