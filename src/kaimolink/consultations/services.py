"""Every write of consultations: questions, answers, consultation times and bookings.

Locks, in the order every function takes them, so that two of them never wait on each
other: a slot row, then a booking row or a person's account row. `slot_create` locks only
the consultant's account row (their slots are created one at a time).
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kaimolink.accounts.models import User
from kaimolink.actors.models import ActorMembership
from kaimolink.consultations import rules
from kaimolink.consultations.enums import SlotMode
from kaimolink.consultations.models import Answer, Booking, ConsultantTheme, Question, Slot
from kaimolink.core.models import Theme
from kaimolink.core.ratelimit import lock_person
from kaimolink.core.weblinks import validate_web_url
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.services import notify

TITLE_MAX = 200
BODY_MAX = 10_000
TOPIC_MAX = 500
PLACE_MAX = 300
NOTE_MAX = 500
REASON_MAX = 2_000
QUESTIONS_PER_HOUR = 5
ANSWERS_PER_HOUR = 30
SLOT_MIN = datetime.timedelta(minutes=15)
SLOT_MAX = datetime.timedelta(hours=4)
SLOTS_AHEAD = datetime.timedelta(days=366)
UPCOMING_BOOKINGS_MAX = 5


class ConsultationError(Exception):
    """A refused write; the message is translated and meant for the person."""


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """Wall-clock time of the platform (Europe/Vilnius) on that day."""
    return datetime.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def local_text(moment: datetime.datetime) -> str:
    """A moment as the platform's wall-clock time, e.g. "2026-05-14 10:00"."""
    return timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE)).strftime("%Y-%m-%d %H:%M")


def _name(user) -> str:
    return str(user) if user else ""


# --- Questions and answers -----------------------------------------------------------------


def _clean_text(value, *, maximum: int, required_message: str | None = None) -> str:
    text = str(value or "").strip()
    if required_message and not text:
        raise ConsultationError(required_message)
    if len(text) > maximum:
        raise ConsultationError(
            _("The text may be at most %(max)d characters long (it has %(n)d).")
            % {"max": maximum, "n": len(text)}
        )
    return text


def consultants_for_theme(theme: Theme):
    """Active consultants who answer in this theme: those who chose it or chose no theme."""
    return (
        User.objects.filter(is_consultant=True, is_active=True)
        .filter(Q(consultant_themes__isnull=True) | Q(consultant_themes__theme=theme))
        .distinct()
    )


@transaction.atomic
def question_create(
    *, author, theme: Theme, title: str, body: str = "", is_public: bool = True, actor=None
) -> Question:
    """Ask the consultants. Tells the consultants of the theme and, for a question asked
    for an actor, the coordinators of that actor's LAG (Kind.CONSULTATION_QUESTION)."""
    if not (author and author.is_authenticated and author.is_active):
        raise ConsultationError(_("Log in to ask a question."))
    if theme is None or theme.kind != Theme.Kind.SMART_VILLAGE:
        raise ConsultationError(_("Choose one of the smart-village themes."))
    title = _clean_text(title, maximum=TITLE_MAX, required_message=_("Write your question."))
    body = _clean_text(body, maximum=BODY_MAX)
    if actor is not None and not ActorMembership.objects.filter(actor=actor, user=author).exists():
        raise ConsultationError(_("You can ask only on behalf of an actor you belong to."))
    lock_person(author)  # held to the end of the transaction: count and insert as one
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    if (
        Question.objects.filter(author=author, created_at__gte=hour_ago).count()
        >= QUESTIONS_PER_HOUR
    ):
        raise ConsultationError(
            _("You have asked %d questions in the last hour; please wait a little.")
            % QUESTIONS_PER_HOUR
        )
    question = Question.objects.create(
        author=author, actor=actor, theme=theme, title=title, body=body, is_public=bool(is_public)
    )
    recipients = list(consultants_for_theme(theme))
    if actor is not None:
        recipients += list(User.objects.filter(coordinations__lag_id=actor.lag_id, is_active=True))
    notify(
        recipients=recipients,
        kind=Kind.CONSULTATION_QUESTION,
        title=gettext_noop("New question to consultants: %(title)s"),
        params={"title": title},
        url=question.get_absolute_url(),
        exclude=author,
    )
    return question


