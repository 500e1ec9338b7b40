import pytest

from kaimolink.messaging import gdpr
from kaimolink.messaging.models import ContactShare, Message, ReadState
from tests.messaging.factories import start

pytestmark = pytest.mark.django_db


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
