"""A coordinator's settlement pages: the LAG's list with search, add one, merge a duplicate.

Every page is under the LAG (`/settlements/<lag>/…`); a LAG the person does not coordinate
answers 404, as if it did not exist (an administrator may manage every LAG).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kaimolink.core.confirm import confirm_page, is_confirmed
from kaimolink.core.models import Settlement
from kaimolink.core.settlement_forms import MergeForm, SettlementForm
from kaimolink.core.settlements import (
    SettlementError,
    lag_for_coordinator,
    lags_coordinated_by,
    references_to,
    settlement_create,
    settlement_merge,
    settlements_of_lag,
)

PAGE_SIZE = 50
MAX_QUERY_LENGTH = 100


def _lag_or_404(request, lag_slug):
    lag = lag_for_coordinator(request.user, lag_slug)
    if lag is None:
        raise Http404
    return lag


@login_required
@require_GET
def home(request):
    """The one LAG's list straight away; a person with several LAGs chooses one."""
    lags = list(lags_coordinated_by(request.user))
    if not lags:
        raise Http404
    if len(lags) == 1:
        return redirect("settlements:list", lag_slug=lags[0].slug)
    return render(request, "core/settlements/home.html", {"lags": lags})


@login_required
@require_GET
def settlement_list(request, lag_slug):
    lag = _lag_or_404(request, lag_slug)
    q = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    page = Paginator(settlements_of_lag(lag, q=q), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "lag": lag,
        "q": q,
        "page": page,
        "querystring": urlencode({"q": q}) if q else "",
        "empty_advice": [
            _("Check the spelling; the search ignores letters with diacritics."),
            _("If the settlement is missing, add it."),
        ],
    }
    return render(request, "core/settlements/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def settlement_add(request, lag_slug):
    lag = _lag_or_404(request, lag_slug)
    form = SettlementForm(request.POST or None, lag=lag)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                settlement = settlement_create(lag=lag, **form.cleaned_data)
            except SettlementError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("%(name)s was added to the list.") % {"name": settlement.name}
                )
                return redirect(
                    reverse("settlements:list", args=[lag.slug])
                    + "?"
                    + urlencode({"q": settlement.name})
                )
        status = 400
    context = {
        "lag": lag,
        "form": form,
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    return render(request, "core/settlements/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def settlement_merge_view(request, lag_slug, pk):
    """Choose the settlement to keep, confirm, then move every reference and delete."""
    lag = _lag_or_404(request, lag_slug)
    duplicate = get_object_or_404(Settlement.objects.filter(district__lags=lag), pk=pk)
    form = MergeForm(request.POST or None, duplicate=duplicate)
    list_url = reverse("settlements:list", args=[lag.slug])
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["keep"]
        if not is_confirmed(request):
            details = [
                _("%(what)s: %(count)d") % {"what": what, "count": count}
                for what, count in references_to(duplicate)
            ] or [_("Nothing refers to it yet.")]
            return confirm_page(
                request,
                title=_("Merge settlements"),
                question=_(
                    "Move everything listed in %(duplicate)s to %(keep)s and delete %(duplicate)s?"
                )
                % {"duplicate": duplicate.name, "keep": keep.name},
                details=details,
                button_label=_("Yes, merge and delete %(name)s") % {"name": duplicate.name},
                back_url=list_url,
                hidden={"keep": keep.pk},
            )
        try:
            moved = settlement_merge(lag=lag, duplicate=duplicate, keep=keep)
        except SettlementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(duplicate)s was merged into %(keep)s (records moved: %(count)d).")
                % {"duplicate": duplicate.name, "keep": keep.name, "count": moved},
            )
            return redirect(list_url + "?" + urlencode({"q": keep.name}))
    context = {
        "lag": lag,
        "duplicate": duplicate,
        "form": form,
        "references": references_to(duplicate),
    }
    status = 400 if form.is_bound else 200
    return render(request, "core/settlements/merge.html", context, status=status)
