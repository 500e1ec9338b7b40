from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "kaimolink.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        # Cached public pages go stale when questions, answers or times change.
        from kaimolink.accounts import personal_data
        from kaimolink.consultations import gdpr, rules, signals  # noqa: F401

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
        # Its section of the person's page (accounts.mypage).
        from kaimolink.accounts import mypage
        from kaimolink.consultations import mypage as consultations_mypage

        mypage.register_section(
            self.label,
            order=40,
            title=_("My consultation bookings"),
            template="consultations/_me_section.html",
            builder=consultations_mypage.build,
        )
