from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    """The community-business certification: schemes, applications, assessments, marks."""

    name = "kaimolink.certification"
    label = "certification"
    verbose_name = _("Certification")

    def ready(self):
        # Licences are shown on public pages (the registry, verification, the directory),
        # accreditations on the verification page: every change of one makes the cached
        # pages stale.
        from django.db.models.signals import post_delete, post_save

        from kaimolink.accounts import personal_data
        from kaimolink.certification import gdpr, rules  # noqa: F401
        from kaimolink.certification.models import Accreditation, Licence
        from kaimolink.core.pagecache import public_pages_changed

        def changed(**kwargs):
            public_pages_changed()

        post_save.connect(changed, sender=Licence, weak=False, dispatch_uid="licence_saved")
        post_delete.connect(changed, sender=Licence, weak=False, dispatch_uid="licence_deleted")
        # An accreditation's certificate is verified on the same cached page.
        for signal, uid in (
            (post_save, "accreditation_saved"),
            (post_delete, "accreditation_deleted"),
        ):
            signal.connect(changed, sender=Accreditation, weak=False, dispatch_uid=uid)
        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
        # Accreditation tests and credentials (certification/wiring.py).
        from kaimolink.certification import wiring

        wiring.connect()
