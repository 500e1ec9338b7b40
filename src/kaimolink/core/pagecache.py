"""Whole-page cache for anonymous visitors of public pages.

The directory, map and profile pages are the same for every visitor who is not logged
in, and they are read far more often than actors change. A cached page is keyed by the
language, the full address (scheme, host, path and filters), whether htmx asked for a
fragment, and the "public pages" generation, which every change of public content
increases (signals in core.apps; bulk writers call `public_pages_changed()`), so a change
shows at once.

Not cached: logged-in people, visitors with a session or pending messages, anything but
GET, answers other than 200, answers that set cookies. Pages served from here must not
contain a CSRF token: public pages use GET forms and links only.

Sections narrow that down for changes that are frequent and shown on few pages: a
registration changes "places left" on the event pages and in the events API, nothing
else. Such changes call `public_pages_changed("registrations")`, and only pages declared
with `@cache_public_page(sections=("registrations",))` also key on that section's
generation; a registration rush leaves the directory, the map and the profiles cached.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from kaimolink.core.models import ContentGeneration

GENERATION = "public_pages"


def _key(section: str | None) -> str:
    return GENERATION if section is None else f"{GENERATION}:{section}"


def public_pages_generation(sections: tuple[str, ...] = ()) -> str:
    """The generation of all public pages, and of each of `sections`, in one query."""
    keys = [_key(None), *(_key(section) for section in sections)]
    values = dict(ContentGeneration.objects.filter(key__in=keys).values_list("key", "value"))
    return ".".join(str(values.get(key, 0)) for key in keys)


def public_pages_changed(section: str | None = None) -> None:
    """Make cached public pages stale (after the current transaction commits): all of them,
    or with a `section`, only the pages declared with that section."""
    key = _key(section)

    def bump():
        updated = ContentGeneration.objects.filter(key=key).update(value=F("value") + 1)
        if not updated:
            ContentGeneration.objects.get_or_create(key=key, defaults={"value": 1})

    transaction.on_commit(bump)


def _cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def cache_public_page(view=None, *, sections: tuple[str, ...] = ()):
    """Serve the view's answer from the cache to anonymous visitors (see module doc).

    `@cache_public_page`, or `@cache_public_page(sections=(...))` for a page that also
    shows what changes in those sections.
    """
    if view is None:
        return lambda view: cache_public_page(view, sections=sections)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PUBLIC_PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        # The scheme and host too: pages with full links (calendar files) differ between
        # http and https (behind a TLS proxy) and between the names of the site.
        path = hashlib.blake2b(request.build_absolute_uri().encode(), digest_size=16).hexdigest()
        fragment = "f" if request.headers.get("HX-Request") else "p"
        generation = public_pages_generation(sections)
        key = f"page:{generation}:{request.LANGUAGE_CODE}:{fragment}:{path}"
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
