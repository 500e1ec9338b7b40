from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kaimolink.core.models import Lag
from kaimolink.core.pagecache import cache_public_page
from kaimolink.events import selectors, services
from kaimolink.events.enums import RegistrationStatus, Visibility
from kaimolink.events.forms import CancelForm, EventFilterForm, RegistrationForm
from kaimolink.events.ical import calendar_file
from kaimolink.events.models import Event

EVENTS_PAGE_SIZE = 20


def get_event_for_user(user, slug: str) -> Event:
    """The event, when this person may see it; 404 whether it is missing or forbidden."""
    event = selectors.event_for_page(slug)
    if event is None or not user.has_perm("events.view_event", event):
        raise Http404
    return event


@require_GET
@cache_public_page
def event_list(request):
    form = EventFilterForm(request.GET)
    page, status = None, 400
    if form.is_valid():
        status = 200
        paginator = Paginator(selectors.events_upcoming(**form.to_filter()), EVENTS_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "querystring": params.urlencode()}
    template = "events/_results.html" if request.htmx else "events/list.html"
    return render(request, template, context, status=status)


def _detail_context(request, event: Event, *, form=None, cancel_form=None) -> dict:
    user = request.user
    now = timezone.now()
    context = {
        "event": event,
        "registration_open": event.registration_is_open(now),
        "self_registration": event.visibility == Visibility.PUBLIC,
        "started": event.starts_at is not None and now >= event.starts_at,
    }
    if not user.is_authenticated:  # the cached public page: no forms, no CSRF token
        return context
    mine = selectors.live_registration(event=event, person=user)
    can_follow = user.has_perm("events.view_participants", event)
    context.update(
        my_registration=mine,
        waiting_position=(
            selectors.waiting_position(mine)
            if mine and mine.status == RegistrationStatus.WAITING
            else None
        ),
        form=form or RegistrationForm(event=event, user=user),
        cancel_form=cancel_form or CancelForm(),
        can_follow=can_follow,
        can_manage=user.has_perm("events.manage_registrations", event),
        participants=selectors.registrations_of_event(event=event) if can_follow else None,
    )
    return context


@require_GET
@cache_public_page
def event_detail(request, slug):
    event = get_event_for_user(request.user, slug)
    return render(request, "events/detail.html", _detail_context(request, event))


@login_required
@require_POST
def register(request, slug):
    event = get_event_for_user(request.user, slug)
    form = RegistrationForm(request.POST, event=event, user=request.user)
    if not form.is_valid():
        return render(
            request, "events/detail.html", _detail_context(request, event, form=form), status=400
        )
    try:
        registration = services.registration_create(
            event=event,
            person=request.user,
            actor=form.cleaned_data["actor"],
            answers=form.answers(),
        )
    except services.RegistrationError as exc:
        form.add_error(None, str(exc))
        return render(
            request, "events/detail.html", _detail_context(request, event, form=form), status=409
        )
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("You are registered. See you at the event!"))
    else:
        messages.info(
            request,
            _(
                "The event is full: you are on the waiting list and will get an e-mail "
                "when a place is yours."
            ),  # fmt: skip
        )
    return redirect(event)


@login_required
@require_POST
def cancel_registration(request, slug, pk):
    event = get_event_for_user(request.user, slug)
    registration = selectors.registration_for_user(user=request.user, event=event, pk=pk)
    if registration is None:
        raise Http404
    form = CancelForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, event, cancel_form=form)
        return render(request, "events/detail.html", context, status=400)
    try:
        services.registration_cancel(
            registration=registration, by=request.user, reason=form.cleaned_data["reason"]
        )
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
        event = get_event_for_user(request.user, slug)  # fresh counts for the page
        return render(request, "events/detail.html", _detail_context(request, event), status=409)
    messages.success(request, _("The registration is cancelled."))
    return redirect(event)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@cache_public_page
def calendar_ics(request):
    """All public events (`?lag=<slug>` for one LAG's) as a calendar to subscribe to."""
    lag = None
    if request.GET.get("lag"):
        lag = Lag.objects.filter(slug=request.GET["lag"]).first()
        if lag is None:
            raise Http404
    events = selectors.events_for_calendar(lag=lag)
    name = f"kaimolink · {lag}" if lag else "kaimolink"
    content = calendar_file(
        events, name=name, url_for=lambda e: request.build_absolute_uri(e.get_absolute_url())
    )
    if lag is not None:
        return _ics_response(content, f"kaimolink-{lag.slug}.ics")
    return _ics_response(content, "kaimolink.ics")


@require_GET
@cache_public_page
def event_ics(request, slug):
    """The "add to calendar" file of one event."""
    event = get_event_for_user(request.user, slug)
    content = calendar_file(
        [event],
        name=event.title,
        url_for=lambda e: request.build_absolute_uri(e.get_absolute_url()),
    )
    return _ics_response(content, f"{event.slug}.ics")
