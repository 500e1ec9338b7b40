"""Writes of homework: the one path for pages, admin, API and tasks.

A person's hand-ins are serialised by a row lock on their registration, and the partial
unique constraint on Submission keeps at most one waiting for review even if something
bypasses the lock.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimolink.core.links import page_link
from kaimolink.core.mail import mail_to
from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Event, Registration
from kaimolink.homework.enums import REVIEW_STATUSES, SubmissionStatus
from kaimolink.homework.files import check_upload
from kaimolink.homework.models import Assignment, Submission
from kaimolink.homework.rules import can_teach_event

MAX_TITLE_LENGTH = 200
MAX_TEXT_LENGTH = 20_000


class HomeworkError(Exception):
    """A homework request that cannot be carried out; the message is for the person."""


@transaction.atomic
def assignment_create(
    *,
    event: Event,
    by,
    title: str,
    instructions: str = "",
    due_at: datetime.datetime | None = None,
    allow_files: bool = True,
) -> Assignment:
    """Set homework for an event: for its trainer and coordinators only.

    A due date must lie ahead (and be timezone-aware); none means "whenever".
    """
    if not can_teach_event(by, event):
        raise HomeworkError(_("You may not set homework for this event."))
    title = (title or "").strip()
    if not title:
        raise HomeworkError(_("Give the assignment a title."))
    if len(title) > MAX_TITLE_LENGTH:
        raise HomeworkError(_("The title may be at most %d characters long.") % MAX_TITLE_LENGTH)
    instructions = (instructions or "").strip()
    if len(instructions) > MAX_TEXT_LENGTH:
        raise HomeworkError(
            _("The instructions may be at most %d characters long.") % MAX_TEXT_LENGTH
        )
    if due_at is not None:
        if timezone.is_naive(due_at):
            raise HomeworkError(_("The due date has no time zone."))
        if due_at <= timezone.now():
            raise HomeworkError(_("The due date has already passed."))
    return Assignment.objects.create(
        event=event,
        title=title,
        instructions=instructions,
        due_at=due_at,
        allow_files=bool(allow_files),
        created_by=by,
    )


@transaction.atomic
def submission_create(*, assignment: Assignment, person, text: str = "", file=None) -> Submission:
    """Hand in homework: text, a file, or both.

    Only people with a confirmed registration for the event; a new hand-in only when the
    previous one was sent back to be redone. After the due date the hand-in is accepted
    and marked late. The file is checked by its name and by its content (files.py).
    Locks the person's registration row.
    """
    registration = (
        Registration.objects.select_for_update()
        .filter(
            event_id=assignment.event_id,
            person_id=person.pk,
            status=RegistrationStatus.CONFIRMED,
        )
        .first()
    )
    if registration is None:
        raise HomeworkError(_("Only confirmed participants of the event can hand in homework."))
    text = (text or "").strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise HomeworkError(_("The text may be at most %d characters long.") % MAX_TEXT_LENGTH)
    if not text and not file:
        raise HomeworkError(_("Write an answer or attach a file."))
    accepted = None
    if file:
        if not assignment.allow_files:
            raise HomeworkError(_("This assignment takes a written answer, not files."))
        try:
            accepted = check_upload(file)
        except ValidationError as exc:
            raise HomeworkError(exc.messages[0]) from None
    previous = (
        Submission.objects.filter(assignment=assignment, person_id=person.pk)
        .order_by("-submitted_at", "-id")
        .first()
    )
    if previous is not None and previous.status == SubmissionStatus.SUBMITTED:
        raise HomeworkError(_("Your homework is already waiting for review."))
    if previous is not None and previous.status == SubmissionStatus.ACCEPTED:
        raise HomeworkError(_("Your homework has already been accepted."))
    now = timezone.now()
    submission = Submission(
        assignment=assignment,
        person=person,
        registration=registration,
        text=text,
        status=SubmissionStatus.SUBMITTED,
        late=assignment.is_late(now),
        submitted_at=now,
    )
    if accepted is not None:
        submission.file = accepted.file
        submission.file_type = accepted.type
        submission.original_name = _display_name(file.name, accepted.type)
        submission.file_size = accepted.file.size
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:  # the unique constraint, should anything bypass the lock
        # (Should a caller's outer transaction roll back instead, the stored file stays
        # behind under its random name, unreachable: no row points at it.)
        if submission.file:
            submission.file.delete(save=False)
        raise HomeworkError(_("Your homework is already waiting for review.")) from None
    return submission


def _display_name(name: str, file_type: str) -> str:
    """The person's file name without folders or control characters, for the download header
    (a line break in a header would make the download fail)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:255] or f"homework.{file_type}"


@transaction.atomic
def submission_review(*, submission: Submission, by, status: str, feedback: str = "") -> Submission:
    """Accept a hand-in or send it back to be redone; for the event's trainer and coordinators.

    Feedback is required when sending it back. The participant is told by e-mail after
    the commit. Locks the submission row: two reviewers cannot both review it.
    """
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("assignment__event", "person")
        .get(pk=submission.pk)
    )
    event = submission.assignment.event
    if not can_teach_event(by, event):
        raise HomeworkError(_("You may not review homework of this event."))
    if status not in REVIEW_STATUSES:
        raise HomeworkError(_("Choose whether the homework is accepted or to be redone."))
    if submission.status != SubmissionStatus.SUBMITTED:
        raise HomeworkError(_("This homework has already been reviewed."))
    feedback = (feedback or "").strip()
    if len(feedback) > MAX_TEXT_LENGTH:
        raise HomeworkError(_("The feedback may be at most %d characters long.") % MAX_TEXT_LENGTH)
    if status == SubmissionStatus.REDO and not feedback:
        raise HomeworkError(_("Write what has to be redone."))
    submission.status = status
    submission.feedback = feedback
    submission.reviewed_by = by
    submission.reviewed_at = timezone.now()
    submission.save(update_fields=["status", "feedback", "reviewed_by", "reviewed_at"])
    _tell_reviewed(submission)
    return submission


def _tell_reviewed(submission: Submission) -> None:
    """After the commit (never for a rolled-back review): the result and the feedback."""
    assignment = submission.assignment

    def compose():
        if submission.status == SubmissionStatus.ACCEPTED:
            subject = _("Your homework “%s” is accepted") % assignment.title
            body = _("Your homework “%(title)s” for “%(event)s” is accepted.")
        else:
            subject = _("Your homework “%s” is to be redone") % assignment.title
            body = _(
                "Your homework “%(title)s” for “%(event)s” is to be redone. "
                "Hand it in again on the event's homework page."
            )
        body = body % {"title": assignment.title, "event": assignment.event.title}
        if submission.feedback:
            body += "\n\n" + _("Feedback:") + "\n" + submission.feedback
        body += "\n\n" + page_link("homework:event", slug=assignment.event.slug)
        return subject, body

    mail_to(submission.person, compose)
