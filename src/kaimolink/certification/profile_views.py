"""The mark on an actor's public profile (actors/detail.html reverses these names and
imports nothing): the certification mark with the number of the actor's licence in force,
and a link to that licence's registry entry. Neither exists while no licence is in force."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kaimolink.certification import mark, selectors

MARK_MAX_AGE = 300  # seconds: a withdrawn mark is gone from the profile at once, from here soon


def _licence_in_force(slug: str):
    licence = (
        selectors.licences_valid_on(timezone.localdate())
        .filter(actor__slug=slug, actor__status="published")
        .order_by("-valid_from", "-pk")
        .first()
    )
    if licence is None:
        raise Http404
    return licence


@require_GET
@cache_control(public=True, max_age=MARK_MAX_AGE)
def holder_mark(request, slug):
    """The mark (SVG, colour) with the number of the actor's licence in force; 404 if none."""
    licence = _licence_in_force(slug)
    svg = mark.mark_svg(number=licence.number, variant="colour", language=get_language())
    return HttpResponse(svg, content_type="image/svg+xml")


@require_GET
def holder_entry(request, slug):
    """The registry entry of the actor's licence in force; 404 if none."""
    return redirect("certification:registry_entry", number=_licence_in_force(slug).number)
