"""Reads of conversations. Every query filters by the reader's memberships."""

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Left

from kaimolink.actors.models import Actor, ActorMembership
from kaimolink.actors.selectors import actors_of_member
from kaimolink.messaging.models import ContactShare, Conversation, Message, ReadState

PREVIEW_LENGTH = 120


def ordered_pair(a_id: int, b_id: int) -> tuple[int, int]:
    return (a_id, b_id) if a_id < b_id else (b_id, a_id)


def _member_actor_ids(user):
    return ActorMembership.objects.filter(user=user).values("actor_id")


def conversations_of_user(user) -> QuerySet[Conversation]:
    """Conversations of all the person's actors, newest first, with the person's read time and
    a preview of the last message (one query for any number of them)."""
    mine = _member_actor_ids(user)
    last = Message.objects.filter(conversation=OuterRef("pk")).order_by("-created_at", "-id")
    return (
        Conversation.objects.filter(Q(actor_low__in=mine) | Q(actor_high__in=mine))
        .select_related("actor_low", "actor_high")
        .annotate(
            my_read_at=Subquery(
                ReadState.objects.filter(conversation=OuterRef("pk"), user=user).values(
                    "last_read_at"
                )[:1]
            ),
            last_preview=Subquery(last.annotate(p=Left("body", PREVIEW_LENGTH)).values("p")[:1]),
            last_sender_id=Subquery(last.values("sender_actor_id")[:1]),
        )
        .order_by("-last_message_at", "-id")
    )


def conversation_for_user(user, pk) -> Conversation | None:
    """The conversation when this person acts for one of its actors; None otherwise."""
    if not (user and user.is_authenticated):
        return None
    mine = _member_actor_ids(user)
    return (
        Conversation.objects.filter(pk=pk)
        .filter(Q(actor_low__in=mine) | Q(actor_high__in=mine))
        .select_related("actor_low", "actor_high")
        .first()
    )


def conversation_between(a: Actor, b: Actor) -> Conversation | None:
    low, high = ordered_pair(a.pk, b.pk)
    return Conversation.objects.filter(actor_low_id=low, actor_high_id=high).first()


def messages_of(conversation: Conversation) -> QuerySet[Message]:
    """Newest first (page 1 holds the newest messages)."""
    return (
        Message.objects.filter(conversation=conversation)
        .select_related("sender_actor", "author")
        .order_by("-created_at", "-id")
    )


def shares_of(conversation: Conversation) -> dict[int, ContactShare]:
    """Shared contact details by actor id."""
    shares = ContactShare.objects.filter(conversation=conversation).select_related(
        "actor", "shared_by"
    )
    return {s.actor_id: s for s in shares}


def writing_actors(user, *, exclude: Actor | None = None) -> QuerySet[Actor]:
    """Published actors the person may write for (never the receiver itself)."""
    actors = actors_of_member(user=user, published=True)
    if exclude is not None:
        actors = actors.exclude(pk=exclude.pk)
    return actors


def my_read_at(user, conversation: Conversation):
    return (
        ReadState.objects.filter(conversation=conversation, user=user)
        .values_list("last_read_at", flat=True)
        .first()
    )


def reply_actors(user, conversation: Conversation) -> QuerySet[Actor]:
    """The person's published actors that are a side of the conversation: whom they reply as."""
    return actors_of_member(user=user, published=True).filter(pk__in=conversation.actor_ids)


def message_of_conversation(*, conversation: Conversation, pk) -> Message | None:
    return (
        Message.objects.select_related("sender_actor", "conversation")
        .filter(pk=pk, conversation=conversation)
        .first()
    )


def published_actor(slug: str) -> Actor | None:
    return Actor.objects.published().filter(slug=slug).first()
