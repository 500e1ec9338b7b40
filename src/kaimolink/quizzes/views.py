"""The pages of a test: its rules, an attempt, the result, and the person's tests.

Only logged-in people; another person's attempt answers 404. The server is the authority
on time (services.attempt_submit); the countdown on the attempt page is a convenience.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kaimolink.quizzes import selectors, services
from kaimolink.quizzes.forms import AttemptForm
from kaimolink.quizzes.models import Attempt, Quiz

MINE_PAGE_SIZE = 30


def _quiz_or_404(slug) -> Quiz:
    quiz = selectors.quiz_by_slug(slug)
    if quiz is None:
        raise Http404
    return quiz


def _attempt_or_404(request, pk) -> Attempt:
    attempt = selectors.attempt_for_person(request.user, pk)
    if attempt is None:
        raise Http404
    return attempt


@login_required
@require_GET
def mine(request):
    page = Paginator(selectors.attempts_of_person(request.user), MINE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    advice = [
        _(
            "The tests you may take are linked from the pages that need them, "
            "for example a certification scheme's page."
        )
    ]
    return render(request, "quizzes/mine.html", {"page": page, "empty_advice": advice})


def _quiz_page(request, quiz, *, error=None, status=200):
    context = {
        "quiz": quiz,
        "question_count": selectors.quiz_question_count(quiz),
        "status": selectors.quiz_status_for(request.user, quiz),
        "error": error,
    }
    return render(request, "quizzes/quiz.html", context, status=status)


@login_required
@require_GET
def quiz(request, slug):
    return _quiz_page(request, _quiz_or_404(slug))


@login_required
@require_POST
def start(request, slug):
    quiz = _quiz_or_404(slug)
    try:
        attempt = services.attempt_start(quiz=quiz, person=request.user)
    except services.QuizError as exc:
        return _quiz_page(request, quiz, error=str(exc), status=400)
    return redirect("quizzes:attempt", pk=attempt.pk)


def _attempt_page(request, attempt, form, *, status=200):
    now = timezone.now()
    context = {
        "attempt": attempt,
        "form": form,
        "seconds_left": max(int((attempt.deadline - now).total_seconds()), 0),
    }
    return render(request, "quizzes/attempt.html", context, status=status)


@login_required
@require_GET
def attempt(request, pk):
    attempt = _attempt_or_404(request, pk)
    if attempt.is_finished or selectors.is_overdue(attempt, timezone.now()):
        return redirect("quizzes:result", pk=attempt.pk)
    return _attempt_page(
        request, attempt, AttemptForm(questions=selectors.attempt_questions(attempt))
    )


@login_required
@require_POST
def submit(request, pk):
    attempt = _attempt_or_404(request, pk)
    now = timezone.now()
    form = AttemptForm(request.POST, questions=selectors.attempt_questions(attempt))
    valid = form.is_valid()
    # A form with mistakes goes back to the person while there is time; once the time is
    # over (or the attempt is finished) the service refuses it whatever it holds.
    if not valid and not attempt.is_finished and not selectors.is_overdue(attempt, now):
        return _attempt_page(request, attempt, form, status=400)
    try:
        services.attempt_submit(
            attempt=attempt, person=request.user, answers=form.answers() if valid else {}, now=now
        )
    except services.AttemptTooLate as exc:
        messages.error(request, str(exc))
        return redirect("quizzes:result", pk=attempt.pk)
    except services.QuizError as exc:
        attempt.refresh_from_db(fields=["state"])
        if attempt.is_finished:
            messages.error(request, str(exc))
            return redirect("quizzes:result", pk=attempt.pk)
        form.add_error(None, str(exc))
        return _attempt_page(request, attempt, form, status=400)
    messages.success(request, _("Your answers are submitted."))
    return redirect("quizzes:result", pk=attempt.pk)


@login_required
@require_GET
def result(request, pk):
    attempt = _attempt_or_404(request, pk)
    if not attempt.is_finished:
        if not services.attempt_expire(attempt=attempt):
            return redirect("quizzes:attempt", pk=attempt.pk)
        attempt.refresh_from_db()
    context = {"attempt": attempt, "wrong": selectors.wrong_questions(attempt)}
    return render(request, "quizzes/result.html", context)
