from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaimolink.notifications.forms import DeliveriesForm
from kaimolink.notifications.kinds import Kind, default_delivery
from kaimolink.notifications.models import Notification
from kaimolink.notifications.selectors import delivery_choices, notifications_for
from kaimolink.notifications.services import deliveries_set, notifications_mark_read

PAGE_SIZE = 30


@login_required
def notification_list(request):
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
def notification_open(request, pk: int):
    """Follow a notification's link, marking it read (someone else's id: 404)."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notifications_mark_read(user=request.user, ids=[notification.pk])
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = notifications_mark_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def delivery_settings(request):
    chosen = delivery_choices(request.user)
    current = {kind.value: chosen.get(kind.value, default_delivery(kind)) for kind in Kind}
    form = DeliveriesForm(
        request.POST or None, current=current, initial={"language": request.user.language}
    )
    if request.method == "POST":
        if form.is_valid():
            deliveries_set(
                user=request.user,
                choices=form.choices(),
                language=form.cleaned_data["language"],
            )
            messages.success(request, _("Your e-mail choices are saved."))
            return redirect("notifications:settings")
        return render(request, "notifications/settings.html", {"form": form}, status=400)
    return render(request, "notifications/settings.html", {"form": form})
