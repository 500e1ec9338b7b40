"""Site-wide pages that gather from several domains (the home page, the privacy notice).

The person's page is `accounts.views.dashboard`: each app adds its section through
`accounts.mypage`."""

from django.conf import settings
from django.shortcuts import render

from kaimolink.actors.importing import KEEP_IMPORTS_DAYS
from kaimolink.actors.invitations import KEEP_INVITATIONS_DAYS
from kaimolink.actors.models import INVITATION_VALID_DAYS
from kaimolink.actors.selectors import lags_with_actor_counts
from kaimolink.core.mail import RETRY_DELAYS
from kaimolink.core.pagecache import cache_public_page


@cache_public_page
def home(request):
    return render(request, "core/home.html", {"lags": lags_with_actor_counts()})


@cache_public_page
def privacy(request):
    """The privacy notice. Its periods come from the code that applies them, so the page
    cannot drift from what the platform does (tests/test_privacy.py reads it)."""
    return render(
        request,
        "accounts/privacy.html",
        {
            "keep_imports_days": KEEP_IMPORTS_DAYS,
            "keep_invitations_days": KEEP_INVITATIONS_DAYS,
            "invitation_valid_days": INVITATION_VALID_DAYS,
            "session_days": settings.SESSION_COOKIE_AGE // (24 * 60 * 60),
            "mail_retry_hours": round(sum(RETRY_DELAYS) / 3600),
        },
    )
