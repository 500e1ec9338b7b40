"""The desk's event pages: the LAGs' events, create and edit one with its programme, copy
it, cancel it with notice to everyone registered; event series.

Who: coordinators (their LAGs' events only) and administrators (every event). Anyone
else, and an event or series of another LAG, gets 404, as if it did not exist.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from kaimolink.core.confirm import confirm_page, is_confirmed
from kaimolink.desk.views import desk_user_or_404
from kaimolink.events import editing
from kaimolink.events import selectors as events
from kaimolink.events.desk_forms import (
    CopyForm,
    DayFormSet,
    DeskEventFilterForm,
    EventCancelForm,
    EventForm,
    SeriesForm,
    day_initial,
)
from kaimolink.events.enums import EventStatus

PAGE_SIZE = 25
DAYS_PREFIX = "days"


def _lag_ids(user):
    """The LAGs whose events this person edits (None: every LAG, an administrator)."""
    return None if user.is_superuser else user.coordinated_lag_ids()


def _event_or_404(request, pk):
    event = events.desk_event(lag_ids=_lag_ids(request.user), pk=pk)
    if event is None:
        raise Http404
    return event


@login_required
@require_GET
def event_list(request):
    user = desk_user_or_404(request)
    form = DeskEventFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    found = events.desk_events(
        lag_ids=_lag_ids(user), status=data.get("status") or None, kind=data.get("kind") or None
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "desk/events/list.html",
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "filtered": bool(data.get("status") or data.get("kind")),
        },
        status=200 if valid else 400,
    )


def _day_errors(formset) -> list[dict]:
    """The programme's errors for the error summary: each links to its field."""
    found = []
    for number, form in enumerate(formset.forms, start=1):
        for name, errors in form.errors.items():
            field = form[name] if name in form.fields else form["date"]
            for error in errors:
                found.append(
                    {
                        "target": field.id_for_label,
                        "message": _("Day %(n)d: %(error)s") % {"n": number, "error": error},
                    }
                )
    if not found:  # "add at least one day" says again what an empty first day says
        first = formset.forms[0]["date"].id_for_label if formset.forms else ""
        found.extend({"target": first, "message": e} for e in formset.non_form_errors())
    return found


def _with_another_day(post):
    """The POST again with one more empty day row ("Add a day", without JavaScript)."""
    data = post.copy()
    key = f"{DAYS_PREFIX}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key, "0")) + 1)
    except ValueError:
        data[key] = "1"
    return data


