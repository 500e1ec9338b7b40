import pytest
from django.urls import reverse

from kaimolink.accounts.models import User
from kaimolink.core.demo import seed_demo
from kaimolink.messaging import gdpr
from kaimolink.messaging.demo import CONVERSATIONS, seed_demo_messaging
from kaimolink.messaging.models import ContactShare, Conversation, Message, ReadState
from kaimolink.notifications.models import Notification
from tests.messaging.factories import start

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


def test_personal_data_and_erasure(pair):
    from kaimolink.accounts.services import account_erase
    from kaimolink.messaging import services

    a, alice, b, bob = pair
    conversation = start(a, b, alice, body="Mano žinutė").conversation
    services.message_send(conversation=conversation, sender=b, author=bob, body="Atsakymas")
    services.conversation_mark_read(conversation=conversation, user=alice)
    services.contacts_share(conversation=conversation, actor=a, by=alice, include_my_email=True)

    data = gdpr.personal_data(alice)
    assert [m["body"] for m in data["messages_written"]] == ["Mano žinutė"]
    assert data["messages_written"][0]["conversation"] == [
        conversation.actor_low.name,
        conversation.actor_high.name,
    ]
    assert data["messages_written"][0]["written_for"] == a.name
    assert len(data["conversations_read"]) == 1
    assert data["contact_details_shared"][0]["with_my_email"] is True

    gdpr.erase(alice)
    account_erase(user=alice)
    message = Message.objects.get(body="Mano žinutė")  # stays in the actors' conversation
    assert message.author is None and message.sender_actor == a
    assert not ReadState.objects.filter(user_id=alice.pk).exists()
    assert ContactShare.objects.get().shared_by is None
