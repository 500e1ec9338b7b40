"""The demo conversations of `kaimolink seed_demo` (kaimolink.demo.messaging)."""

import pytest
from django.urls import reverse

from kaimolink.accounts.models import User
from kaimolink.demo.messaging import CONVERSATIONS, seed_demo_messaging
from kaimolink.demo.seed_facts import seed_demo
from kaimolink.messaging.models import ContactShare, Conversation, Message, ReadState
from kaimolink.notifications.models import Notification

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Conversation.objects.values_list("actor_low", "actor_high", "last_message_at")),
        sorted(Message.objects.values_list("conversation", "body", "created_at")),
        sorted(ContactShare.objects.values_list("conversation", "actor", "include_my_email")),
        sorted(ReadState.objects.values_list("conversation", "user", "last_read_at")),
        User.objects.count(),
    )


def test_demo_conversations_are_seeded_once_and_readable_by_their_members(client):
    seed_demo()
    lines = []
    seed_demo_messaging(seed=1, log=lines.append)
    assert Conversation.objects.count() == len(CONVERSATIONS) == 4
    assert Message.objects.count() == sum(len(c.messages) for c in CONVERSATIONS)
    assert not Notification.objects.exists()
    assert "Demo messages" in lines[0]
    first = snapshot()
    seed_demo_messaging(seed=1, log=lines.append)
    assert snapshot() == first

    member = User.objects.get(email="member@demo.kaimolink.lt")
    client.force_login(member)
    rows = client.get(reverse("messaging:inbox")).context["rows"]
    assert len(rows) == 4
    assert [r["unread"] for r in rows] == [True, False, False, False]  # the newest is unread
    # Where the other side shared, its contacts show; elsewhere nothing private does.
    tomas = User.objects.get(email="agurkai@demo.kaimolink.lt")
    shared = Conversation.objects.get(shares__actor__slug="mb-kedainiu-agurkai")
    html = client.get(reverse("messaging:conversation", kwargs={"pk": shared.pk})).content.decode()
    assert tomas.email in html
    honey = Conversation.objects.get(initiator__slug="mb-dzuku-medus")
    html = client.get(reverse("messaging:conversation", kwargs={"pk": honey.pk})).content.decode()
    assert honey.initiator.email not in html and "medus@demo.kaimolink.lt" not in html
    client.force_login(User.objects.get(email="medus@demo.kaimolink.lt"))
    assert (
        client.get(reverse("messaging:conversation", kwargs={"pk": shared.pk})).status_code == 404
    )
