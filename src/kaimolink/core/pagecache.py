"""Whole-page cache for anonymous visitors of public pages.

The directory, map and profile pages are the same for every visitor who is not logged
in, and they are read far more often than actors change. A cached page is keyed by the
language, the full path (filters included), whether htmx asked for a fragment, and the
"public pages" generation, which every change of public content increases (signals in
core.apps; bulk writers call `public_pages_changed()`), so a change shows at once.

Not cached: logged-in people, visitors with a session or pending messages, anything but
GET, answers other than 200, answers that set cookies. Pages served from here must not
contain a CSRF token: public pages use GET forms and links only.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from kaimolink.core.models import ContentGeneration

GENERATION = "public_pages"


def public_pages_generation() -> int:
    row = ContentGeneration.objects.filter(key=GENERATION).values_list("value", flat=True)
    return next(iter(row), 0)


def public_pages_changed() -> None:
    """Make every cached public page stale (after the current transaction commits)."""

    def bump():
        updated = ContentGeneration.objects.filter(key=GENERATION).update(value=F("value") + 1)
        if not updated:
            ContentGeneration.objects.get_or_create(key=GENERATION, defaults={"value": 1})

    transaction.on_commit(bump)


def _cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def cache_public_page(view):
    """Serve the view's answer from the cache to anonymous visitors (see module doc)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PUBLIC_PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
        fragment = "f" if request.headers.get("HX-Request") else "p"
        key = f"page:{public_pages_generation()}:{request.LANGUAGE_CODE}:{fragment}:{path}"
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            cache.set(key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response

    return wrapper
