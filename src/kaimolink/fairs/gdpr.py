"""A person's traces at virtual fairs, for the GDPR export and erasure.

Export: the questions they asked, their favourite booths and meetings they booked.
Erasure: favourites and bookings are deleted; questions stay with the booth (the
exhibitor's answer is public to visitors) without the person (`asked_by` emptied).
Visits are counted per day without anyone's data, so there is nothing to erase there.
"""

from django.db import transaction

from kaimolink.fairs.models import BoothQuestion, Favourite, MeetingBooking


def personal_data(user) -> dict:
    questions = BoothQuestion.objects.filter(asked_by=user).select_related(
        "booth__actor", "booth__fair"
    )
    favourites = Favourite.objects.filter(person=user).select_related("booth__actor", "booth__fair")
    meetings = MeetingBooking.objects.filter(person=user).select_related(
        "slot__booth__actor", "slot__booth__fair"
    )
    return {
        "fair_questions": [
            {
                "fair": q.booth.fair.title,
                "booth": q.booth.actor.name,
                "asked_at": q.created_at.isoformat(),
                "question": q.text,
                "answer": q.answer,
            }
            for q in questions.order_by("created_at", "id")
        ],
        "fair_favourites": [
            {"fair": f.booth.fair.title, "booth": f.booth.actor.name}
            for f in favourites.order_by("created_at", "id")
        ],
        "fair_meetings": [
            {
                "fair": m.slot.booth.fair.title,
                "booth": m.slot.booth.actor.name,
                "starts_at": m.slot.starts_at.isoformat(),
                "topic": m.topic,
            }
            for m in meetings.order_by("created_at", "id")
        ],
    }


@transaction.atomic
def erase(user) -> None:
    BoothQuestion.objects.filter(asked_by=user).update(asked_by=None)
    Favourite.objects.filter(person=user).delete()
    MeetingBooking.objects.filter(person=user).delete()
