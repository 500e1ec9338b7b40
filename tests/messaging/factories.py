"""Actors with members, and conversations between them, built through the services."""

from kaimolink.messaging import services
from tests.factories import ActorFactory, UserFactory


def actor_with_member(*, email=None, full_name=None, **actor_kwargs):
    """A published actor with one member; returns (actor, member)."""
    user_kwargs = {}
    if email:
        user_kwargs["email"] = email
    if full_name is not None:
        user_kwargs["full_name"] = full_name
    member = UserFactory(**user_kwargs)
    actor = ActorFactory(owners=[member], **actor_kwargs)
    return actor, member


def start(sender, receiver, author, body="Laba diena! Norėtume susipažinti."):
    return services.conversation_start(sender=sender, receiver=receiver, author=author, body=body)
