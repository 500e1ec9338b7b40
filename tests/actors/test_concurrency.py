"""Two coordinators publish the same profile at the same moment (real PostgreSQL)."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.db.models import QuerySet

from kaimolink.actors import services
from kaimolink.actors.enums import ActorStatus
from kaimolink.actors.models import Actor, ActorLogEntry
from tests.factories import ActorFactory, UserFactory, make_coordinator

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def publish_twice_at_once(monkeypatch, *, with_lock: bool) -> list[str]:
    """Both requests read the actor before either writes, unless the row lock stops them."""
    actor = ActorFactory(status=ActorStatus.PENDING, owners=[UserFactory()])
    coordinators = [make_coordinator(actor.lag), make_coordinator(actor.lag)]
    barrier = threading.Barrier(2, timeout=2)
    original_get = QuerySet.get

    def get_then_wait_for_the_other(self, *args, **kwargs):
        obj = original_get(self, *args, **kwargs)
        if self.model is Actor:
            try:
                barrier.wait()  # with the lock, the other request is blocked: this times out
            except threading.BrokenBarrierError:
                pass
        return obj

    monkeypatch.setattr(QuerySet, "get", get_then_wait_for_the_other)
    if not with_lock:
        monkeypatch.setattr(QuerySet, "select_for_update", lambda self, **kw: self)

    outcomes = []

    def publish(coordinator):
        try:
            services.actor_transition(actor=actor, by=coordinator, to_status=ActorStatus.PUBLISHED)
            outcomes.append("published")
        except services.ActorError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(c,)) for c in coordinators]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    monkeypatch.undo()
    return sorted(outcomes)


def test_row_lock_lets_only_one_publish(monkeypatch):
    outcomes = publish_twice_at_once(monkeypatch, with_lock=True)
    assert outcomes == ["published", "refused"]
    assert ActorLogEntry.objects.filter(kind=ActorLogEntry.Kind.STATUS).count() == 1
    assert len(mail.outbox) == 1


def test_without_the_lock_both_publish(monkeypatch):
    """The race is real: without SELECT … FOR UPDATE both requests succeed."""
    outcomes = publish_twice_at_once(monkeypatch, with_lock=False)
    assert outcomes == ["published", "published"]
    assert ActorLogEntry.objects.filter(kind=ActorLogEntry.Kind.STATUS).count() == 2
