"""Who may set, hand in, review and download homework. Views, admin and services ask these."""

import rules

from kaimolink.events.rules import can_follow_event


@rules.predicate
def is_own_submission(user, submission):
    return bool(user and user.is_authenticated and submission.person_id == user.pk)


@rules.predicate
def teaches_submission_event(user, submission):
    return can_follow_event(user, submission.assignment.event)


# The event's trainer and its coordinators (and platform administrators) set assignments
# and review what participants hand in.
can_teach_event = can_follow_event
can_view_submission = is_own_submission | teaches_submission_event

rules.add_perm("homework.add_assignment", can_teach_event)
rules.add_perm("homework.review_submission", teaches_submission_event)
rules.add_perm("homework.view_submission", can_view_submission)
