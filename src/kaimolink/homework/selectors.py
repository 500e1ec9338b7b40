"""Reads of homework. Pages, certificates and reports go through here."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet

from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Event, Registration
from kaimolink.events.selectors import of_lags, with_lags
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.models import Assignment, Submission


def event_for_homework(slug: str) -> Event | None:
    """The event with what the permission checks read (LAGs, trainer) in fixed queries."""
    return (
        Event.objects.select_related("trainer").prefetch_related("lags").filter(slug=slug).first()
    )


def assignments_for_participant(*, event: Event, person) -> QuerySet:
    """The event's assignments, each with `my_submissions`: this person's, newest first."""
    own = (
        Submission.objects.filter(person=person)
        .select_related("reviewed_by")
        .order_by("-submitted_at", "-id")
    )
    return (
        Assignment.objects.filter(event=event)
        .prefetch_related(Prefetch("submissions", queryset=own, to_attr="my_submissions"))
        .order_by("due_at", "id")
    )


def assignments_for_review(*, event: Event) -> QuerySet:
    """The event's assignments, each with `all_submissions`: by person, newest first."""
    every = Submission.objects.select_related("person", "reviewed_by").order_by(
        "person__full_name", "person_id", "-submitted_at", "-id"
    )
    return (
        Assignment.objects.filter(event=event)
        .prefetch_related(Prefetch("submissions", queryset=every, to_attr="all_submissions"))
        .order_by("due_at", "id")
    )


def submission_for_user(*, user, pk) -> Submission | None:
    """The submission when it is this person's own or they teach its event; else None."""
    if not user.is_authenticated:
        return None
    submission = (
        Submission.objects.select_related("assignment__event")
        .prefetch_related("assignment__event__lags")
        .filter(pk=pk)
        .first()
    )
    if submission is None or not user.has_perm("homework.view_submission", submission):
        return None
    return submission


@dataclass(frozen=True)
class HomeworkFigures:
    """Counts for reporting. Submissions count every hand-in (resubmissions too)."""

    assignments: int
    submitted: int  # waiting for review now
    accepted: int
    redo: int


def homework_figures(*, event: Event) -> HomeworkFigures:
    counts = Submission.objects.filter(assignment__event=event).aggregate(
        submitted=Count("pk", filter=Q(status=SubmissionStatus.SUBMITTED)),
        accepted=Count("pk", filter=Q(status=SubmissionStatus.ACCEPTED)),
        redo=Count("pk", filter=Q(status=SubmissionStatus.REDO)),
    )
    return HomeworkFigures(assignments=Assignment.objects.filter(event=event).count(), **counts)


def person_accepted_all(*, event: Event, person) -> bool:
    """Every assignment of the event has an accepted hand-in by this person.

    True for an event without assignments: there is nothing to accept. (Certificates of
    events that require homework ask this.)
    """
    # Exists() keeps both conditions on the same submission (exclude() across a
    # multi-valued relation would not).
    accepted = Submission.objects.filter(
        assignment=OuterRef("pk"), person=person, status=SubmissionStatus.ACCEPTED
    )
    return not Assignment.objects.filter(event=event).filter(~Exists(accepted)).exists()


def has_confirmed_place(*, event: Event, person) -> bool:
    return Registration.objects.filter(
        event=event, person=person, status=RegistrationStatus.CONFIRMED
    ).exists()


def assignment_with_event(pk) -> Assignment | None:
    return Assignment.objects.filter(pk=pk).select_related("event").first()


def assignments_of_person(*, person) -> list[Assignment]:
    """Homework of the events where this person holds a confirmed place (or handed in),
    each with `latest`: their newest hand-in or None. Two queries however many there are;
    undated assignments last."""
    own = Submission.objects.filter(person=person).order_by("-submitted_at", "-id")
    placed = Registration.objects.filter(
        event=OuterRef("event"), person=person, status=RegistrationStatus.CONFIRMED
    )
    handed_in = Submission.objects.filter(assignment=OuterRef("pk"), person=person)
    assignments = list(
        Assignment.objects.filter(Exists(placed) | Exists(handed_in))
        .select_related("event")
        .prefetch_related(Prefetch("submissions", queryset=own, to_attr="my_submissions"))
        .order_by(F("due_at").asc(nulls_last=True), "id")
    )
    for assignment in assignments:
        assignment.latest = assignment.my_submissions[0] if assignment.my_submissions else None
    return assignments


def accepted_all(*, event_ref: str = "event", person_ref: str = "person"):
    """`person_accepted_all` as a condition on a queryset whose rows name an event and a
    person (registrations by default): no assignment of the event lacks an accepted
    hand-in by that person. The certificates' eligibility filters with it."""
    accepted = Submission.objects.filter(
        assignment=OuterRef("pk"),
        person=OuterRef(OuterRef(person_ref)),
        status=SubmissionStatus.ACCEPTED,
    )
    missing = Assignment.objects.filter(event=OuterRef(event_ref)).filter(~Exists(accepted))
    return ~Exists(missing)


def events_with_homework_to_review(*, lag_ids=None) -> list[Event]:
    """Events of these LAGs (all for None) with hand-ins waiting for review, each with
    `waiting_submissions`, oldest hand-in first; two queries however many there are."""
    waiting = Q(assignments__submissions__status=SubmissionStatus.SUBMITTED)
    events = (
        of_lags(Event.objects.all(), lag_ids)
        .annotate(
            waiting_submissions=Count("assignments__submissions", filter=waiting),
            oldest_waiting=Min("assignments__submissions__submitted_at", filter=waiting),
        )
        .filter(waiting_submissions__gt=0)
        .order_by("oldest_waiting", "id")
    )
    return list(with_lags(events))
