"""Many people register for the last places at the same moment (real PostgreSQL)."""

import threading

import pytest
from django.db.models import QuerySet

from kaimolink.events import services
from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Registration
from tests.concurrency import run_at_once
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

PEOPLE = 40
PLACES = 15


def register_all(monkeypatch, *, with_lock: bool):
    event = EventFactory(capacity=PLACES)
    people = [UserFactory() for _ in range(PEOPLE)]
    if not with_lock:
        # Every request reads the number of confirmed places before any of them writes,
        # which the row lock would not allow (it would make each wait its turn).
        barrier = threading.Barrier(PEOPLE, timeout=10)
        original_count = QuerySet.count

        def count_then_wait(self):
            n = original_count(self)
            if self.model is Registration:
                try:
                    barrier.wait()
                except threading.BrokenBarrierError:
                    pass
            return n

        monkeypatch.setattr(QuerySet, "count", count_then_wait)
        monkeypatch.setattr(QuerySet, "select_for_update", lambda self, **kw: self)
    outcomes = run_at_once(lambda p: services.registration_create(event=event, person=p), people)
    monkeypatch.undo()
    assert not [o for o in outcomes if isinstance(o, Exception)]
    return event


def statuses(event) -> list[str]:
    return list(Registration.objects.filter(event=event).values_list("status", flat=True))


def test_simultaneous_registrations_never_overbook(monkeypatch):
    event = register_all(monkeypatch, with_lock=True)
    found = statuses(event)
    assert found.count(RegistrationStatus.CONFIRMED) == PLACES
    assert found.count(RegistrationStatus.WAITING) == PEOPLE - PLACES
    assert Registration.objects.filter(event=event).values("person").distinct().count() == PEOPLE


def test_without_the_lock_places_are_overbooked(monkeypatch):
    """The race is real: without SELECT … FOR UPDATE everyone sees free places."""
    event = register_all(monkeypatch, with_lock=False)
    assert statuses(event).count(RegistrationStatus.CONFIRMED) > PLACES


def test_simultaneous_cancellations_promote_exactly_as_many(monkeypatch):
    event = EventFactory(capacity=10)
    holders = [RegistrationFactory(event=event) for _ in range(10)]
    waiting = [
        RegistrationFactory(event=event, status=RegistrationStatus.WAITING) for _ in range(15)
    ]
    leaving = holders[:8]
    outcomes = run_at_once(
        lambda r: services.registration_cancel(registration=r, by=r.person), leaving
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    found = statuses(event)
    assert found.count(RegistrationStatus.CONFIRMED) == 10
    assert found.count(RegistrationStatus.WAITING) == 7
    promoted = set(
        Registration.objects.filter(event=event, promoted_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    assert promoted == {r.pk for r in waiting[:8]}  # the earliest eight, in order


def test_two_hundred_registrations_for_fifteen_places():
    """The issue's proof: 200 registrations at once for 15 places, 20 people clicking twice.

    PostgreSQL's default max_connections is 100, so 200 requests cannot each hold a
    connection at the same instant: 80 threads start together behind a barrier and take the
    210 requests from a shared queue, which keeps 80 transactions fighting for the row.
    """
    import queue

    event = EventFactory(capacity=PLACES)
    people = [UserFactory() for _ in range(200)]
    requests = queue.Queue()
    for person in people + people[:20]:  # the first twenty click twice
        requests.put(person)
    workers = 80
    start = threading.Barrier(workers, timeout=30)
    refused = []
    lock = threading.Lock()

    def worker(_):
        start.wait()
        while True:
            try:
                person = requests.get_nowait()
            except queue.Empty:
                return None
            try:
                services.registration_create(event=event, person=person)
            except services.RegistrationError:
                with lock:
                    refused.append(person.pk)

    outcomes = run_at_once(worker, range(workers))

    assert not [o for o in outcomes if isinstance(o, Exception)]
    found = statuses(event)
    assert found.count(RegistrationStatus.CONFIRMED) == PLACES
    assert found.count(RegistrationStatus.WAITING) == 200 - PLACES
    assert len(refused) == 20  # every second click was refused, none counted twice
    assert Registration.objects.filter(event=event).values("person").distinct().count() == 200
