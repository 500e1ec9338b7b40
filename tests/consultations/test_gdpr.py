"""The personal data of consultations: export, and what erasure keeps or deletes."""

import pytest
from django.utils import timezone

from kaimolink.accounts.models import User
from kaimolink.consultations import gdpr
from kaimolink.consultations.models import Answer, Booking, Question, Slot
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.models import Notification
from tests.consultations.factories import (
    AnswerFactory,
    BookingFactory,
    ConsultantFactory,
    QuestionFactory,
    SlotFactory,
    in_days,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_export_holds_questions_answers_bookings_and_times():
    person = ConsultantFactory()
    QuestionFactory(author=person, title="Mano klausimas", is_public=False)
    AnswerFactory(author=person, body="Mano atsakymas")
    BookingFactory(person=person, topic="Mano tema")
    SlotFactory(consultant=person, note="Mano laikas")
    data = gdpr.personal_data(person)
    assert data["consultation_questions"][0]["title"] == "Mano klausimas"
    assert data["consultation_questions"][0]["public"] is False
    assert data["consultation_answers"][0]["body"] == "Mano atsakymas"
    assert data["consultation_bookings"][0]["topic"] == "Mano tema"
    assert data["consultation_times"][0]["note"] == "Mano laikas"
    assert gdpr.personal_data(UserFactory()) == {
        "consultation_questions": [],
        "consultation_answers": [],
        "consultation_bookings": [],
        "consultation_times": [],
    }


def erase(user):
    gdpr.erase(user)
    user.delete()  # as accounts.services.account_erase does after every app's erase()


def test_erasing_an_asker():
    asker = UserFactory()
    public = QuestionFactory(author=asker, title="Viešas")
    AnswerFactory(question=public)
    private = QuestionFactory(author=asker, is_public=False, title="Privatus")
    AnswerFactory(question=private)
    upcoming = BookingFactory(person=asker)
    past_slot = SlotFactory(starts_at=in_days(-3))
    BookingFactory(person=asker, slot=past_slot)
    erase(asker)
    assert list(Question.objects.values_list("title", "author")) == [("Viešas", None)]
    assert Answer.objects.filter(question=public).count() == 1
    assert not Answer.objects.filter(question_id=private.pk).exists()
    assert not Booking.objects.exists()
    assert Slot.objects.count() == 2  # the consultants' times stay, free again
    note = Notification.objects.get(kind=Kind.BOOKING)  # only for the one still to come
    assert note.recipient == upcoming.slot.consultant


def test_erasing_a_consultant():
    consultant = ConsultantFactory()
    answer = AnswerFactory(author=consultant)
    booking = BookingFactory(slot=SlotFactory(consultant=consultant))
    BookingFactory(slot=SlotFactory(consultant=consultant, starts_at=in_days(9)),
                   cancelled_at=timezone.now())  # fmt: skip
    other = SlotFactory()
    erase(consultant)
    answer.refresh_from_db()
    assert answer.author is None and answer.body
    assert list(Slot.objects.all()) == [other]
    assert not Booking.objects.exists()
    note = Notification.objects.get(kind=Kind.BOOKING)
    assert note.recipient == booking.person
    assert User.objects.filter(pk=booking.person_id).exists()
