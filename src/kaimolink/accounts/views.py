import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kaimolink.accounts import mypage
from kaimolink.accounts.forms import DeleteAccountForm
from kaimolink.accounts.services import account_erase, personal_data_export


@login_required
@require_GET
def dashboard(request):
    """The person's page: each app's section (accounts.mypage), then links into the site.

    Each section's template is rendered here with the request, so that it has `user`,
    the CSRF token and the language like any page template.
    """
    user = request.user
    sections = [
        {
            "key": built.key,
            "title": built.title,
            "html": mark_safe(render_to_string(built.template, built.context, request=request)),
        }
        for built in mypage.build(user)
    ]
    return render(
        request,
        "accounts/dashboard.html",
        {
            "sections": sections,
            "is_coordinator": bool(user.coordinated_lag_ids()) or user.is_superuser,
        },
    )


@login_required
@require_GET
def data_export(request):
    data = personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="kaimolink-my-data.json"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            logout(request)
            account_erase(user=user)
            messages.success(request, _("Your account and personal data were deleted."))
            return redirect("home")
        return render(request, "accounts/delete.html", {"form": form}, status=400)
    return render(request, "accounts/delete.html", {"form": form})
