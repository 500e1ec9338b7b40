"""The pages of virtual fairs. Glue: permission, one selector or service, render or redirect.

Other people's fairs, booths, questions and slots answer 404 (never 403); a coordinator
of another LAG gets 404 on a fair's coordinator pages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimolink.core.models import Lag
from kaimolink.fairs import selectors, services
from kaimolink.fairs.enums import ApplicationState, Period
from kaimolink.fairs.forms import (
    AnswerForm,
    ApplyForm,
    BookForm,
    BoothForm,
    DecideForm,
    FairForm,
    HallFilterForm,
    QuestionForm,
    SessionForm,
    SlotForm,
)
from kaimolink.market.enums import Category

VISITED = "fairs_visited"  # the session's booths counted today: a visit is counted once a day


def _visible_fair(request, slug):
    """A published fair, or a draft for those who manage it."""
    fair = selectors.fair_for_page(slug=slug)
    if fair is None:
        raise Http404
    if not fair.is_published and not request.user.has_perm("fairs.manage_fair", fair):
        raise Http404
    return fair


def _managed_fair(request, slug):
    fair = selectors.fair_for_page(slug=slug)
    if fair is None or not request.user.has_perm("fairs.manage_fair", fair):
        raise Http404
    return fair


def _coordinated_lags(user):
    lags = Lag.objects.order_by("name_sort")
    return lags if user.is_superuser else lags.filter(pk__in=user.coordinated_lag_ids())


# --- Visitors ------------------------------------------------------------------------------


@require_GET
def index(request):
    lists = selectors.fairs_list()
    can_create = request.user.is_authenticated and (
        request.user.is_superuser or bool(request.user.coordinated_lag_ids())
    )
    return render(request, "fairs/index.html", {"lists": lists, "can_create": can_create})


@require_GET
def fair(request, slug):
    fair = _visible_fair(request, slug)
    form = HallFilterForm(request.GET)
    status, booths, category, lag = 400, [], "", None
    if form.is_valid():
        status = 200
        category, lag = form.cleaned_data["category"], form.cleaned_data["lag"]
        booths = list(selectors.hall(fair=fair, category=category, lag=lag))
    lags = list(fair.lags.all())
    halls = [
        (c, label) for c, label in Category.choices if not fair.categories or c in fair.categories
    ]
    context = {
        "fair": fair,
        "form": form,
        "booths": booths,
        "halls": halls,
        "category": category,
        "category_label": Category(category).label if category else "",
        "lag": lag,
        "lags": lags,
        "period": fair.period(),
        "can_manage": request.user.has_perm("fairs.manage_fair", fair),
        "can_apply": request.user.is_authenticated
        and fair.is_published
        and fair.period() != Period.PAST,
    }
    return render(request, "fairs/fair.html", context, status=status)


def _booth_or_404(request, slug, booth_id):
    fair = _visible_fair(request, slug)
    booth = selectors.booth_for_page(fair=fair, booth_id=booth_id)
    if booth is None:
        raise Http404
    return fair, booth


def _count_visit(request, booth):
    today = timezone.localdate().isoformat()
    seen = request.session.get(VISITED) or {}
    if seen.get("day") != today:
        seen = {"day": today, "booths": []}
    if booth.pk in seen["booths"] or not booth.fair.is_open:
        return
    services.visit_count(booth=booth)
    seen["booths"] = [*seen["booths"], booth.pk][-200:]
    request.session[VISITED] = seen


def _booth_page(request, fair, booth, *, question_form=None, book_form=None, status=200):
    is_member = request.user.has_perm("fairs.exhibit_booth", booth)
    context = {
        "fair": fair,
        "booth": booth,
        "products": list(booth.products.all()),
        "questions": list(booth.questions.all()),
        "slots": [s for s in booth.slots.all() if s.starts_at > timezone.now()],
        "question_form": question_form or QuestionForm(),
        "book_form": book_form or BookForm(),
        "is_member": is_member,
        "is_favourite": selectors.is_favourite(booth=booth, user=request.user),
        "is_open": fair.is_open,
        "period": fair.period(),
    }
    return render(request, "fairs/booth.html", context, status=status)


@require_GET
def booth(request, slug, booth_id):
    fair, booth = _booth_or_404(request, slug, booth_id)
    if not request.user.has_perm("fairs.exhibit_booth", booth):
        _count_visit(request, booth)
    return _booth_page(request, fair, booth)


@login_required
@require_POST
def ask(request, slug, booth_id):
    fair, booth = _booth_or_404(request, slug, booth_id)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_ask(booth=booth, by=request.user, text=form.cleaned_data["text"])
        except services.FairError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your question is sent. The answer will appear here."))
            return redirect(booth.get_absolute_url() + "#questions")
    return _booth_page(request, fair, booth, question_form=form, status=400)


@login_required
@require_POST
def favourite(request, slug, booth_id):
    _fair, booth = _booth_or_404(request, slug, booth_id)
    kept = services.favourite_toggle(booth=booth, person=request.user)
    messages.success(
        request, _("The booth is among your favourites.") if kept else _("Removed from favourites.")
    )
    return redirect(booth.get_absolute_url())


@login_required
@require_POST
def book(request, slug, booth_id, slot_id):
    fair, booth = _booth_or_404(request, slug, booth_id)
    slot = next((s for s in booth.slots.all() if s.pk == slot_id), None)
    if slot is None:
        raise Http404
    form = BookForm(request.POST)
    if form.is_valid():
        try:
            services.slot_book(slot=slot, person=request.user, topic=form.cleaned_data["topic"])
        except services.FairError as exc:
            messages.error(request, str(exc))
            return _booth_page(request, fair, booth, book_form=form, status=409)
        messages.success(request, _("The meeting is booked. You find it under “My fairs”."))
        return redirect("fairs:mine")
    return _booth_page(request, fair, booth, book_form=form, status=400)


@login_required
@require_POST
def booking_cancel(request, booking_id):
    booking = selectors.my_meetings(user=request.user).filter(pk=booking_id).first()
    if booking is None:
        raise Http404
    services.booking_cancel(booking=booking, person=request.user)
    messages.success(request, _("The meeting is cancelled."))
    return redirect("fairs:mine")


# --- Exhibitors ----------------------------------------------------------------------------


@login_required
@require_GET
def mine(request):
    """The person's fairs: applications and booths of their actors, meetings, favourites,
    and the fairs they coordinate."""
    applications = list(selectors.my_applications(user=request.user))
    booths = selectors.booths_by_fair_actor(applications=applications)
    rows = [(a, booths.get((a.fair_id, a.actor_id))) for a in applications]
    coordinated = []
    if request.user.is_superuser or request.user.coordinated_lag_ids():
        coordinated = list(selectors.fairs_of_coordinator(user=request.user))
    context = {
        "rows": rows,
        "meetings": list(selectors.my_meetings(user=request.user)),
        "favourites": list(selectors.my_favourites(user=request.user)),
        "coordinated": coordinated,
        "can_create": request.user.is_superuser or bool(request.user.coordinated_lag_ids()),
    }
    return render(request, "fairs/mine.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    fair = _visible_fair(request, slug)
    actors = selectors.applicable_actors(user=request.user, fair=fair)
    if not actors.exists():
        messages.error(
            request,
            _("None of your published actors of this fair's LAGs can apply (or all have)."),
        )
        return redirect(fair.get_absolute_url())
    form = ApplyForm(request.POST or None, actors=actors)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply(
                fair=fair,
                actor=form.cleaned_data["actor"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except services.FairError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your application is sent to the coordinator."))
            return redirect("fairs:mine")
    status = 400 if request.method == "POST" else 200
    return render(request, "fairs/apply.html", {"fair": fair, "form": form}, status=status)


def _member_booth(request, slug, booth_id):
    fair = selectors.fair_for_page(slug=slug)
    booth = fair and selectors.booth_of_member(user=request.user, fair=fair, booth_id=booth_id)
    if not booth:
        raise Http404
    return booth


@login_required
@require_http_methods(["GET", "POST"])
def booth_edit(request, slug, booth_id):
    booth = _member_booth(request, slug, booth_id)
    products = services.booth_products(booth)
    initial = {
        "presentation": booth.presentation,
        "photo_alt": booth.photo_alt,
        "video_url": booth.video_url,
        "live_hours": booth.live_hours,
        "products": list(booth.products.values_list("pk", flat=True)),
    }
    form = BoothForm(
        request.POST or None, request.FILES or None, initial=initial, products=products
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.booth_save(
                booth=booth, data=data, products=data["products"], photo=data.get("photo")
            )
        except ValidationError as exc:
            form.add_error("photo", exc)
        except services.FairError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The booth is saved."))
            return redirect("fairs:booth_desk", slug=booth.fair.slug, booth_id=booth.pk)
    status = 400 if request.method == "POST" else 200
    context = {"booth": booth, "fair": booth.fair, "form": form}
    return render(request, "fairs/booth_form.html", context, status=status)


def _desk_page(request, booth, *, slot_form=None, status=200):
    desk = selectors.booth_desk(booth=booth)
    context = {
        "booth": booth,
        "fair": booth.fair,
        **desk,
        "answer_form": AnswerForm(),
        "slot_form": slot_form or SlotForm(),
        "leads": selectors.booth_leads(booth=booth),
    }
    return render(request, "fairs/booth_desk.html", context, status=status)


@login_required
@require_GET
def booth_desk(request, slug, booth_id):
    """The exhibitor's side of a booth: questions to answer, meeting times, the leads."""
    return _desk_page(request, _member_booth(request, slug, booth_id))


