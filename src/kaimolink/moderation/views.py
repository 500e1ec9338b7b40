from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kaimolink.moderation.selectors import can_moderate_reports, reports_visible_to
from kaimolink.moderation.services import report_create, report_handle

PAGE_SIZE = 30


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("What is wrong with it?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write in a few words what is wrong.")},
    )


def report_page(request, *, target, title: str, excerpt: str, back_url: str, lag):
    """The "Report" page of anything public: a reason, then a report for the moderators.

    Apps call it from their own view, which finds `target` and checks the person may see
    it. `lag` chooses the moderators (None: platform administrators only).
    """
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            report_create(
                reporter=request.user,
                target=target,
                reason=form.cleaned_data["reason"],
                excerpt=excerpt,
                url=back_url,
                lag=lag,
            )
            messages.success(request, _("Thank you: the moderators will look at it."))
            return redirect(back_url)
        status = 400
    else:
        status = 200
    context = {"form": form, "title": title, "excerpt": excerpt, "back_url": back_url}
    return render(request, "moderation/report.html", context, status=status)


class HandleForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("acted", gettext_lazy("Action taken")),
            ("dismissed", gettext_lazy("Nothing wrong")),
        ],
        error_messages={"required": gettext_lazy("Choose a decision")},
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000)


@login_required
def queue(request):
    if not can_moderate_reports(request.user):
        raise PermissionDenied
    show = request.GET.get("show", "open")
    reports = reports_visible_to(request.user, open_only=show != "all")
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/queue.html",
        {"page": page, "show": show, "querystring": f"show={show}"},
    )


@login_required
@require_POST
def handle(request, pk: int):
    if not can_moderate_reports(request.user):
        raise PermissionDenied
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    form = HandleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether action was taken."))
        return redirect("moderation:queue")
    report_handle(
        report=report,
        by=request.user,
        acted=form.cleaned_data["decision"] == "acted",
        note=form.cleaned_data["note"],
    )
    messages.success(request, _("The report is marked as handled."))
    return redirect("moderation:queue")
