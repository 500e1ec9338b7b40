"""Reads of consultations, with their related rows in a fixed number of queries."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from kaimolink.accounts.models import User
from kaimolink.actors.models import ActorMembership
from kaimolink.consultations.enums import AnswerState
from kaimolink.consultations.models import Answer, Booking, ConsultantTheme, Question, Slot
from kaimolink.core.search import word_forms_match


def questions_visible_to(user) -> QuerySet:
    """Public questions, plus the private ones this person may read (see rules.py)."""
    qs = Question.objects.all()
    if not (user and user.is_authenticated):
        return qs.filter(is_public=True)
    if user.is_consultant or user.is_superuser:
        return qs
    member_of = ActorMembership.objects.filter(user=user).values("actor_id")
    visible = Q(is_public=True) | Q(author=user) | Q(actor_id__in=member_of)
    lags = user.coordinated_lag_ids()
    if lags:
        visible |= Q(actor__lag_id__in=lags)
    return qs.filter(visible)


def _answer_count():
    rows = (
        Answer.objects.filter(question=OuterRef("pk"))
        .order_by()
        .values("question")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def questions_list(*, user, theme=None, q: str = "", state: str = "") -> QuerySet:
    """Questions for the list, newest first, with theme, actor and answer counts."""
    qs = questions_visible_to(user)
    if theme is not None:
        qs = qs.filter(theme=theme)
    qs = qs.filter(word_forms_match(q))
    has_answer = Exists(Answer.objects.filter(question=OuterRef("pk")))
    if state == AnswerState.OPEN:
        qs = qs.filter(~has_answer)
    elif state == AnswerState.ANSWERED:
        qs = qs.filter(has_answer)
    return (
        qs.annotate(
            answer_count=_answer_count(),
            has_accepted=Exists(Answer.objects.filter(question=OuterRef("pk"), accepted=True)),
        )
        .select_related("theme", "actor", "author")
        .order_by("-created_at", "-id")
    )


def question_for_page(pk: int) -> Question | None:
    return Question.objects.select_related("theme", "actor", "author").filter(pk=pk).first()


def answers_of(question: Question) -> list[Answer]:
    """The answers, the one that helped first, then oldest first."""
    return list(
        Answer.objects.filter(question=question)
        .select_related("author")
        .order_by("-accepted", "created_at", "id")
    )


def _active_bookings():
    return Booking.objects.filter(cancelled_at__isnull=True)


def free_slots(*, consultant=None, now=None) -> QuerySet:
    """Upcoming times nobody has booked and the consultant has not withdrawn, soonest first."""
    now = now or timezone.now()
    qs = Slot.objects.filter(withdrawn_at__isnull=True, starts_at__gt=now).exclude(
        Exists(_active_bookings().filter(slot=OuterRef("pk")))
    )
    if consultant is not None:
        qs = qs.filter(consultant=consultant)
    return qs.select_related("consultant").order_by("starts_at", "id")


def consultants() -> QuerySet:
    return User.objects.filter(is_consultant=True, is_active=True).order_by("full_name", "email")


def consultant_theme_ids(consultant) -> set[int]:
    return set(
        ConsultantTheme.objects.filter(consultant=consultant).values_list("theme_id", flat=True)
    )


def bookings_of(person, *, now=None) -> tuple[list[Booking], list[Booking]]:
    """(upcoming, past or cancelled) bookings of this person, with slot, consultant, actor."""
    now = now or timezone.now()
    rows = list(
        Booking.objects.filter(person=person)
        .select_related("slot", "slot__consultant", "actor", "cancelled_by")
        .order_by("slot__starts_at", "id")
    )
    for booking in rows:
        booking.started = booking.slot.starts_at <= now
    upcoming = [b for b in rows if b.cancelled_at is None and b.slot.ends_at > now]
    other = [b for b in rows if b not in upcoming]
    other.reverse()
    return upcoming, other


def schedule_of(consultant, *, now=None) -> QuerySet:
    """The consultant's times not yet over (withdrawn ones too), with the active booking."""
    now = now or timezone.now()
    return (
        Slot.objects.filter(consultant=consultant, ends_at__gt=now)
        .prefetch_related(
            Prefetch(
                "bookings",
                queryset=_active_bookings().select_related("person", "actor"),
                to_attr="active_bookings",
            )
        )
        .order_by("starts_at", "id")
    )


def booking_for_user(*, user, pk: int) -> Booking | None:
    """The booking, when it is this person's or one of their consultation times."""
    booking = (
        Booking.objects.select_related("slot", "slot__consultant", "person").filter(pk=pk).first()
    )
    if booking is None or not user.has_perm("consultations.view_booking", booking):
        return None
    return booking


def answer_of_question(*, question: Question, pk) -> Answer | None:
    return Answer.objects.filter(question=question, pk=pk).first()


def slot_with_consultant(pk) -> Slot | None:
    return Slot.objects.select_related("consultant").filter(pk=pk).first()