@transaction.atomic
def answer_create(*, question: Question, author, body: str) -> Answer:
    """Answer a question (consultants and LAG experts, see rules.py); the asker is told."""
    if not rules.can_answer_question(author, question):
        raise ConsultationError(_("Only consultants and LAG experts answer questions."))
    body = _clean_text(body, maximum=BODY_MAX, required_message=_("Write your answer."))
    lock_person(author)  # held to the end of the transaction: count and insert as one
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    if Answer.objects.filter(author=author, created_at__gte=hour_ago).count() >= ANSWERS_PER_HOUR:
        raise ConsultationError(
            _("You have answered many questions in the last hour; wait a little.")
        )
    answer = Answer.objects.create(question=question, author=author, body=body)
    if question.author_id:
        notify(
            recipients=[question.author],
            kind=Kind.CONSULTATION_ANSWER,
            title=gettext_noop("%(name)s answered your question: %(title)s"),
            params={"name": _name(author), "title": question.title},
            url=question.get_absolute_url() + f"#answer-{answer.pk}",
            exclude=author,
        )
    return answer


@transaction.atomic
def answer_accept(*, answer: Answer, by, accepted: bool = True) -> Answer:
    """The asker marks the answer that helped (or takes the mark back).

    At most one answer per question carries the mark: marking another moves it. Locks the
    question row so that two marks at once are applied one after the other.
    """
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if not rules.can_accept_answer(by, question):
        raise ConsultationError(_("Only the person who asked can mark the answer that helped."))
    answer = Answer.objects.get(pk=answer.pk)
    if accepted:
        Answer.objects.filter(question=question, accepted=True).exclude(pk=answer.pk).update(
            accepted=False, accepted_at=None
        )
        if not answer.accepted:
            answer.accepted, answer.accepted_at = True, timezone.now()
            answer.save(update_fields=["accepted", "accepted_at"])
    elif answer.accepted:
        answer.accepted, answer.accepted_at = False, None
        answer.save(update_fields=["accepted", "accepted_at"])
    return answer


@transaction.atomic
def consultant_themes_set(*, consultant, themes) -> None:
    """The themes whose new questions this consultant is told about (none: every theme)."""
    if not rules.is_consultant(consultant):
        raise ConsultationError(_("Only consultants choose the themes they answer in."))
    wanted = {t.pk for t in themes if t.kind == Theme.Kind.SMART_VILLAGE}
    ConsultantTheme.objects.filter(consultant=consultant).exclude(theme_id__in=wanted).delete()
    have = set(
        ConsultantTheme.objects.filter(consultant=consultant).values_list("theme_id", flat=True)
    )
    ConsultantTheme.objects.bulk_create(
        [ConsultantTheme(consultant=consultant, theme_id=pk) for pk in wanted - have]
    )


# --- Consultation times and bookings -------------------------------------------------------


def _schedule_url() -> str:
    return reverse("consultations:schedule")


def _bookings_url() -> str:
    return reverse("consultations:my_bookings")


@transaction.atomic
def slot_create(
    *,
    consultant,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    mode: str,
    place: str = "",
    note: str = "",
    now: datetime.datetime | None = None,
) -> Slot:
    """Publish a consultation time. Refuses the past, an end before the start, less than
    15 minutes or more than 4 hours, more than a year ahead, and overlap with the
    consultant's other (not withdrawn) times. Locks the consultant's account row, so two
    forms sent at once cannot both pass the overlap check."""
    now = now or timezone.now()
    if not rules.is_consultant(consultant):
        raise ConsultationError(_("Only consultants publish consultation times."))
    if starts_at is None or ends_at is None:
        raise ConsultationError(_("Give the date, the start and the end."))
    if ends_at <= starts_at:
        raise ConsultationError(_("The consultation must end after it starts."))
    if starts_at <= now:
        raise ConsultationError(_("The consultation time must be in the future."))
    if starts_at > now + SLOTS_AHEAD:
        raise ConsultationError(_("Consultation times can be published at most a year ahead."))
    length = ends_at - starts_at
    if length < SLOT_MIN:
        raise ConsultationError(_("A consultation lasts at least 15 minutes."))
    if length > SLOT_MAX:
        raise ConsultationError(_("A consultation lasts at most 4 hours; publish several times."))
    if mode not in SlotMode.values:
        raise ConsultationError(_("Choose how the consultation takes place."))
    place = _clean_text(place, maximum=PLACE_MAX)
    note = _clean_text(note, maximum=NOTE_MAX)
    if mode == SlotMode.IN_PERSON and not place:
        raise ConsultationError(_("Write where the consultation takes place."))
    if mode == SlotMode.ONLINE and not place:
        raise ConsultationError(_("Write the link of the online meeting."))
    if mode == SlotMode.ONLINE:
        try:
            validate_web_url(place)
        except ValidationError as exc:
            raise ConsultationError(exc.messages[0]) from None
    User.objects.select_for_update().filter(pk=consultant.pk).first()
    clash = (
        Slot.objects.filter(
            consultant=consultant,
            withdrawn_at__isnull=True,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
        )
        .order_by("starts_at")
        .first()
    )
    if clash is not None:
        raise ConsultationError(
            _("This time overlaps your consultation time %(start)s–%(end)s.")
            % {
                "start": local_text(clash.starts_at),
                "end": f"{timezone.localtime(clash.ends_at):%H:%M}",
            }
        )
    return Slot.objects.create(
        consultant=consultant,
        starts_at=starts_at,
        ends_at=ends_at,
        mode=mode,
        place=place,
        note=note,
    )


