"""Reads of partnership posts. The board, the API and the actor pages go through here."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.models import Actor
from kaimolink.core.models import Theme
from kaimolink.core.search import word_forms_match
from kaimolink.partnerships.models import PartnershipPost

# The API's answer for a post the board does not show (kept here for this app's catalog).
NOT_ON_BOARD = _("No open post with this id.")


def _with_related(qs: QuerySet) -> QuerySet:
    return qs.select_related("actor__lag", "actor__settlement", "actor__district").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "slug"))
    )


def posts_on_board(*, q: str = "", kind=None, lag=None, theme=None, today=None) -> QuerySet:
    """Open, unexpired posts of published actors, newest first, with related rows loaded.

    `q` searches the folded copy of title, description, actor name and theme names (every
    word must appear, in any form: core.search), so `medus`, `MEDUS`, `mėdus` and `medaus`
    find the same on both databases.
    """
    qs = PartnershipPost.objects.on_board(today or timezone.localdate())
    if kind:
        qs = qs.filter(kind=kind)
    if lag is not None:
        qs = qs.filter(actor__lag=lag)
    if theme is not None:
        qs = qs.filter(themes=theme)
    return _with_related(qs.filter(word_forms_match(q))).order_by("-created_at", "-id")


def post_for_page(pk: int) -> PartnershipPost | None:
    return _with_related(PartnershipPost.objects.filter(pk=pk)).first()


def posts_of_actor(*, actor: Actor, today=None) -> QuerySet:
    """The actor's posts still on the board."""
    return _with_related(
        PartnershipPost.objects.on_board(today or timezone.localdate()).filter(actor=actor)
    ).order_by("-created_at", "-id")


def actor_for_matches(*, slug: str) -> Actor | None:
    """A published actor with what its matches need (themes, settlement, LAG)."""
    return (
        Actor.objects.published()
        .select_related("lag", "settlement", "district")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "slug")))
        .filter(slug=slug)
        .first()
    )
