from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "kaimolink.certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        # The verification page is a cached public page: a certificate issued or revoked
        # must show at once, so every change makes the cached pages stale.
        from django.db.models.signals import post_delete, post_save

        from kaimolink.certificates.models import Certificate
        from kaimolink.core.pagecache import public_pages_changed

        def changed(**kwargs):
            public_pages_changed()

        post_save.connect(changed, sender=Certificate, weak=False, dispatch_uid="certificate_saved")
        post_delete.connect(
            changed, sender=Certificate, weak=False, dispatch_uid="certificate_deleted"
        )
        from kaimolink.accounts import personal_data
        from kaimolink.certificates import gdpr

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
        # Its section of the person's page (accounts.mypage).
        from kaimolink.accounts import mypage
        from kaimolink.certificates import mypage as certificates_mypage

        mypage.register_section(
            self.label,
            order=30,
            title=_("My certificates"),
            template="certificates/_me_section.html",
            builder=certificates_mypage.build,
        )
