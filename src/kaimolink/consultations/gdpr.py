"""The person's questions, answers, bookings and consultation times (GDPR export, erasure).

Erasure (`erase`, called before the account row is deleted):
- private questions the person asked are deleted with their answers: they were written
  for a small circle and are of no use to anyone without the asker;
- public questions stay, without the asker's name (`author` emptied), because their answers
  help other people; the actor they were asked for stays named (it is an organisation);
- answers the person wrote stay, without the name (Answer.author SET_NULL): they belong to
  the asker's question;
- the person's bookings are deleted; the consultant of each one still to come is told that
  it is cancelled;
- a consultant's consultation times are deleted; whoever booked one still to come is told
  that it is cancelled (their booking goes with the time);
- the themes a consultant chose go with the account (CASCADE).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from kaimolink.consultations.models import Answer, Booking, Question, Slot
from kaimolink.consultations.services import local_text
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.services import notify


def _at(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user) -> dict:
    questions = Question.objects.filter(author=user).select_related("theme", "actor")
    answers = Answer.objects.filter(author=user).select_related("question")
    bookings = Booking.objects.filter(person=user).select_related("slot", "slot__consultant")
    slots = Slot.objects.filter(consultant=user).prefetch_related("bookings")
    return {
        "consultation_questions": [
            {
                "title": q.title,
                "body": q.body,
                "theme": q.theme.slug,
                "public": q.is_public,
                "on_behalf_of": q.actor.name if q.actor else None,
                "asked_at": _at(q.created_at),
            }
            for q in questions.order_by("created_at")
        ],
        "consultation_answers": [
            {
                "question": a.question.title,
                "body": a.body,
                "helped": a.accepted,
                "answered_at": _at(a.created_at),
            }
            for a in answers.order_by("created_at")
        ],
        "consultation_bookings": [
            {
                "consultant": str(b.slot.consultant),
                "starts_at": _at(b.slot.starts_at),
                "ends_at": _at(b.slot.ends_at),
                "mode": b.slot.mode,
                "topic": b.topic,
                "booked_at": _at(b.created_at),
                "cancelled_at": _at(b.cancelled_at),
                "cancel_reason": b.cancel_reason,
            }
            for b in bookings.order_by("created_at")
        ],
        "consultation_times": [
            {
                "starts_at": _at(s.starts_at),
                "ends_at": _at(s.ends_at),
                "mode": s.mode,
                "place": s.place,
                "note": s.note,
                "withdrawn_at": _at(s.withdrawn_at),
                "bookings": len(s.bookings.all()),
            }
            for s in slots.order_by("starts_at")
        ],
    }


def erase(user) -> None:
    now = timezone.now()
    Question.objects.filter(author=user, is_public=False).delete()
    Question.objects.filter(author=user, is_public=True).update(author=None)
    upcoming = {"cancelled_at__isnull": True, "slot__starts_at__gt": now}
    for booking in Booking.objects.filter(person=user, **upcoming).select_related(
        "slot", "slot__consultant"
    ):
        notify(
            recipients=[booking.slot.consultant],
            kind=Kind.BOOKING,
            title=gettext_noop("The booking of your consultation time %(when)s is cancelled"),
            params={"when": local_text(booking.slot.starts_at)},
            url=reverse("consultations:schedule"),
        )
    Booking.objects.filter(person=user).delete()
    for booking in Booking.objects.filter(slot__consultant=user, **upcoming).select_related(
        "slot", "person"
    ):
        notify(
            recipients=[booking.person],
            kind=Kind.BOOKING,
            title=gettext_noop("Your consultation at %(when)s is cancelled: the consultant left"),
            params={"when": local_text(booking.slot.starts_at)},
            url=reverse("consultations:my_bookings"),
        )
    Slot.objects.filter(consultant=user).delete()
