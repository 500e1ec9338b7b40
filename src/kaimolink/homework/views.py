"""Homework pages: participants hand in and see their history; teachers set and review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kaimolink.core.uploads import download_name, private_file_response
from kaimolink.events.models import Event
from kaimolink.homework import selectors, services
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.forms import AssignmentForm, ReviewForm, SubmissionForm


def _event_or_404(slug: str) -> Event:
    event = selectors.event_for_homework(slug)
    if event is None:
        raise Http404
    return event


def submission_form(assignment_pk: int, *args, **kwargs) -> SubmissionForm:
    """The hand-in form of one assignment; ids end in its number (several on one page)."""
    return SubmissionForm(*args, auto_id=f"id_%s_{assignment_pk}", **kwargs)


def _page(
    request,
    event: Event,
    *,
    status=200,
    assignment_form=None,
    failed_submission=None,
    error=None,
    entered=None,
):
    """The event's homework page for this person; 404 when they have no part in it.

    `failed_submission` is (assignment id, bound form): that assignment's hand-in form
    comes back with its errors and what was typed. `error` is (kind, id, message) for a
    refused review, shown next to its form, which gets back `entered` (the posted data).
    """
    user = request.user
    teaching = user.has_perm("homework.add_assignment", event)
    if teaching:
        assignments = list(selectors.assignments_for_review(event=event))
        confirmed = False
    else:
        assignments = list(selectors.assignments_for_participant(event=event, person=user))
        confirmed = selectors.has_confirmed_place(event=event, person=user)
        if not confirmed and not any(a.my_submissions for a in assignments):
            raise Http404
        for assignment in assignments:
            latest = assignment.my_submissions[0] if assignment.my_submissions else None
            assignment.can_submit = confirmed and (
                latest is None or latest.status == SubmissionStatus.REDO
            )
            failed_pk, failed_form = failed_submission or (None, None)
            assignment.submission_form = (
                failed_form if assignment.pk == failed_pk else submission_form(assignment.pk)
            )
    kind, target, message = error or (None, None, None)
    context = {
        "event": event,
        "teaching": teaching,
        "confirmed": confirmed,
        "assignments": assignments,
        "assignment_form": assignment_form or AssignmentForm(),
        "review_form": ReviewForm(),
        "error_kind": kind,
        "error_id": target,
        "error_message": message,
        "entered": entered or {},
    }
    return render(request, "homework/event.html", context, status=status)


@login_required
@require_GET
def event_homework(request, slug):
    return _page(request, _event_or_404(slug))


@login_required
@require_POST
def add_assignment(request, slug):
    event = _event_or_404(slug)
    if not request.user.has_perm("homework.add_assignment", event):
        raise Http404
    form = AssignmentForm(request.POST)
    if not form.is_valid():
        return _page(request, event, assignment_form=form, status=400)
    try:
        services.assignment_create(event=event, by=request.user, **form.cleaned_data)
    except services.HomeworkError as exc:
        form.add_error(None, str(exc))
        return _page(request, event, assignment_form=form, status=409)
    messages.success(request, _("The assignment is added."))
    return redirect("homework:event", slug=event.slug)


@login_required
@require_POST
def submit(request, pk):
    assignment = selectors.assignment_with_event(pk)
    if assignment is None:
        raise Http404
    event = _event_or_404(assignment.event.slug)
    form = submission_form(assignment.pk, request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, event, failed_submission=(assignment.pk, form), status=400)
    try:
        services.submission_create(
            assignment=assignment,
            person=request.user,
            text=form.cleaned_data["text"],
            file=form.cleaned_data["file"],
        )
    except services.HomeworkError as exc:
        form.add_error(None, str(exc))
        return _page(request, event, failed_submission=(assignment.pk, form), status=409)
    messages.success(request, _("Your homework is handed in."))
    return redirect("homework:event", slug=event.slug)


@login_required
@require_POST
def review(request, pk):
    submission = selectors.submission_for_user(user=request.user, pk=pk)
    if submission is None or not request.user.has_perm("homework.review_submission", submission):
        raise Http404
    event = _event_or_404(submission.assignment.event.slug)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        return _page(
            request,
            event,
            error=("review", submission.pk, message),
            entered=request.POST,
            status=400,
        )
    try:
        services.submission_review(
            submission=submission,
            by=request.user,
            status=form.cleaned_data["status"],
            feedback=form.cleaned_data["feedback"],
        )
    except services.HomeworkError as exc:
        return _page(
            request,
            event,
            error=("review", submission.pk, str(exc)),
            entered=request.POST,
            status=409,
        )
    messages.success(request, _("The review is saved and the participant is told by e-mail."))
    return redirect("homework:event", slug=event.slug)


@login_required
@require_GET
def download(request, pk):
    """The file, for its submitter and the event's teachers; 404 for everyone else."""
    submission = selectors.submission_for_user(user=request.user, pk=pk)
    if submission is None or not submission.file:
        raise Http404
    return private_file_response(
        submission.file,
        filename=download_name(submission.original_name or "homework", submission.file_type),
    )
