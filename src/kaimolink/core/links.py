"""Full addresses of the site's pages, for what is read outside it: e-mails, PDFs, QR codes."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override


def absolute(path: str) -> str:
    """SITE_URL + a path of this site; an address that is already full is kept as it is."""
    return settings.SITE_URL.rstrip("/") + path if path.startswith("/") else path


def page_link(viewname: str, *, language: str = "lt", **kwargs) -> str:
    """The full address of a page in `language` (e-mails default to the Lithuanian pages)."""
    with override(language):
        return absolute(reverse(viewname, kwargs=kwargs or None))
