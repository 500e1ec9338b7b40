"""A meeting slot under simultaneous bookings (real PostgreSQL threads).

Twenty people book one slot at once: with the row lock exactly one booking is made and
the others get the clear refusal. Without the lock every thread sees the slot free: the
unique booking per slot still keeps one row, but the others fail with a database error
instead of a message (the race the lock turns into a polite refusal).
"""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from kaimolink.fairs import services
from kaimolink.fairs.models import MeetingBooking
from tests.concurrency import run_at_once
from tests.factories import UserFactory
from tests.fairs.factories import make_world

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

PEOPLE = 20


def a_slot():
    world = make_world()
    start = timezone.now() + timedelta(days=1)
    return services.slot_add(
        booth=world.booth, starts_at=start, ends_at=start + timedelta(minutes=30)
    )


def book(slot, person, *, lock: bool) -> str:
    try:
        services.slot_book(slot=slot, person=person, lock=lock)
    except services.FairError:
        return "refused"
    except IntegrityError:
        return "integrity error"
    return "booked"


def test_twenty_bookings_at_once_book_the_slot_once_and_refuse_the_others_clearly():
    slot = a_slot()
    people = [UserFactory() for _ in range(PEOPLE)]
    outcomes = run_at_once(lambda person: book(slot, person, lock=True), people)
    assert outcomes.count("booked") == 1
    assert outcomes.count("refused") == PEOPLE - 1
    assert MeetingBooking.objects.filter(slot=slot).count() == 1


def test_without_the_lock_the_same_race_ends_in_database_errors(monkeypatch):
    slot = a_slot()
    people = [UserFactory() for _ in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE, timeout=5)
    original = services.slot_row

    def read_then_wait_for_the_others(slot_id, *, lock):
        row = original(slot_id, lock=lock)
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        return row

    monkeypatch.setattr(services, "slot_row", read_then_wait_for_the_others)
    outcomes = run_at_once(lambda person: book(slot, person, lock=False), people)
    assert outcomes.count("booked") == 1  # the unique constraint holds anyway
    assert outcomes.count("integrity error") > 0  # but nobody was told politely
    assert MeetingBooking.objects.filter(slot=slot).count() == 1