@login_required
@require_POST
def answer(request, slug, booth_id, question_id):
    booth = _member_booth(request, slug, booth_id)
    question = (
        booth.questions.filter(pk=question_id).select_related("booth__fair", "booth__actor").first()
    )
    if question is None:
        raise Http404
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["text"][0])
        return _desk_page(request, booth, status=400)
    try:
        services.question_answer(question=question, by=request.user, text=form.cleaned_data["text"])
    except services.FairError as exc:
        messages.error(request, str(exc))
        return _desk_page(request, booth, status=409)
    messages.success(request, _("The answer is published at the booth."))
    return redirect("fairs:booth_desk", slug=booth.fair.slug, booth_id=booth.pk)


@login_required
@require_POST
def slot_add(request, slug, booth_id):
    booth = _member_booth(request, slug, booth_id)
    form = SlotForm(request.POST)
    if form.is_valid():
        try:
            services.slot_add(
                booth=booth,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                place=form.cleaned_data["place"],
            )
        except services.FairError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The meeting time is offered."))
            return redirect("fairs:booth_desk", slug=booth.fair.slug, booth_id=booth.pk)
    return _desk_page(request, booth, slot_form=form, status=400)


@login_required
@require_POST
def slot_delete(request, slug, booth_id, slot_id):
    booth = _member_booth(request, slug, booth_id)
    if not booth.slots.filter(pk=slot_id).exists():
        raise Http404
    try:
        services.slot_delete(booth=booth, slot_id=slot_id)
    except services.FairError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The meeting time is taken back."))
    return redirect("fairs:booth_desk", slug=booth.fair.slug, booth_id=booth.pk)


