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
        # Its section of the person's page (accounts.mypage): "My tests".
        from kaimolink.accounts import mypage
        from kaimolink.quizzes import mypage as quizzes_mypage

        mypage.register_section(
            self.label,
            order=38,
            title=_("My tests"),
            template="quizzes/_me_section.html",
            builder=quizzes_mypage.build,
        )
