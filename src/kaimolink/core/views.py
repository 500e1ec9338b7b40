from pathlib import Path

from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from kaimolink.core.patterns import empty_advice, sample_form, sample_rows

FAVICON = Path(__file__).resolve().parent / "static" / "kaimolink" / "favicon.ico"


@never_cache
def healthz(request):
    """Liveness through the whole middleware stack; touches no database on purpose."""
    return HttpResponse("ok", content_type="text/plain")


@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    """Browsers ask for /favicon.ico whatever a page says; answered from the package."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


def csrf_failure(request, reason=""):
    """A form sent from a stale page or without cookies (settings.CSRF_FAILURE_VIEW): the
    site's own page, in the person's language, saying what to do (Django's is English)."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """handler500: a page that needs nothing that may have failed (no database, no context
    processors, no person), in the language the request was in."""
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_GET
def patterns(request):
    """The design system's components, live (docs/design-system.md); staff only, 404 for
    everyone else, so the page is not a public part of the site."""
    if not request.user.is_staff:
        raise Http404
    context = {"form": sample_form(), "rows": sample_rows(), "empty_advice": empty_advice()}
    return render(request, "core/patterns.html", context)
