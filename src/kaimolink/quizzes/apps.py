from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Tests drawn from question banks: attempts, time limits, pass marks."""

    name = "kaimolink.quizzes"
    label = "quizzes"
    verbose_name = _("Tests")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.quizzes import gdpr

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
