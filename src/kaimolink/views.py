"""Site-wide pages that gather from several domains (the home page)."""

from django.shortcuts import render

from kaimolink.actors.selectors import lags_with_actor_counts
from kaimolink.core.pagecache import cache_public_page


@cache_public_page
def home(request):
    return render(request, "core/home.html", {"lags": lags_with_actor_counts()})
