"""Writes of conversations: start, reply, share contact details, read, report.

Rate limits are counted in the database (several application processes share nothing
else): a person starts at most `NEW_CONVERSATIONS_PER_DAY` conversations in 24 hours and
writes at most `MESSAGES_PER_HOUR` messages in an hour.

Two people may start the same pair of actors at the same instant: both find no
conversation and both insert one. The unique constraint on the ordered pair lets only one
insert through; the other catches the IntegrityError (inside a savepoint), reads the
winner's conversation and adds its message there as an ordinary message
(tests/messaging/test_concurrency.py).
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, override

from kaimolink.actors.enums import ActorStatus
from kaimolink.actors.models import Actor, ActorMembership
from kaimolink.core.ratelimit import lock_person
from kaimolink.messaging.models import (
    MAX_BODY_LENGTH,
    ContactShare,
    Conversation,
    Message,
    ReadState,
)
from kaimolink.messaging.rules import can_report_message
from kaimolink.messaging.selectors import ordered_pair
from kaimolink.moderation.services import report_create
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.services import notify

NEW_CONVERSATIONS_PER_DAY = 10
MESSAGES_PER_HOUR = 30


class MessagingError(Exception):
    """A message that cannot be sent; the text is for the person."""


class RateLimited(MessagingError):
    """Too many conversations or messages in a short time (answered with 429)."""


def conversation_url(conversation: Conversation) -> str:
    with override("lt"):
        return reverse("messaging:conversation", kwargs={"pk": conversation.pk})


def _clean_body(body) -> str:
    body = (body or "").strip()
    if not body:
        raise MessagingError(_("Write a message."))
    if len(body) > MAX_BODY_LENGTH:
        raise MessagingError(
            _("A message may be at most %(limit)d characters long (this one has %(length)d).")
            % {"limit": MAX_BODY_LENGTH, "length": len(body)}
        )
    return body


def _check_sender(*, sender: Actor, author) -> None:
    if not ActorMembership.objects.filter(actor=sender, user=author).exists():
        raise MessagingError(_("You can write only on behalf of an actor you belong to."))
    if sender.status != ActorStatus.PUBLISHED:
        raise MessagingError(
            _("Your actor profile must be published before it can write to other actors.")
        )


def _check_message_rate(author, now) -> None:
    lock_person(author)  # held to the end of the transaction: count and insert as one
    sent = Message.objects.filter(author=author, created_at__gte=now - timedelta(hours=1))
    if sent.count() >= MESSAGES_PER_HOUR:
        raise RateLimited(
            ngettext(
                "You have sent %(limit)d message in the last hour, the most allowed. "
                "Your text is kept below: send it a little later.",
                "You have sent %(limit)d messages in the last hour, the most allowed. "
                "Your text is kept below: send it a little later.",
                MESSAGES_PER_HOUR,
            )
            % {"limit": MESSAGES_PER_HOUR}
        )


def _check_conversation_rate(author, now) -> None:
    started = Conversation.objects.filter(
        started_by=author, created_at__gte=now - timedelta(days=1)
    )
    if started.count() >= NEW_CONVERSATIONS_PER_DAY:
        raise RateLimited(
            ngettext(
                "You have started %(limit)d new conversation in the last 24 hours, the most "
                "allowed. Your text is kept below: send it tomorrow.",
                "You have started %(limit)d new conversations in the last 24 hours, the most "
                "allowed. Your text is kept below: send it tomorrow.",
                NEW_CONVERSATIONS_PER_DAY,
            )
            % {"limit": NEW_CONVERSATIONS_PER_DAY}
        )


def _find_conversation(low: int, high: int) -> Conversation | None:
    """The pair's conversation, if any (a separate step so the race test can hold it here)."""
    return Conversation.objects.filter(actor_low_id=low, actor_high_id=high).first()


def _members(actor_id: int) -> list:
    return [
        m.user for m in ActorMembership.objects.filter(actor_id=actor_id).select_related("user")
    ]


