"""The person's messages, read state and shared contacts, for the GDPR export and erasure.

Erasure decision: a message written for an actor belongs to the conversation of the two
actors, and the other side keeps its record of what was said. The message therefore stays,
with its author removed (`author` is SET_NULL: the page shows only the actor's name).
Everything tied to the person alone goes: their read state (CASCADE), and their own name
and e-mail address in contacts they shared (`shared_by` is SET_NULL, so the other side no
longer sees them; the actor's contact details stay shared, as that was the actor's choice).
The record of who started a conversation loses the person too (SET_NULL).
"""

from kaimolink.messaging.models import ContactShare, Message, ReadState


def _pair(conversation) -> list[str]:
    return [conversation.actor_low.name, conversation.actor_high.name]


def personal_data(user) -> dict:
    messages = (
        Message.objects.filter(author=user)
        .select_related("sender_actor", "conversation__actor_low", "conversation__actor_high")
        .order_by("created_at", "id")
    )
    reads = (
        ReadState.objects.filter(user=user)
        .select_related("conversation__actor_low", "conversation__actor_high")
        .order_by("conversation_id")
    )
    shares = (
        ContactShare.objects.filter(shared_by=user)
        .select_related("actor", "conversation__actor_low", "conversation__actor_high")
        .order_by("created_at")
    )
    return {
        "messages_written": [
            {
                "conversation": _pair(m.conversation),
                "written_for": m.sender_actor.name,
                "body": m.body,
                "sent_at": m.created_at.isoformat(),
            }
            for m in messages
        ],
        "conversations_read": [
            {"conversation": _pair(r.conversation), "read_until": r.last_read_at.isoformat()}
            for r in reads
        ],
        "contact_details_shared": [
            {
                "conversation": _pair(s.conversation),
                "actor": s.actor.name,
                "with_my_email": s.include_my_email,
                "at": s.created_at.isoformat(),
            }
            for s in shares
        ],
    }


def erase(user) -> None:
    """Nothing beyond the database's SET_NULL and CASCADE (see the module docstring)."""
