from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.translation import override

from kaimolink.actors.enums import ActorStatus, MemberRole
from kaimolink.actors.models import ActorMembership
from kaimolink.messaging import services
from kaimolink.messaging.models import MAX_BODY_LENGTH, ContactShare, Conversation, Message
from kaimolink.moderation.models import Report
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.models import Notification
from tests.factories import ActorFactory, UserFactory, make_coordinator
from tests.messaging.factories import actor_with_member, start

pytestmark = pytest.mark.django_db


def notified(kind=None) -> list[tuple[int, str]]:
    rows = Notification.objects.all()
    if kind:
        rows = rows.filter(kind=kind)
    return sorted(rows.values_list("recipient_id", "kind"))


def test_first_message_is_a_contact_request_to_the_receivers_members_only(
    pair, django_capture_on_commit_callbacks
):
    a, alice, b, bob = pair
    colleague = UserFactory()
    ActorMembership.objects.create(actor=b, user=colleague, role=MemberRole.EDITOR)
    alice_colleague = UserFactory()
    ActorMembership.objects.create(actor=a, user=alice_colleague, role=MemberRole.EDITOR)
    make_coordinator(b.lag)
    UserFactory(is_superuser=True, is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        message = start(a, b, alice)

    conversation = message.conversation
    assert (conversation.actor_low_id, conversation.actor_high_id) == tuple(sorted([a.pk, b.pk]))
    assert conversation.initiator == a and conversation.started_by == alice
    assert message.sender_actor == a and message.author == alice
    assert notified() == sorted(
        [(bob.pk, Kind.CONTACT_REQUEST), (colleague.pk, Kind.CONTACT_REQUEST)]
    )
    with override("lt"):
        assert Notification.objects.filter(recipient=bob).get().title == (
            "Kontakto užklausa iš Pirmoji bendruomenė"
        )
    # Notified by the notifications app (e-mail at once by default), never by this app.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([bob.email, colleague.email])


def test_replies_notify_the_other_side_and_never_the_author(pair):
    a, alice, b, bob = pair
    alice_colleague = UserFactory()
    ActorMembership.objects.create(actor=a, user=alice_colleague)
    conversation = start(a, b, alice).conversation
    Notification.objects.all().delete()

    services.message_send(conversation=conversation, sender=b, author=bob, body="Sveiki!")

    assert notified() == sorted([(alice.pk, Kind.MESSAGE), (alice_colleague.pk, Kind.MESSAGE)])
    Notification.objects.all().delete()
    services.message_send(conversation=conversation, sender=a, author=alice, body="Ačiū")
    assert notified() == [(bob.pk, Kind.MESSAGE)]


def test_one_conversation_per_pair_in_either_direction(pair):
    a, alice, b, bob = pair
    first = start(a, b, alice).conversation
    Notification.objects.all().delete()
    again = start(b, a, bob, body="Atsakau per profilį")
    assert again.conversation == first
    assert Conversation.objects.count() == 1
    assert Message.objects.filter(conversation=first).count() == 2
    assert notified() == [(alice.pk, Kind.MESSAGE)]  # not a second contact request


@pytest.mark.parametrize(
    "case",
    ["own actor", "unpublished receiver", "not a member", "unpublished sender", "empty", "long"],
)
def test_refused_starts_save_nothing(pair, case):
    a, alice, b, bob = pair
    sender, receiver, author, body = a, b, alice, "Sveiki"
    if case == "own actor":
        receiver = a
    elif case == "unpublished receiver":
        receiver = ActorFactory(status=ActorStatus.PENDING)
    elif case == "not a member":
        author = UserFactory()
    elif case == "unpublished sender":
        sender = ActorFactory(status=ActorStatus.DRAFT, owners=[alice])
    elif case == "empty":
        body = "   \n "
    else:
        body = "ž" * (MAX_BODY_LENGTH + 1)
    with pytest.raises(services.MessagingError):
        services.conversation_start(sender=sender, receiver=receiver, author=author, body=body)
    assert not Conversation.objects.exists()
    assert not Message.objects.exists()
    assert not Notification.objects.exists()


def test_reply_only_for_an_actor_of_the_conversation(pair):
    a, alice, b, bob = pair
    conversation = start(a, b, alice).conversation
    third, carol = actor_with_member()
    with pytest.raises(services.MessagingError):
        services.message_send(conversation=conversation, sender=third, author=carol, body="Labas")
    with pytest.raises(services.MessagingError):  # bob is not a member of a
        services.message_send(conversation=conversation, sender=a, author=bob, body="Labas")
    assert Message.objects.count() == 1


def test_message_rate_limit_counts_the_last_hour(pair, monkeypatch):
    a, alice, b, bob = pair
    monkeypatch.setattr(services, "MESSAGES_PER_HOUR", 3)
    conversation = start(a, b, alice).conversation
    for n in range(2):
        services.message_send(conversation=conversation, sender=a, author=alice, body=f"{n}")
    with pytest.raises(services.RateLimited):
        services.message_send(conversation=conversation, sender=a, author=alice, body="per daug")
    assert Message.objects.filter(author=alice).count() == 3
    # Bob's own limit is untouched by Alice's messages.
    services.message_send(conversation=conversation, sender=b, author=bob, body="Atsakau")
    # An hour later Alice may write again.
    Message.objects.filter(author=alice).update(created_at=timezone.now() - timedelta(minutes=61))
    services.message_send(conversation=conversation, sender=a, author=alice, body="Vėl")


def test_new_conversation_rate_limit_counts_the_last_day(db, monkeypatch):
    monkeypatch.setattr(services, "NEW_CONVERSATIONS_PER_DAY", 2)
    sender, author = actor_with_member()
    receivers = [ActorFactory() for _ in range(4)]
    start(sender, receivers[0], author)
    start(sender, receivers[1], author)
    with pytest.raises(services.RateLimited):
        start(sender, receivers[2], author)
    assert Conversation.objects.count() == 2
    # Writing into an existing conversation is not a new one.
    start(sender, receivers[0], author, body="Dar vienas klausimas")
    Conversation.objects.update(created_at=timezone.now() - timedelta(hours=25))
    start(sender, receivers[2], author)
    assert Conversation.objects.count() == 3


def test_share_contacts_by_a_member_only_and_once(pair):
    a, alice, b, bob = pair
    conversation = start(a, b, alice).conversation
    Notification.objects.all().delete()
    with pytest.raises(services.MessagingError):
        services.contacts_share(conversation=conversation, actor=b, by=alice)
    third, _carol = actor_with_member()
    with pytest.raises(services.MessagingError):
        services.contacts_share(conversation=conversation, actor=third, by=_carol)
    assert not ContactShare.objects.exists()

    services.contacts_share(conversation=conversation, actor=b, by=bob)
    services.contacts_share(conversation=conversation, actor=b, by=bob, include_my_email=True)
    share = ContactShare.objects.get()
    assert (share.actor, share.shared_by, share.include_my_email) == (b, bob, True)
    assert notified() == [(alice.pk, Kind.MESSAGE)]  # told once


def test_report_goes_to_administrators_only_and_twice_is_harmless(pair):
    a, alice, b, bob = pair
    admin = UserFactory(is_superuser=True, is_staff=True)
    coordinator = make_coordinator(a.lag)
    message = start(a, b, alice, body="Pirkite pigius laikrodžius!")
    Notification.objects.all().delete()

    first = services.message_report(message=message, reporter=bob, reason="Šlamštas")
    second = services.message_report(message=message, reporter=bob, reason="Vėl")

    assert first.pk == second.pk and Report.objects.count() == 1
    assert first.lag is None and "Pirkite pigius laikrodžius!" in first.excerpt
    assert notified() == [(admin.pk, Kind.MODERATION)]
    assert coordinator.pk not in [r for r, _k in notified()]
    with pytest.raises(services.MessagingError):  # one's own side's message
        services.message_report(message=message, reporter=alice)
    with pytest.raises(services.MessagingError):  # an outsider
        services.message_report(message=message, reporter=UserFactory())
    assert Report.objects.count() == 1