def _event_form_page(request, *, event=None, initial=None, days_initial=None, copied_from=None):
    """Create (`event` None) or edit an event: the form and its programme days.

    "Add a day" re-shows everything typed with one more day row and saves nothing.
    """
    user = request.user
    form_kwargs = {"user": user, "event": event}
    if initial is not None:
        form_kwargs["initial"] = initial
    adding_day = request.method == "POST" and "add_day" in request.POST
    if request.method == "POST":
        data = _with_another_day(request.POST) if adding_day else request.POST
        form = EventForm(data, **form_kwargs)
        formset = DayFormSet(data, prefix=DAYS_PREFIX)
    else:
        form = EventForm(**form_kwargs)
        formset = DayFormSet(prefix=DAYS_PREFIX, initial=days_initial)
    status = 200
    if request.method == "POST" and not adding_day:
        if form.is_valid() & formset.is_valid():  # both, so every error shows at once
            try:
                if event is None:
                    saved = editing.event_create(
                        by=user, days=formset.plans(), **form.service_kwargs()
                    )
                else:
                    saved = editing.event_update(
                        event=event, by=user, days=formset.plans(), **form.service_kwargs()
                    )
            except editing.EventEditError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, _("“%(title)s” was saved.") % {"title": saved.title})
                return redirect("desk:event_edit", pk=saved.pk)
        status = 400
    return render(
        request,
        "desk/events/form.html",
        {
            "form": form,
            "formset": formset,
            "day_errors": _day_errors(formset) if formset.is_bound and not adding_day else [],
            "event": event,
            "copied_from": copied_from,
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    desk_user_or_404(request)
    return _event_form_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    desk_user_or_404(request)
    event = _event_or_404(request, pk)
    return _event_form_page(request, event=event, days_initial=day_initial(event))


@login_required
@require_http_methods(["GET", "POST"])
def event_copy(request, pk):
    """Choose the copy's first day (or none), then a new draft opens for editing."""
    user = desk_user_or_404(request)
    source = _event_or_404(request, pk)
    form = CopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            copy = editing.event_copy(
                source=source, by=user, first_date=form.cleaned_data["first_date"]
            )
        except editing.EventEditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "This is a draft copy of “%(title)s”, without its registrations. "
                    "Check it, then publish it."
                )
                % {"title": source.title},
            )
            return redirect("desk:event_edit", pk=copy.pk)
    return render(
        request,
        "desk/events/copy.html",
        {"form": form, "event": source, "first_day": next(iter(source.days.all()), None)},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, pk):
    """Through the confirm page with the reason; only its POST cancels and tells people."""
    user = desk_user_or_404(request)
    event = _event_or_404(request, pk)
    back = reverse("desk:event_edit", args=[event.pk])
    if event.status in (EventStatus.CANCELLED, EventStatus.HELD):
        messages.error(
            request,
            _("This event is already cancelled.")
            if event.status == EventStatus.CANCELLED
            else _("This event has taken place: it cannot be cancelled."),
        )
        return redirect(back)
    form = EventCancelForm(request.POST if request.method == "POST" else None)
    if is_confirmed(request) and form.is_valid():
        try:
            done = editing.event_cancel(event=event, by=user, reason=form.cleaned_data["reason"])
        except editing.EventEditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                ngettext(
                    "“%(title)s” is cancelled; %(count)d person was told by e-mail.",
                    "“%(title)s” is cancelled; %(count)d people were told by e-mail.",
                    len(done.told),
                )
                % {"title": event.title, "count": len(done.told)},
            )
            if done.without_email:
                messages.warning(
                    request,
                    _("These people have no e-mail address: tell them another way: %(names)s")
                    % {"names": ", ".join(str(r.person) for r in done.without_email)},
                )
            return redirect("desk:events")
    registered = events.registrations_of_event(event=event).count()
    return confirm_page(
        request,
        title=_("Cancel the event"),
        question=_("Cancel “%(title)s”?") % {"title": event.title},
        details=[
            ngettext(
                "%(count)d person is registered (confirmed or waiting): each gets the reason "
                "by e-mail.",
                "%(count)d people are registered (confirmed or waiting): each gets the reason "
                "by e-mail.",
                registered,
            )
            % {"count": registered},
            _("The registrations stay on record; nobody can register any more."),
        ],
        button_label=_("Yes, cancel the event"),
        back_url=back,
        form=form,
        status=400 if form.is_bound and form.errors else 200,
    )


# --- Series --------------------------------------------------------------------------


@login_required
@require_GET
def series_list(request):
    user = desk_user_or_404(request)
    return render(
        request,
        "desk/events/series_list.html",
        {"series_list": events.desk_series_list(lag_ids=_lag_ids(user))},
    )


def _series_form_page(request, *, series=None):
    user = request.user
    form = SeriesForm(request.POST or None, user=user, series=series)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if series is None:
                saved = editing.series_create(
                    by=user, title=data["title"], lags=data["lags"], theme=data["theme"]
                )
            else:
                saved = editing.series_update(
                    series=series,
                    by=user,
                    title=data["title"],
                    lags=data["lags"],
                    theme=data["theme"],
                )
        except editing.EventEditError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The series “%(title)s” was saved.") % {"title": saved})
            return redirect("desk:series")
    return render(
        request,
        "desk/events/series_form.html",
        {"form": form, "series": series},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request):
    desk_user_or_404(request)
    return _series_form_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request, pk):
    user = desk_user_or_404(request)
    series = events.desk_series(lag_ids=_lag_ids(user), pk=pk)
    if series is None:
        raise Http404
    return _series_form_page(request, series=series)
