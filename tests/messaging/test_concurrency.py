"""Both sides start the same pair of actors at the same instant (real PostgreSQL threads)."""

import threading

import pytest
from django.db import connection

from kaimolink.messaging import services
from kaimolink.messaging.models import Conversation, Message
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.models import Notification
from tests.concurrency import run_at_once
from tests.messaging.factories import actor_with_member

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def start_both_at_once(monkeypatch):
    """Alice (for A) and Bob (for B) write to each other at once; both first find no
    conversation (a barrier holds each after its look-up until the other has looked too)."""
    a, alice = actor_with_member()
    b, bob = actor_with_member()
    barrier = threading.Barrier(2, timeout=10)
    seen = []
    original = services._find_conversation

    def find_then_wait(low, high):
        found = original(low, high)
        seen.append(found)
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        return found

    monkeypatch.setattr(services, "_find_conversation", find_then_wait)
    outcomes = run_at_once(
        lambda side: services.conversation_start(
            sender=side[0], receiver=side[1], author=side[2], body=f"Sveiki nuo {side[0].name}"
        ),
        [(a, b, alice), (b, a, bob)],
    )
    monkeypatch.undo()
    return outcomes, seen


def test_simultaneous_starts_make_one_conversation(monkeypatch):
    outcomes, seen = start_both_at_once(monkeypatch)
    assert seen == [None, None]  # the race happened: neither saw the other's conversation
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Conversation.objects.count() == 1
    conversation = Conversation.objects.get()
    assert Message.objects.filter(conversation=conversation).count() == 2
    # One side's message is the contact request, the other's an ordinary message.
    kinds = sorted(Notification.objects.values_list("kind", flat=True))
    assert kinds == sorted([Kind.CONTACT_REQUEST, Kind.MESSAGE])


def test_without_the_unique_constraint_the_race_makes_two(monkeypatch):
    """The constraint is what keeps the pair to one conversation: without it, two."""
    constraint = next(
        c for c in Conversation._meta.constraints if c.name == "conversation_pair_unique"
    )
    with connection.schema_editor() as editor:
        editor.remove_constraint(Conversation, constraint)
    try:
        outcomes, seen = start_both_at_once(monkeypatch)
        assert seen == [None, None]
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        assert Conversation.objects.count() == 2
    finally:
        Conversation.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Conversation, constraint)
