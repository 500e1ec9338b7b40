"""Site-wide pages that gather from several domains (the home page, the person's page)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from kaimolink.actors.selectors import actors_of_member, lags_with_actor_counts
from kaimolink.core.pagecache import cache_public_page


@cache_public_page
def home(request):
    return render(request, "core/home.html", {"lags": lags_with_actor_counts()})


@login_required
def dashboard(request):
    """The person's page (`accounts:dashboard`): their actors and links into every app."""
    user = request.user
    return render(
        request,
        "accounts/dashboard.html",
        {
            "my_actors": actors_of_member(user=user),
            "is_coordinator": bool(user.coordinated_lag_ids()) or user.is_superuser,
        },
    )