def _add_message(*, conversation: Conversation, sender: Actor, author, body: str, first: bool):
    message = Message.objects.create(
        conversation=conversation, sender_actor=sender, author=author, body=body
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    conversation.last_message_at = message.created_at
    ReadState.objects.update_or_create(
        conversation=conversation, user=author, defaults={"last_read_at": message.created_at}
    )
    receiver_id = conversation.other_actor_id(sender.pk)
    if first:
        kind = Kind.CONTACT_REQUEST
        title = gettext_noop("Contact request from %(actor)s")
    else:
        kind = Kind.MESSAGE
        title = gettext_noop("%(actor)s wrote to you")
    notify(
        recipients=_members(receiver_id),
        kind=kind,
        title=title,
        params={"actor": sender.name},
        url=conversation_url(conversation),
        exclude=author,
    )
    return message


@transaction.atomic
def conversation_start(*, sender: Actor, receiver: Actor, author, body: str) -> Message:
    """The first message from `sender` to `receiver` (a contact request), or, when the pair
    already has a conversation, a message in it. Returns the message."""
    body = _clean_body(body)
    if sender.pk == receiver.pk:
        raise MessagingError(_("You cannot write to your own actor."))
    if receiver.status != ActorStatus.PUBLISHED:
        raise MessagingError(_("Only published actors can receive messages."))
    _check_sender(sender=sender, author=author)
    now = timezone.now()
    _check_message_rate(author, now)
    low, high = ordered_pair(sender.pk, receiver.pk)
    conversation = _find_conversation(low, high)
    if conversation is not None:
        return _add_message(
            conversation=conversation, sender=sender, author=author, body=body, first=False
        )
    _check_conversation_rate(author, now)
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(
                actor_low_id=low,
                actor_high_id=high,
                initiator=sender,
                started_by=author,
                last_message_at=now,
            )
    except IntegrityError:
        # Someone started this pair a moment ago: write into their conversation.
        conversation = Conversation.objects.get(actor_low_id=low, actor_high_id=high)
        return _add_message(
            conversation=conversation, sender=sender, author=author, body=body, first=False
        )
    return _add_message(
        conversation=conversation, sender=sender, author=author, body=body, first=True
    )


@transaction.atomic
def message_send(*, conversation: Conversation, sender: Actor, author, body: str) -> Message:
    """A reply in an existing conversation, written by `author` for `sender`."""
    body = _clean_body(body)
    if sender.pk not in conversation.actor_ids:
        raise MessagingError(_("This actor does not take part in this conversation."))
    _check_sender(sender=sender, author=author)
    _check_message_rate(author, timezone.now())
    return _add_message(
        conversation=conversation, sender=sender, author=author, body=body, first=False
    )


@transaction.atomic
def contacts_share(
    *, conversation: Conversation, actor: Actor, by, include_my_email: bool = False
) -> ContactShare:
    """Let the other side see `actor`'s contact details (and `by`'s e-mail if chosen).

    Sharing again only updates the choice about the person's own address.
    """
    if actor.pk not in conversation.actor_ids:
        raise MessagingError(_("This actor does not take part in this conversation."))
    if not ActorMembership.objects.filter(actor=actor, user=by).exists():
        raise MessagingError(_("You can share only the contact details of your own actor."))
    share, created = ContactShare.objects.update_or_create(
        conversation=conversation,
        actor=actor,
        defaults={"shared_by": by, "include_my_email": include_my_email},
    )
    if created:
        notify(
            recipients=_members(conversation.other_actor_id(actor.pk)),
            kind=Kind.MESSAGE,
            title=gettext_noop("%(actor)s shared their contact details with you"),
            params={"actor": actor.name},
            url=conversation_url(conversation),
            exclude=by,
        )
    return share


def conversation_mark_read(*, conversation: Conversation, user, at=None) -> None:
    ReadState.objects.update_or_create(
        conversation=conversation,
        user=user,
        defaults={"last_read_at": at or timezone.now()},
    )


def message_report(*, message: Message, reporter, reason: str = ""):
    """Report a message of the other side to the platform administrators (not to a LAG:
    coordinators do not read private messages). Reporting twice changes nothing."""
    if not can_report_message(reporter, message):
        raise MessagingError(_("You can report only messages written to your actor."))
    reason = (reason or "").strip() or _("Spam or abuse in a private message")
    excerpt = f"{message.sender_actor.name}: {message.body}"
    return report_create(
        reporter=reporter, target=message, reason=reason, excerpt=excerpt, url="", lag=None
    )
