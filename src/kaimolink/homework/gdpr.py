"""A person's homework, for the GDPR export and erasure.

Export (`personal_data`):
- `homework_submissions`: every hand-in (earlier ones sent back to be redone too): the
  assignment and event, when, whether late, the text, the file's name, type and size, the
  status, the feedback and when it was reviewed. The file itself is not in the JSON; the
  person downloads it from the event's homework page while the account exists.
- `homework_assignments_set`: assignments this person set as a trainer or organiser.

Erasure (`erase`, before the account row is deleted):
- The files of the person's submissions are deleted from the private storage after the
  erasure commits (a rolled-back erasure keeps them, with the rows that point at them).
  The rows go with the account (CASCADE on the person and on the registration).
- Reviews this person wrote stay on the other people's submissions, without the link to
  the reviewer (SET_NULL); assignments they set stay for the participants, likewise.
"""

from django.db import transaction

from kaimolink.homework.models import Assignment, Submission


def _at(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    submissions = (
        Submission.objects.filter(person=user)
        .select_related("assignment__event")
        .order_by("submitted_at", "id")
    )
    return {
        "homework_submissions": [
            {
                "event": s.assignment.event.title,
                "assignment": s.assignment.title,
                "submitted_at": _at(s.submitted_at),
                "late": s.late,
                "text": s.text,
                "file_name": s.original_name or None,
                "file_type": s.file_type or None,
                "file_size": s.file_size if s.file else None,
                "status": s.status,
                "feedback": s.feedback,
                "reviewed_at": _at(s.reviewed_at),
            }
            for s in submissions
        ],
        "homework_assignments_set": [
            {"event": a.event.title, "assignment": a.title, "created_at": _at(a.created_at)}
            for a in Assignment.objects.filter(created_by=user)
            .select_related("event")
            .order_by("created_at", "id")
        ],
    }


def erase(user) -> None:
    """Delete the person's homework files from storage once the erasure has committed."""
    stored = [
        s.file
        for s in Submission.objects.filter(person=user).exclude(file="").only("pk", "file")
        if s.file
    ]

    def delete_files():
        for file in stored:
            file.storage.delete(file.name)

    transaction.on_commit(delete_files)
