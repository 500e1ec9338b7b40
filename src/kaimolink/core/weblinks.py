"""Web addresses that people type in (actor websites, online meeting links): only http(s).

An address typed by a person ends up in `<a href="…">`. A `javascript:` or `data:` address
there runs in the reader's browser, so input is checked with `validate_web_url` and output
goes through `safe_web_url` (the `web_link` template filter), which gives a link only for
http and https and plain text for anything else (rows saved before the check, imports).
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")

_validator = URLValidator(schemes=list(WEB_SCHEMES))


def validate_web_url(value: str) -> None:
    """Raise ValidationError unless `value` is a full http:// or https:// address."""
    try:
        _validator(value)
    except ValidationError:
        raise ValidationError(
            _("Write a full web address starting with https:// (or http://)."),
            code="web_url",
        ) from None


def safe_web_url(value) -> str | None:
    """`value` stripped if it is an http(s) address a browser follows as such, else None.

    Browsers drop tabs and new lines inside a URL and ignore leading spaces, so
    " java\\tscript:…" counts as `javascript:`: those characters refuse the address.
    """
    if not value:
        return None
    text = str(value).strip()
    if any(ord(ch) < 32 for ch in text):
        return None
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return None
    if scheme not in WEB_SCHEMES:
        return None
    try:
        _validator(text)
    except ValidationError:
        return None
    return text
