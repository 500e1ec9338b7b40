"""The hourly message limit holds under parallel sends (issue 8, finding 4).

48 messages sent at once let 33 through a limit of 30: each request counted the others'
messages before any was saved. The count and the insert now run under a lock on the
author's account row (core.ratelimit.lock_person).
"""

import time

import pytest

from kaimolink.messaging import services
from kaimolink.messaging.models import Message
from tests.concurrency import run_at_once
from tests.messaging.factories import actor_with_member, start

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

LIMIT = 5
PARALLEL = 12


def send_at_once(monkeypatch):
    """Alice has sent 1 message; 12 more go at once. Each request pauses between its count
    and its insert, so without the lock they all count before any of them inserts."""
    a, alice = actor_with_member()
    b, _bob = actor_with_member()
    conversation = start(a, b, alice).conversation
    monkeypatch.setattr(services, "MESSAGES_PER_HOUR", LIMIT)
    original = services._check_message_rate

    def count_then_pause(author, now):
        original(author, now)
        time.sleep(0.2)

    monkeypatch.setattr(services, "_check_message_rate", count_then_pause)
    outcomes = run_at_once(
        lambda n: services.message_send(
            conversation=conversation, sender=a, author=alice, body=f"Žinutė {n}"
        ),
        range(PARALLEL),
    )
    return outcomes, alice


def test_parallel_messages_do_not_pass_the_hourly_limit(monkeypatch):
    outcomes, alice = send_at_once(monkeypatch)
    refused = [o for o in outcomes if isinstance(o, services.RateLimited)]
    assert not [o for o in outcomes if isinstance(o, Exception) and o not in refused], outcomes
    assert Message.objects.filter(author=alice).count() == LIMIT
    assert len(refused) == PARALLEL - (LIMIT - 1)


def test_without_the_lock_more_messages_pass(monkeypatch):
    """The lock is what holds the limit: without it, more than the limit get through."""
    monkeypatch.setattr(services, "lock_person", lambda person: None)
    outcomes, alice = send_at_once(monkeypatch)
    assert Message.objects.filter(author=alice).count() > LIMIT
