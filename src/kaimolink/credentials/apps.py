from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    """Open Badges 3.0 verifiable credentials: the platform's key, issuer and status list."""

    name = "kaimolink.credentials"
    label = "credentials"
    verbose_name = _("Verifiable credentials")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.credentials import gdpr

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