def _lock_slot(slot: Slot) -> Slot:
    return Slot.objects.select_for_update().select_related("consultant").get(pk=slot.pk)


def active_booking(slot: Slot) -> Booking | None:
    return Booking.objects.filter(slot=slot, cancelled_at__isnull=True).first()


@transaction.atomic
def booking_create(
    *, slot: Slot, person, actor=None, topic: str = "", now: datetime.datetime | None = None
) -> Booking:
    """Book a consultation time: one person per time, no two of a person's bookings at once.

    Locks the slot row (a second request for the same time waits, then finds it booked),
    then the person's account row (their simultaneous requests for overlapping times are
    checked one after the other). The database's partial unique constraint holds the rule
    even if something bypasses the lock. The consultant and the person are told.
    """
    now = now or timezone.now()
    if not (person and person.is_authenticated and person.is_active):
        raise ConsultationError(_("Log in to book a consultation."))
    slot = _lock_slot(slot)
    if slot.withdrawn_at is not None:
        raise ConsultationError(_("The consultant has withdrawn this time."))
    if slot.starts_at <= now:
        raise ConsultationError(_("This time has already started or passed."))
    if slot.consultant_id == person.pk:
        raise ConsultationError(_("You cannot book your own consultation time."))
    if actor is not None and not ActorMembership.objects.filter(actor=actor, user=person).exists():
        raise ConsultationError(_("You can book only on behalf of an actor you belong to."))
    topic = _clean_text(topic, maximum=TOPIC_MAX)
    if Booking.objects.filter(slot=slot, cancelled_at__isnull=True).exists():
        raise ConsultationError(_("This time is already booked. Choose another one."))
    User.objects.select_for_update().filter(pk=person.pk).first()
    mine = Booking.objects.filter(person=person, cancelled_at__isnull=True)
    if mine.filter(slot__starts_at__lt=slot.ends_at, slot__ends_at__gt=slot.starts_at).exists():
        raise ConsultationError(_("You already have a consultation booked at this time."))
    if mine.filter(slot__starts_at__gt=now).count() >= UPCOMING_BOOKINGS_MAX:
        raise ConsultationError(
            _("You can hold at most %d upcoming bookings; cancel one you do not need.")
            % UPCOMING_BOOKINGS_MAX
        )
    try:
        with transaction.atomic():
            booking = Booking.objects.create(slot=slot, person=person, actor=actor, topic=topic)
    except IntegrityError:  # the partial unique constraint, should anything bypass the lock
        raise ConsultationError(_("This time is already booked. Choose another one.")) from None
    when = local_text(slot.starts_at)
    notify(
        recipients=[slot.consultant],
        kind=Kind.BOOKING,
        title=gettext_noop("%(name)s booked your consultation time %(when)s"),
        params={"name": _name(person), "when": when},
        url=_schedule_url(),
    )
    notify(
        recipients=[person],
        kind=Kind.BOOKING,
        title=gettext_noop("You booked a consultation with %(name)s at %(when)s"),
        params={"name": _name(slot.consultant), "when": when},
        url=_bookings_url(),
    )
    return booking


