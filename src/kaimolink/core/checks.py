"""System checks of the settings a production site needs (`kaimolink check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


@checks.register(checks.Tags.security, deploy=True)
def site_url_check(app_configs, **kwargs):
    """SITE_URL is the address printed on certificates, in their QR codes and in e-mails:
    links that are read away from the site, long after, so they cannot take the address
    from a request (whose Host header the client chooses). Left unset it is this machine's
    development address, which nobody else can open."""
    parts = urlsplit(settings.SITE_URL or "")
    if parts.scheme in {"http", "https"} and (parts.hostname or "") not in LOCAL_HOSTS:
        return []
    return [
        checks.Warning(
            f"SITE_URL is {settings.SITE_URL!r}: certificates, QR codes and e-mails would "
            "link to an address nobody else can open.",
            hint="Set SITE_URL to the site's public address, e.g. https://vvg.example.lt",
            id="kaimolink.W001",
        )
    ]
