"""Many people book the same consultation time at once (real PostgreSQL, real threads)."""

import datetime
import threading

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext

from kaimolink.consultations import services
from kaimolink.consultations.models import Booking, Slot
from tests.concurrency import run_at_once
from tests.consultations.factories import ConsultantFactory, SlotFactory, in_days
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

PEOPLE = 20


def without_the_lock(monkeypatch, parties: int) -> None:
    """Take away the row locks and make every request check "is it free?" before any writes.

    Each request waits at a barrier right after reading bookings, so all of them have seen
    the time free before the first one inserts: what the row lock exists to prevent.
    """
    barrier = threading.Barrier(parties, timeout=10)
    original_exists = QuerySet.exists

    def exists_then_wait(self):
        found = original_exists(self)
        if self.model is Booking:
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                pass
        return found

    monkeypatch.setattr(QuerySet, "exists", exists_then_wait)
    monkeypatch.setattr(QuerySet, "select_for_update", lambda self, **kw: self)


def constraint():
    return next(c for c in Booking._meta.constraints if c.name == "booking_one_active_per_slot")


def book_all(slot, people):
    outcomes = run_at_once(lambda p: services.booking_create(slot=slot, person=p), people)
    unexpected = [
        o for o in outcomes if isinstance(o, Exception)
        and not isinstance(o, services.ConsultationError)
    ]  # fmt: skip
    assert not unexpected, unexpected
    return outcomes


def active(slot) -> int:
    return Booking.objects.filter(slot=slot, cancelled_at__isnull=True).count()


def test_simultaneous_bookings_of_one_time_give_one_booking():
    slot = SlotFactory()
    people = [UserFactory() for _ in range(PEOPLE)]
    outcomes = book_all(slot, people)
    assert active(slot) == 1
    refused = [o for o in outcomes if isinstance(o, services.ConsultationError)]
    assert len(refused) == PEOPLE - 1
    # Threads run in the default language (Lithuanian): the "already booked" message.
    with translation.override("lt"):
        expected = gettext("This time is already booked. Choose another one.")
    assert expected.startswith("Šis laikas jau rezervuotas")
    assert {str(o) for o in refused} == {expected}


def test_without_the_lock_the_constraint_still_holds(monkeypatch):
    """No lock: every request sees the time free; the database lets only one insert in."""
    slot = SlotFactory()
    people = [UserFactory() for _ in range(PEOPLE)]
    without_the_lock(monkeypatch, PEOPLE)
    outcomes = book_all(slot, people)
    monkeypatch.undo()
    assert active(slot) == 1
    assert sum(isinstance(o, services.ConsultationError) for o in outcomes) == PEOPLE - 1


def test_without_lock_and_constraint_the_time_is_double_booked(monkeypatch):
    """The race is real: with neither the row lock nor the constraint, several get through."""
    slot = SlotFactory()
    people = [UserFactory() for _ in range(PEOPLE)]
    with connection.schema_editor() as editor:
        editor.remove_constraint(Booking, constraint())
    try:
        without_the_lock(monkeypatch, PEOPLE)
        book_all(slot, people)
        monkeypatch.undo()
        assert active(slot) > 1
    finally:
        monkeypatch.undo()
        Booking.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Booking, constraint())


def test_one_person_booking_overlapping_times_at_once_gets_one():
    person = UserFactory()
    start = in_days(5, 10)
    slots = [
        SlotFactory(starts_at=start, ends_at=start + datetime.timedelta(minutes=60 + n))
        for n in range(8)
    ]
    outcomes = run_at_once(lambda s: services.booking_create(slot=s, person=person), slots)
    assert sum(not isinstance(o, Exception) for o in outcomes) == 1
    assert Booking.objects.filter(person=person).count() == 1


def test_a_consultant_publishing_overlapping_times_at_once_gets_one():
    consultant = ConsultantFactory()
    start = in_days(5, 10)

    def publish(minutes):
        return services.slot_create(
            consultant=consultant,
            starts_at=start,
            ends_at=start + minutes,
            mode="phone",
        )

    lengths = [datetime.timedelta(minutes=30 + n) for n in range(10)]
    outcomes = run_at_once(publish, lengths)
    assert sum(not isinstance(o, Exception) for o in outcomes) == 1
    assert Slot.objects.filter(consultant=consultant).count() == 1
