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
        # Its section of the person's page (accounts.mypage).
        from kaimolink.accounts import mypage
        from kaimolink.homework import mypage as homework_mypage

        mypage.register_section(
            self.label,
            order=20,
            title=_("My homework"),
            template="homework/_me_section.html",
            builder=homework_mypage.build,
        )
