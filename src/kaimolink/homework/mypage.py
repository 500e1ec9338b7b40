"""The homework section of the person's page (registered in HomeworkConfig.ready)."""

from django.utils import timezone

from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.selectors import assignments_of_person

# Accepted homework shown open; older ones fold away (a participant of a long series
# would otherwise scroll through dozens of finished rows to reach their certificates).
DONE_SHOWN = 3


def build(user) -> dict:
    """Homework that needs the person (to hand in, to redo) first; what waits for the
    reviewer folded; then the newest accepted ones with their feedback, the rest folded."""
    assignments = assignments_of_person(person=user)
    open_items = [
        a for a in assignments if a.latest is None or a.latest.status == SubmissionStatus.REDO
    ]
    waiting = [
        a
        for a in assignments
        if a.latest is not None and a.latest.status == SubmissionStatus.SUBMITTED
    ]
    done = sorted(
        (
            a
            for a in assignments
            if a.latest is not None and a.latest.status == SubmissionStatus.ACCEPTED
        ),
        key=lambda a: a.latest.submitted_at,
        reverse=True,
    )
    return {
        "assignments": assignments,
        "open_items": open_items,
        "waiting": waiting,
        "done_shown": done[:DONE_SHOWN],
        "done_folded": done[DONE_SHOWN:],
        "now": timezone.now(),
    }
