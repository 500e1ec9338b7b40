"""Writes of partnership offers and requests: the one path for pages, admin, API and demo."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kaimolink.actors.models import ActorMembership
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.services import notify
from kaimolink.partnerships import matching
from kaimolink.partnerships.enums import PostKind, PostStatus
from kaimolink.partnerships.models import PartnershipPost
from kaimolink.partnerships.rules import (
    can_close_post,
    can_edit_post,
    can_moderate_post,
    is_member_of_published_actor,
)

# An end date further away than this is a typing mistake (or a post nobody will close).
MAX_DAYS_OPEN = 366
# Posts one person may publish per hour (counted in the database: several processes).
POSTS_PER_HOUR = 10
# Members of at most this many suggested actors hear of a new request, when the actor
# scores at least NOTIFY_MIN_SCORE: a shared word and a theme, or a word nearby.
NOTIFY_TOP = 5
NOTIFY_MIN_SCORE = 40
FIELDS = ("kind", "title", "description", "area", "ends_on")


class PartnershipError(Exception):
    """A request about a post that cannot be carried out; the message is for the person."""


def _check(data: dict, *, today: datetime.date) -> dict:
    data = dict(data)
    data["title"] = " ".join((data.get("title") or "").split())
    if len(data["title"]) < 3:
        raise PartnershipError(_("Write a title of at least 3 characters."))
    ends_on = data.get("ends_on")
    if ends_on is None:
        raise PartnershipError(_("Choose the date until which the post is open."))
    if ends_on < today:
        raise PartnershipError(_("The end date is in the past."))
    if ends_on > today + datetime.timedelta(days=MAX_DAYS_OPEN):
        raise PartnershipError(_("Choose an end date within a year."))
    if data.get("kind") not in PostKind.values:
        raise PartnershipError(_("Choose whether this is an offer or a request."))
    return data


@transaction.atomic
def post_create(*, by, actor, data: dict, themes=()) -> PartnershipPost:
    """Publish an offer or request of `actor` (open at once); a request notifies the members
    of the best-suggested actors (see notify_suggested)."""
    if not is_member_of_published_actor(by, actor):
        raise PartnershipError(_("Only members of a published actor may post for it."))
    data = _check({k: data.get(k) for k in FIELDS}, today=timezone.localdate())
    since = timezone.now() - datetime.timedelta(hours=1)
    if PartnershipPost.objects.filter(created_by=by, created_at__gte=since).count() >= (
        POSTS_PER_HOUR
    ):
        raise PartnershipError(_("Too many posts in an hour. Try again later."))
    post = PartnershipPost(actor=actor, created_by=by, status=PostStatus.OPEN, **data)
    post.save()
    post.themes.set(themes)
    _refresh(post)
    if post.kind == PostKind.REQUEST:
        notify_suggested(post, exclude=by)
    return post


def _refresh(post: PartnershipPost) -> None:
    post.refresh_search_text()
    post.save(update_fields=["search_text", "search_stems", "updated_at"])


@transaction.atomic
def post_update(*, post: PartnershipPost, by, data: dict, themes=None) -> PartnershipPost:
    if not can_edit_post(by, post):
        raise PartnershipError(_("You may not change this post."))
    fields = [k for k in FIELDS if k in data]
    checked = _check({**{k: getattr(post, k) for k in FIELDS}, **data},
                     today=timezone.localdate())  # fmt: skip
    for name in fields:
        setattr(post, name, checked[name])
    post.save()
    if themes is not None:
        post.themes.set(themes)
    _refresh(post)
    return post


@transaction.atomic
def post_close(*, post: PartnershipPost, by) -> PartnershipPost:
    """Close an open post (found a partner, or no longer needed): it leaves the board."""
    if not can_close_post(by, post):
        raise PartnershipError(_("You may not close this post."))
    post = PartnershipPost.objects.select_for_update().get(pk=post.pk)
    if post.status != PostStatus.OPEN:
        raise PartnershipError(_("This post is not open."))
    post.status = PostStatus.CLOSED
    post.closed_at, post.closed_by = timezone.now(), by
    post.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    return post


@transaction.atomic
def post_hide(*, post: PartnershipPost, by) -> PartnershipPost:
    """A coordinator of the actor's LAG (or an administrator) takes a post off the board."""
    if not can_moderate_post(by, post):
        raise PartnershipError(_("Only the coordinators of the actor's LAG may hide a post."))
    post = PartnershipPost.objects.select_for_update().get(pk=post.pk)
    if post.status == PostStatus.HIDDEN:
        raise PartnershipError(_("This post is already hidden."))
    post.status = PostStatus.HIDDEN
    post.closed_at, post.closed_by = timezone.now(), by
    post.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    return post


def notify_suggested(post: PartnershipPost, *, exclude=None) -> list:
    """Tell the members of the top NOTIFY_TOP suggested actors scoring NOTIFY_MIN_SCORE or
    more about a new request (each person once, the author never)."""
    post = (
        PartnershipPost.objects.select_related("actor__settlement")
        .prefetch_related("themes")
        .get(pk=post.pk)
    )
    chosen = [
        s.actor
        for s in matching.suggestions_for_post(post, limit=NOTIFY_TOP)
        if s.score >= NOTIFY_MIN_SCORE
    ]
    members: dict[int, list] = {}
    for membership in ActorMembership.objects.filter(actor__in=chosen).select_related("user"):
        members.setdefault(membership.actor_id, []).append(membership.user)
    told: set[int] = set() if exclude is None else {exclude.pk}
    sent = []
    for actor in chosen:
        users = [u for u in members.get(actor.pk, []) if u.pk not in told]
        told.update(u.pk for u in users)
        sent += notify(
            recipients=users,
            kind=Kind.PARTNERSHIP_MATCH,
            title=gettext_noop("A request that %(actor)s could answer: %(title)s"),
            params={"actor": actor.name, "title": post.title},
            url=post.get_absolute_url(),
        )
    return sent
