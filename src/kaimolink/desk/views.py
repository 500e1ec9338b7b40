from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kaimolink.desk import selectors


def desk_user_or_404(request):
    """The person, when they may use the desk (a coordinator or an administrator); anyone
    else gets 404: for them the page does not exist."""
    if not selectors.may_use_desk(request.user):
        raise Http404
    return request.user


@login_required
@require_GET
def home(request):
    """The coordinator's desk: what needs them in their LAGs, each with a link to where
    they act on it. Anyone else gets 404 (the page does not exist for them), as does a
    `?lag=` they do not coordinate."""
    user = desk_user_or_404(request)
    lags = selectors.desk_lags(user)
    chosen = None
    slug = request.GET.get("lag", "")
    if slug:
        chosen = next((lag for lag in lags if lag.slug == slug), None)
        if chosen is None:
            raise Http404
    desk = selectors.desk_of(user=user, lags=lags, lag=chosen)
    return render(
        request,
        "desk/home.html",
        {
            "desk": desk,
            "lags": lags,
            "chosen": chosen,
            "several_lags": len(lags) > 1,
            "empty_advice": [
                _(
                    "New actor profiles, reports and homework, and events that need their "
                    "attendance marked or certificates issued, will appear here."
                )
            ],
        },
    )
