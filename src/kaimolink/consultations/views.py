from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimolink.consultations import selectors, services
from kaimolink.consultations.forms import (
    AnswerForm,
    BookingForm,
    CancelForm,
    ConsultantThemesForm,
    QuestionFilterForm,
    QuestionForm,
    SlotFilterForm,
    SlotForm,
)
from kaimolink.consultations.models import Slot
from kaimolink.core.confirm import confirm_page, is_confirmed
from kaimolink.core.pagecache import cache_public_page
from kaimolink.moderation.views import report_page

QUESTIONS_PAGE_SIZE = 20
SLOTS_PAGE_SIZE = 30


def _question_for_user(user, pk):
    """The question, when this person may read it; 404 whether missing or forbidden."""
    question = selectors.question_for_page(pk)
    if question is None or not user.has_perm("consultations.view_question", question):
        raise Http404
    return question


def _require_consultant(user):
    if not user.has_perm("consultations.publish_slots"):
        raise PermissionDenied(_("This page is for consultants."))


# --- Questions -----------------------------------------------------------------------------


@require_GET
@cache_public_page
def index(request):
    form = QuestionFilterForm(request.GET)
    page, status = None, 400
    if form.is_valid():
        status = 200
        qs = selectors.questions_list(user=request.user, **form.to_filter())
        page = Paginator(qs, QUESTIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "querystring": params.urlencode()}
    return render(request, "consultations/index.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def ask(request):
    form = QuestionForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                question = services.question_create(
                    author=request.user,
                    theme=data["theme"],
                    title=data["title"],
                    body=data["body"],
                    is_public=not data["private"],
                    actor=data["actor"],
                )
            except services.ConsultationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Your question is sent to the consultants."))
                return redirect(question)
        return render(request, "consultations/ask.html", {"form": form}, status=400)
    return render(request, "consultations/ask.html", {"form": form})


def _question_context(request, question, *, answer_form=None) -> dict:
    user = request.user
    context = {"question": question, "answers": selectors.answers_of(question)}
    if not user.is_authenticated:  # the cached public page: no forms, no CSRF token
        return context
    context.update(
        can_answer=user.has_perm("consultations.answer_question", question),
        can_accept=user.has_perm("consultations.accept_answer", question),
        answer_form=answer_form or AnswerForm(),
    )
    return context


@require_GET
@cache_public_page
def question(request, pk):
    question = _question_for_user(request.user, pk)
    return render(request, "consultations/question.html", _question_context(request, question))


@login_required
@require_POST
def answer(request, pk):
    question = _question_for_user(request.user, pk)
    if not request.user.has_perm("consultations.answer_question", question):
        raise PermissionDenied(_("Only consultants and LAG experts answer questions."))
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            created = services.answer_create(
                question=question, author=request.user, body=form.cleaned_data["body"]
            )
        except services.ConsultationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your answer is published."))
            return redirect(question.get_absolute_url() + f"#answer-{created.pk}")
    context = _question_context(request, question, answer_form=form)
    return render(request, "consultations/question.html", context, status=400)


@login_required
@require_POST
def accept(request, pk, answer_pk):
    question = _question_for_user(request.user, pk)
    answer = selectors.answer_of_question(question=question, pk=answer_pk)
    if answer is None:
        raise Http404
    if not request.user.has_perm("consultations.accept_answer", question):
        raise PermissionDenied(_("Only the person who asked can mark the answer that helped."))
    accepted = request.POST.get("accepted", "1") != "0"
    services.answer_accept(answer=answer, by=request.user, accepted=accepted)
    if accepted:
        messages.success(request, _("Marked as the answer that helped. Thank you!"))
    else:
        messages.success(request, _("The mark is taken back."))
    return redirect(question.get_absolute_url() + f"#answer-{answer.pk}")


# --- Consultation times --------------------------------------------------------------------


@require_GET
@cache_public_page
def slots(request):
    """Upcoming free consultation times; `?consultant=<id>` for one consultant's."""
    consultants = list(selectors.consultants())
    form = SlotFilterForm(request.GET, consultants=consultants)
    page, status, consultant = None, 400, None
    if form.is_valid():
        status = 200
        consultant = form.consultants.get(form.cleaned_data["consultant"])
        qs = selectors.free_slots(consultant=consultant)
        page = Paginator(qs, SLOTS_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "consultant": consultant,
        "querystring": params.urlencode(),
    }
    return render(request, "consultations/slots.html", context, status=status)


def _slot_or_404(pk) -> Slot:
    slot = selectors.slot_with_consultant(pk)
    if slot is None:
        raise Http404
    return slot


@login_required
@require_http_methods(["GET", "POST"])
def book(request, pk):
    slot = _slot_or_404(pk)
    form = BookingForm(request.POST or None, user=request.user)
    booked = services.active_booking(slot)
    context = {
        "slot": slot,
        "form": form,
        "booked": booked is not None,
        "past": slot.starts_at <= timezone.now(),
    }
    if request.method == "GET":
        return render(request, "consultations/book.html", context)
    if not form.is_valid():
        return render(request, "consultations/book.html", context, status=400)
    try:
        services.booking_create(
            slot=slot,
            person=request.user,
            actor=form.cleaned_data["actor"],
            topic=form.cleaned_data["topic"],
        )
    except services.ConsultationError as exc:
        form.add_error(None, str(exc))
        context["booked"] = services.active_booking(slot) is not None
        return render(request, "consultations/book.html", context, status=409)
    messages.success(request, _("The consultation is booked. The consultant is told."))
    return redirect("consultations:my_bookings")


def _bookings_page(request, *, status=200):
    upcoming, other = selectors.bookings_of(request.user)
    context = {"upcoming": upcoming, "other": other}
    return render(request, "consultations/my_bookings.html", context, status=status)


def _schedule_page(request, *, status=200):
    context = {
        "slots": selectors.schedule_of(request.user),
        "themes_form": ConsultantThemesForm(
            initial={"themes": sorted(selectors.consultant_theme_ids(request.user))}
        ),
    }
    return render(request, "consultations/schedule.html", context, status=status)


@login_required
@require_GET
def my_bookings(request):
    return _bookings_page(request)


def _when(slot) -> str:
    """The time of a consultation as the confirm page names it."""
    return "{}, {}–{}".format(
        date_format(timezone.localtime(slot.starts_at), "DATE_FORMAT"),
        time_format(timezone.localtime(slot.starts_at), "H:i"),
        time_format(timezone.localtime(slot.ends_at), "H:i"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_cancel(request, pk):
    """GET asks to confirm, with a field for the reason; only the confirmed POST cancels."""
    booking = selectors.booking_for_user(user=request.user, pk=pk)
    if booking is None:
        raise Http404
    own = booking.person_id == request.user.pk
    form = CancelForm(request.POST if is_confirmed(request) else None)

    def ask(status=200):
        return confirm_page(
            request,
            form=form,
            title=_("Cancel the booking") if own else _("Cancel the consultation"),
            question=_("Cancel this consultation?")
            if own
            else _("Cancel this consultation? The person who booked it sees your reason."),
            details=[_when(booking.slot), str(booking.slot.consultant if own else booking.person)],
            button_label=_("Cancel the booking") if own else _("Cancel the consultation"),
            back_url=reverse("consultations:my_bookings" if own else "consultations:schedule"),
            status=status,
        )

    if not is_confirmed(request):
        return ask()
    if not form.is_valid():
        return ask(status=400)
    try:
        services.booking_cancel(
            booking=booking, by=request.user, reason=form.cleaned_data["reason"]
        )
    except services.ConsultationError as exc:
        form.add_error("reason", str(exc))
        return ask(status=409)
    messages.success(request, _("The booking is cancelled."))
    return redirect("consultations:my_bookings" if own else "consultations:schedule")


@login_required
@require_GET
def schedule(request):
    _require_consultant(request.user)
    return _schedule_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def slot_new(request):
    _require_consultant(request.user)
    form = SlotForm(request.POST or None)
    if request.method == "GET":
        return render(request, "consultations/slot_form.html", {"form": form})
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.slot_create(
                consultant=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                mode=data["mode"],
                place=data["place"],
                note=data["note"],
            )
        except services.ConsultationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The consultation time is published."))
            return redirect("consultations:schedule")
    return render(request, "consultations/slot_form.html", {"form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def slot_withdraw(request, pk):
    """GET asks to confirm, with a field for the reason; only the confirmed POST withdraws."""
    _require_consultant(request.user)
    slot = _slot_or_404(pk)
    if not request.user.has_perm("consultations.manage_slot", slot):
        raise Http404
    form = CancelForm(request.POST if is_confirmed(request) else None)

    def ask(status=200):
        return confirm_page(
            request,
            form=form,
            title=_("Withdraw this time"),
            question=_("Withdraw this consultation time? Nobody can book it any more."),
            details=[_when(slot)],
            button_label=_("Withdraw this time"),
            back_url=reverse("consultations:schedule"),
            status=status,
        )

    if not is_confirmed(request):
        return ask()
    if not form.is_valid():
        return ask(status=400)
    try:
        services.slot_withdraw(slot=slot, by=request.user, reason=form.cleaned_data["reason"])
    except services.ConsultationError as exc:
        form.add_error("reason", str(exc))
        return ask(status=409)
    messages.success(request, _("The consultation time is withdrawn."))
    return redirect("consultations:schedule")


@login_required
@require_POST
def themes(request):
    _require_consultant(request.user)
    form = ConsultantThemesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The themes could not be read; choose them again."))
        return _schedule_page(request, status=400)
    services.consultant_themes_set(consultant=request.user, themes=form.cleaned_data["themes"])
    messages.success(request, _("Your themes are saved."))
    return redirect(reverse("consultations:schedule") + "#themes")


@login_required
def question_report(request, pk):
    """Report a question as spam or abuse (to the coordinators of its actor's LAG)."""
    question = _question_for_user(request.user, pk)
    return report_page(
        request,
        target=question,
        title=question.title,
        excerpt=f"{question.title}\n\n{question.body}",
        back_url=question.get_absolute_url(),
        lag=question.actor.lag if question.actor else None,
    )
