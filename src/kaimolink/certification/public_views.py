"""The public side of certification: what the scheme is, the registry of licences, a
licence's entry with its QR code. Anonymous pages, cached (core.pagecache); every change
of a licence makes them stale (certification/apps.py)."""

import io

import segno
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kaimolink.certification import public_selectors, selectors
from kaimolink.certification.public_forms import RegistryFilterForm
from kaimolink.core.links import absolute
from kaimolink.core.pagecache import cache_public_page

REGISTRY_PAGE_SIZE = 25


def _scheme_context(scheme, version) -> dict:
    return {
        "scheme": scheme,
        "version": version,
        "criteria": list(selectors.criteria_of(version)) if version else [],
        "history": list(selectors.versions(scheme)),
    }


@require_GET
@cache_public_page
def overview(request):
    """What community-business certification is, who may apply, the steps, and each
    scheme's current rules and criteria with the history of its versions."""
    schemes = [
        _scheme_context(scheme, selectors.current_version(scheme))
        for scheme in public_selectors.public_schemes()
    ]
    return render(request, "certification/public_overview.html", {"schemes": schemes})


@require_GET
@cache_public_page
def version_detail(request, slug, number):
    """One published version as it was published (old decisions were taken under it)."""
    scheme = public_selectors.scheme_by_slug(slug)
    version = public_selectors.published_version(scheme, number) if scheme else None
    if version is None:
        raise Http404
    context = _scheme_context(scheme, version)
    context["current"] = selectors.current_version(scheme)
    return render(request, "certification/public_version.html", context)


@require_GET
@cache_public_page
def registry(request):
    """The holders: filters (LAG, scheme, status, name or number), 25 to a page."""
    form = RegistryFilterForm(request.GET)
    if form.is_valid():
        licences = public_selectors.registry(**form.filters())
        status = 200
    else:
        licences = public_selectors.registry().none()
        status = 400
    page = Paginator(licences, REGISTRY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "querystring": query.urlencode()}
    return render(request, "certification/public_registry.html", context, status=status)


def _licence_or_404(number: str):
    licence = public_selectors.licence_by_number(number)
    if licence is None:
        raise Http404
    return licence


def verification_url(licence) -> str:
    """The address in the QR code: SITE_URL, never the request's host."""
    return absolute(reverse("verify", kwargs={"code": licence.number}))


@require_GET
@cache_public_page
def registry_entry(request, number):
    """One licence: who holds it, under which version, from when to when, its standing,
    and a QR code of its verification address."""
    licence = _licence_or_404(number)
    context = {
        "licence": licence,
        "verified": public_selectors.licence_for_verification(licence.number),
        "verify_url": verification_url(licence),
    }
    return render(request, "certification/public_entry.html", context)


@require_GET
@cache_public_page
def registry_qr(request, number):
    """The QR code of the licence's verification address, as an SVG picture."""
    licence = _licence_or_404(number)
    out = io.BytesIO()
    segno.make(verification_url(licence), error="m").save(
        out, kind="svg", scale=4, border=2, title=licence.number
    )
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")