@transaction.atomic
def booking_cancel(
    *, booking: Booking, by, reason: str = "", now: datetime.datetime | None = None
) -> Booking:
    """Cancel a booking: the person until the time starts, the consultant with a reason.

    When the person cancels, the time is free again for others. When the consultant
    cancels, they cannot keep it: the time is withdrawn (they may publish a new one). The
    other side is told. Locks the slot, then the booking (as booking_create).
    """
    now = now or timezone.now()
    slot = _lock_slot(booking.slot)
    booking = Booking.objects.select_for_update().select_related("person").get(pk=booking.pk)
    own = rules.is_booker(by, booking)
    consultant = rules.is_slot_consultant(by, slot)
    if not (own or consultant):
        raise ConsultationError(_("You may not cancel this booking."))
    if booking.cancelled_at is not None:
        raise ConsultationError(_("This booking is already cancelled."))
    reason = _clean_text(reason, maximum=REASON_MAX)
    if consultant and not own:
        if not reason:
            raise ConsultationError(_("Write the reason for cancelling; the person will see it."))
        if slot.ends_at <= now:
            raise ConsultationError(_("This consultation is over."))
    elif slot.starts_at <= now:
        raise ConsultationError(
            _("The consultation has started; it can no longer be cancelled here.")
        )
    booking.cancelled_at, booking.cancelled_by, booking.cancel_reason = now, by, reason
    booking.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    when = local_text(slot.starts_at)
    if consultant and not own:
        slot.withdrawn_at = now
        slot.save(update_fields=["withdrawn_at"])
        notify(
            recipients=[booking.person],
            kind=Kind.BOOKING,
            title=gettext_noop("%(name)s cancelled your consultation at %(when)s: %(reason)s"),
            params={"name": _name(slot.consultant), "when": when, "reason": reason[:200]},
            url=_bookings_url(),
        )
    else:
        notify(
            recipients=[slot.consultant],
            kind=Kind.BOOKING,
            title=gettext_noop("%(name)s cancelled the booking of your time %(when)s"),
            params={"name": _name(booking.person), "when": when},
            url=_schedule_url(),
        )
    return booking


@transaction.atomic
def slot_withdraw(
    *, slot: Slot, by, reason: str = "", now: datetime.datetime | None = None
) -> Slot:
    """The consultant takes a time back; a booking of it is cancelled (a reason needed)."""
    now = now or timezone.now()
    slot = _lock_slot(slot)
    if not rules.is_slot_consultant(by, slot):
        raise ConsultationError(_("You may not change this consultation time."))
    if slot.withdrawn_at is not None:
        raise ConsultationError(_("This time is already withdrawn."))
    if slot.starts_at <= now:
        raise ConsultationError(_("This time has already started or passed."))
    booking = active_booking(slot)
    if booking is not None:
        booking_cancel(booking=booking, by=by, reason=reason, now=now)  # withdraws the slot
        slot.refresh_from_db()
        return slot
    slot.withdrawn_at = now
    slot.save(update_fields=["withdrawn_at"])
    return slot


def _remind(booking: Booking) -> None:
    slot = booking.slot
    time = f"{timezone.localtime(slot.starts_at):%H:%M}"
    notify(
        recipients=[booking.person],
        kind=Kind.BOOKING_REMINDER,
        title=gettext_noop("Reminder: your consultation with %(name)s is tomorrow at %(time)s"),
        params={"name": _name(slot.consultant), "time": time},
        url=_bookings_url(),
    )
    notify(
        recipients=[slot.consultant],
        kind=Kind.BOOKING_REMINDER,
        title=gettext_noop("Reminder: consultation with %(name)s tomorrow at %(time)s"),
        params={"name": _name(booking.person), "time": time},
        url=_schedule_url(),
    )


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind both sides of every active booking whose time starts tomorrow (local date).

    Each booking is marked `reminded_at` in the same transaction as its notifications are
    written, so a second run sends nothing again; on PostgreSQL two runs at once skip each
    other's locked rows. Returns how many bookings were reminded. Run daily by the
    `send_consultation_reminders` command.
    """
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    starts_from = local_datetime(tomorrow, datetime.time.min)
    starts_before = local_datetime(tomorrow + datetime.timedelta(days=1), datetime.time.min)
    with transaction.atomic():
        due = Booking.objects.filter(
            cancelled_at__isnull=True,
            reminded_at__isnull=True,
            slot__withdrawn_at__isnull=True,
            slot__starts_at__gte=starts_from,
            slot__starts_at__lt=starts_before,
        ).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        due = list(due.select_related("slot", "slot__consultant", "person"))
        for booking in due:
            _remind(booking)
        Booking.objects.filter(pk__in=[b.pk for b in due]).update(reminded_at=now)
    return len(due)