# --- Coordinators --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def fair_edit(request, slug=None):
    lags = _coordinated_lags(request.user)
    instance = _managed_fair(request, slug) if slug is not None else None
    if instance is None and not lags.exists():
        raise Http404
    form = FairForm(request.POST or None, lags=lags, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.fair_save(
                by=request.user, data=data, lags=data["lags_chosen"], fair=instance
            )
        except services.FairError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The fair is saved."))
            return redirect("fairs:fair_edit", slug=saved.slug)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "fair": instance,
        "session_form": SessionForm(),
        "sessions": list(instance.sessions.all()) if instance else [],
    }
    return render(request, "fairs/fair_form.html", context, status=status)


@login_required
@require_POST
def session_add(request, slug):
    fair = _managed_fair(request, slug)
    form = SessionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.session_add(
                fair=fair,
                day=data["day"],
                starts=data["starts"],
                ends=data["ends"],
                note=data["note"],
            )
        except services.FairError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The live session is added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("fairs:fair_edit", slug=fair.slug)


@login_required
@require_POST
def session_delete(request, slug, session_id):
    fair = _managed_fair(request, slug)
    try:
        services.session_delete(fair=fair, session_id=session_id)
    except services.FairError as exc:
        raise Http404 from exc
    messages.success(request, _("The live session is removed."))
    return redirect("fairs:fair_edit", slug=fair.slug)


@login_required
@require_GET
def applications(request, slug):
    fair = _managed_fair(request, slug)
    context = {
        "fair": fair,
        "applications": list(selectors.applications_of(fair=fair)),
        "form": DecideForm(),
        "pending": ApplicationState.PENDING,
    }
    return render(request, "fairs/applications.html", context)


@login_required
@require_POST
def decide(request, slug, application_id):
    fair = _managed_fair(request, slug)
    application = fair.applications.filter(pk=application_id).first()
    if application is None:
        raise Http404
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("fairs:applications", slug=fair.slug)
    try:
        services.decide(
            application=application,
            accept=form.cleaned_data["decision"] == "accept",
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except services.FairError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect("fairs:applications", slug=fair.slug)


@login_required
@require_GET
def report(request, slug):
    fair = _managed_fair(request, slug)
    context = {"fair": fair, "report": selectors.fair_report(fair=fair), "period": fair.period()}
    return render(request, "fairs/report.html", context)
