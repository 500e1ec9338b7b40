"""Who may read and write a conversation: the members of its two actors, and no one else.

These are plain predicates, deliberately not registered as permissions: Django answers
`user.has_perm()` with True for every active superuser, and private conversations are not
open to administrators through the site. Views ask the selectors, which filter by
membership, and these predicates.
"""

import rules

from kaimolink.actors.models import ActorMembership


def my_actor_ids(user) -> set[int]:
    """Ids of the actors this person acts for (cached on the user object for one request)."""
    if not (user and user.is_authenticated):
        return set()
    cached = getattr(user, "_messaging_actor_ids", None)
    if cached is None:
        cached = set(ActorMembership.objects.filter(user=user).values_list("actor_id", flat=True))
        user._messaging_actor_ids = cached
    return cached


@rules.predicate
def is_conversation_member(user, conversation):
    return bool(conversation and set(conversation.actor_ids) & my_actor_ids(user))


@rules.predicate
def is_message_of_other_side(user, message):
    """A message this person may report: written for an actor they do not act for."""
    return bool(
        user
        and user.is_authenticated
        and message.sender_actor_id not in my_actor_ids(user)
        and is_conversation_member(user, message.conversation)
    )


can_read_conversation = is_conversation_member
can_report_message = is_message_of_other_side
