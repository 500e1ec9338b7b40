from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimolink.contactfair import selectors, services
from kaimolink.contactfair.forms import FilterForm, JoinForm, MeetingRequestForm
from kaimolink.contactfair.models import FairParticipant, MeetingRequest
from kaimolink.core.confirm import confirm_page, is_confirmed
from kaimolink.events.models import Event

FAIR_PAGE_SIZE = 20


def _event_for(user, slug: str, perm: str) -> Event:
    """The event, when this person may use its fair; 404 whether missing or forbidden."""
    event = selectors.fair_event(slug)
    if event is None or not user.has_perm(perm, event):
        raise Http404
    return event


def _me(event: Event, user) -> FairParticipant:
    me = selectors.participant_of(event=event, person=user)
    if me is None:
        raise Http404
    return me


@login_required
@require_GET
def fair_page(request, slug):
    event = _event_for(request.user, slug, "contactfair.view_fair")
    return _render_fair(request, event)


def _render_fair(
    request, event: Event, *, error: str = "", status: int = 200, meet_with=None, message=""
):
    """The fair page; with `error` (a refused POST) it answers `status` and shows why.

    A refused request to meet comes back with its message in the form it came from
    (`meet_with`: that participant's id)."""
    me = selectors.participant_of(event=event, person=request.user)
    form = FilterForm(request.GET)
    page = None
    if not form.is_valid():
        status = 400
    else:
        participants = selectors.fair_participants(
            event=event, actor_type=form.cleaned_data["actor_type"], q=form.cleaned_data["q"]
        )
        page = Paginator(participants, FAIR_PAGE_SIZE).get_page(request.GET.get("page"))
    asked = set()
    sent = received = []
    if me is not None:
        sent = list(selectors.requests_sent(me))
        received = list(selectors.requests_received(me))
        asked = {r.to_participant_id for r in sent}
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "event": event,
        "form": form,
        "page": page,
        "me": me,
        "asked": asked,
        "sent": sent,
        "received": received,
        "meet_form": MeetingRequestForm(),
        "querystring": params.urlencode(),
        "error": error,
        "meet_with": meet_with,
        "entered_message": message,
    }
    return render(request, "contactfair/fair.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def join(request, slug):
    event = _event_for(request.user, slug, "contactfair.join_fair")
    me = selectors.participant_of(event=event, person=request.user)
    initial = {"actor": me.actor_id, "pitch": me.pitch} if me else {}
    # (Bound on every POST, an empty one included: both fields may be left empty.)
    data = request.POST if request.method == "POST" else None
    form = JoinForm(data, user=request.user, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.fair_join(
                    event=event,
                    person=request.user,
                    actor=form.cleaned_data["actor"],
                    pitch=form.cleaned_data["pitch"] or None,
                )
            except services.ContactFairError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(request, _("You are on the contact fair list."))
                return redirect("contactfair:fair", slug=event.slug)
    context = {"event": event, "form": form, "me": me}
    return render(request, "contactfair/join.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, slug):
    """GET asks to confirm (core.confirm); only the confirmed POST leaves."""
    event = _event_for(request.user, slug, "contactfair.view_fair")
    _me(event, request.user)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Leave the contact fair"),
            question=_(
                "Leave the contact fair of “%s”? Your profile and meeting requests are removed."
            )
            % event.title,
            button_label=_("Leave the contact fair"),
            back_url=reverse("contactfair:fair", args=[event.slug]),
        )
    services.fair_leave(event=event, person=request.user)
    messages.success(request, _("You left the contact fair."))
    return redirect(event)


@login_required
@require_POST
def meet(request, slug, pk):
    event = _event_for(request.user, slug, "contactfair.view_fair")
    me = _me(event, request.user)
    other = get_object_or_404(selectors.fair_participants(event=event), pk=pk)
    form = MeetingRequestForm(request.POST)
    entered = {"meet_with": other.pk, "message": request.POST.get("message", "")}
    if not form.is_valid():
        error = " ".join(e for errs in form.errors.values() for e in errs)
        return _render_fair(request, event, error=error, status=400, **entered)
    try:
        services.meeting_request_create(
            sender=me, receiver=other, message=form.cleaned_data["message"]
        )
    except services.ContactFairError as exc:
        return _render_fair(request, event, error=str(exc), status=409, **entered)
    messages.success(request, _("Your request was sent."))
    return redirect("contactfair:fair", slug=event.slug)


@login_required
@require_POST
def answer(request, slug, pk):
    event = _event_for(request.user, slug, "contactfair.view_fair")
    me = _me(event, request.user)
    meeting = get_object_or_404(MeetingRequest, pk=pk, event=event, to_participant=me)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        return _render_fair(request, event, error=_("Choose to accept or to decline."), status=400)
    try:
        services.meeting_request_answer(request=meeting, receiver=me, accept=decision == "accept")
    except services.ContactFairError as exc:
        return _render_fair(request, event, error=str(exc), status=409)
    else:
        if decision == "accept":
            messages.success(
                request, _("Accepted: you both got an e-mail with each other's address.")
            )
        else:
            messages.info(request, _("Declined."))
    return redirect("contactfair:fair", slug=event.slug)
