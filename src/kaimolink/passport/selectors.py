"""Reads of the passport's own: which actor's record a person may open, and the actors
whose records they may open from their page."""

from kaimolink.actors.models import Actor
from kaimolink.actors.selectors import actors_of_member
from kaimolink.passport.rules import can_see_actor_record


def actor_for_record(*, user, slug: str) -> Actor | None:
    """The actor whose record `user` may see, or None (missing or not theirs: 404)."""
    if not user.is_authenticated:
        return None
    actor = Actor.objects.select_related("lag").filter(slug=slug).first()
    if actor is None or not can_see_actor_record(user, actor):
        return None
    return actor


def actors_with_records(*, user) -> list[Actor]:
    """The actors whose records this person may open from their own (those they belong to)."""
    return list(actors_of_member(user=user))
