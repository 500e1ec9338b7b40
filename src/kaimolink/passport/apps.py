from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PassportConfig(AppConfig):
    name = "kaimolink.passport"
    label = "passport"
    verbose_name = _("Learning record")

    def ready(self):
        # The sections kaimolink can already fill (events, homework, certificates); the
        # certification app's accreditations and marks join through the same registry.
        from kaimolink.passport import entries

        entries.register_sections()
        # Accreditations (person) and certification marks (actor).
        from kaimolink.passport import certification

        certification.register_sections()
        # A link to the record from the person's page (accounts.mypage).
        from kaimolink.accounts import mypage
        from kaimolink.passport import mypage as passport_mypage

        mypage.register_section(
            self.label,
            order=35,
            title=_("My learning record"),
            template="passport/_me_section.html",
            builder=passport_mypage.build,
        )
