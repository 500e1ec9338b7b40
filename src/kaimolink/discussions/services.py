"""Writes of discussions: the one path for pages, admin, API and the demo.

Every write that depends on the state of a topic (locked? hidden?) locks the topic row
first (SELECT … FOR UPDATE), so a reply cannot slip into a topic a moderator is locking,
and the reply counter moves by one per reply.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from kaimolink.actors.models import Actor, ActorMembership
from kaimolink.core.models import Theme
from kaimolink.core.ratelimit import lock_person
from kaimolink.discussions.enums import REPLY_ACTIONS, TOPIC_ACTIONS, ModerationAction
from kaimolink.discussions.mentions import slugs_in_source
from kaimolink.discussions.models import (
    BODY_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Follow,
    ModerationEntry,
    Reply,
    Topic,
)
from kaimolink.discussions.rules import can_moderate_topic
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.services import notify

REPLIES_PER_PAGE = 30
# Rate limits, counted in the database (several processes): posts per person per hour.
TOPICS_PER_HOUR = 10
REPLIES_PER_HOUR = 60


class DiscussionError(Exception):
    """A discussion write that cannot be carried out; the message is for the person."""


def _lock_topic(topic: Topic) -> Topic:
    return Topic.objects.select_for_update().get(pk=topic.pk)


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise DiscussionError(_("Write some text."))
    if len(body) > BODY_MAX_LENGTH:
        raise DiscussionError(
            _("The text may be at most %(max)d characters long (it has %(n)d).")
            % {"max": BODY_MAX_LENGTH, "n": len(body)}
        )
    return body


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise DiscussionError(_("Give the topic a title."))
    if len(title) > TITLE_MAX_LENGTH:
        raise DiscussionError(
            _("The title may be at most %(max)d characters long.") % {"max": TITLE_MAX_LENGTH}
        )
    return title


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DiscussionError(_("Write the reason: the author and the other moderators see it."))
    return reason[:REASON_MAX_LENGTH]


def _check_actor(author, actor):
    if actor is None:
        return None
    is_member = ActorMembership.objects.filter(actor=actor, user=author).exists()
    if not is_member or actor.status != "published":
        raise DiscussionError(_("You can write only on behalf of published actors you belong to."))
    return actor


def _check_theme(theme) -> Theme:
    if theme is None or theme.kind != Theme.Kind.SMART_VILLAGE:
        raise DiscussionError(_("Discussions are grouped by the smart-village themes only."))
    return theme


def _check_rate(model, author, limit: int) -> None:
    lock_person(author)  # held to the end of the transaction: count and insert as one
    since = timezone.now() - datetime.timedelta(hours=1)
    if model.objects.filter(author=author, created_at__gte=since).count() >= limit:
        raise DiscussionError(_("You have written a lot in the last hour. Please wait a little."))


def _lt_path(name: str, **kwargs) -> str:
    """Links kept in notifications: in Lithuanian; the language links switch them."""
    with override("lt"):
        return reverse(name, kwargs=kwargs)


def reply_url(reply: Reply) -> str:
    before = Reply.objects.filter(topic_id=reply.topic_id, pk__lt=reply.pk).count()
    page = before // REPLIES_PER_PAGE + 1
    suffix = f"?page={page}" if page > 1 else ""
    return f"{_lt_path('discussions:topic', pk=reply.topic_id)}{suffix}#reply-{reply.pk}"


def _apply_mentions(post, *, author, url: str) -> list[Actor]:
    """Record the published actors the post mentions and tell the members of those not
    mentioned in this post before (a post notifies each actor once, also after edits)."""
    slugs = slugs_in_source(post.body)
    if not slugs:
        return []
    actors = list(Actor.objects.published().filter(slug__in=slugs))
    known = set(post.mentions.values_list("pk", flat=True))
    new = [a for a in actors if a.pk not in known]
    if not new:
        return []
    post.mentions.add(*new)
    members = get_user_model().objects.filter(actor_memberships__actor__in=new).distinct()
    topic_title = post.title if isinstance(post, Topic) else post.topic.title
    who = post.actor.name if post.actor_id else (author.full_name if author else "")
    notify(
        recipients=members,
        kind=Kind.MENTION,
        title=(
            gettext_noop("%(who)s mentioned your actor in the discussion “%(topic)s”")
            if who
            else gettext_noop("Your actor was mentioned in the discussion “%(topic)s”")
        ),
        params={"who": who, "topic": topic_title} if who else {"topic": topic_title},
        url=url,
        exclude=author,
    )
    return new


@transaction.atomic
def topic_create(*, author, theme, title: str, body: str, actor=None, lag=None) -> Topic:
    """Open a topic in a smart-village theme. The LAG moderating it is the one given, else
    the actor's LAG, else none. The author follows the topic."""
    _check_theme(theme)
    title, body = _clean_title(title), _clean_body(body)
    actor = _check_actor(author, actor)
    _check_rate(Topic, author, TOPICS_PER_HOUR)
    if lag is None and actor is not None:
        lag = actor.lag
    now = timezone.now()
    topic = Topic.objects.create(
        theme=theme,
        title=title,
        body=body,
        author=author,
        actor=actor,
        lag=lag,
        created_at=now,
        last_activity_at=now,
    )
    Follow.objects.get_or_create(topic=topic, user=author)
    _apply_mentions(topic, author=author, url=_lt_path("discussions:topic", pk=topic.pk))
    return topic


@transaction.atomic
def topic_edit(*, topic: Topic, by, title: str, body: str) -> Topic:
    """The author changes the title and text (not of a hidden topic, not in a locked one)."""
    topic = _lock_topic(topic)
    if topic.author_id != by.pk:
        raise DiscussionError(_("Only the author can change this."))
    if topic.hidden or topic.locked:
        raise DiscussionError(
            _("A moderator has hidden or locked this topic: it cannot be changed.")
        )
    topic.title, topic.body = _clean_title(title), _clean_body(body)
    topic.edited_at = timezone.now()
    topic.save(update_fields=["title", "body", "edited_at"])
    _apply_mentions(topic, author=by, url=_lt_path("discussions:topic", pk=topic.pk))
    return topic


@transaction.atomic
def reply_create(*, topic: Topic, author, body: str, actor=None) -> Reply:
    """Reply in an open topic; followers are told (never the author)."""
    body = _clean_body(body)
    actor = _check_actor(author, actor)
    topic = _lock_topic(topic)
    if topic.locked:
        raise DiscussionError(_("This topic is locked: no new replies."))
    if topic.hidden:
        raise DiscussionError(_("This topic was hidden by a moderator: no new replies."))
    _check_rate(Reply, author, REPLIES_PER_HOUR)
    now = timezone.now()
    reply = Reply.objects.create(topic=topic, author=author, actor=actor, body=body, created_at=now)
    Topic.objects.filter(pk=topic.pk).update(reply_count=F("reply_count") + 1, last_activity_at=now)
    url = reply_url(reply)
    followers = get_user_model().objects.filter(topic_follows__topic=topic)
    notify(
        recipients=followers,
        kind=Kind.DISCUSSION_REPLY,
        title=gettext_noop("New reply in “%(topic)s”"),
        params={"topic": topic.title},
        url=url,
        exclude=author,
    )
    _apply_mentions(reply, author=author, url=url)
    return reply


@transaction.atomic
def reply_edit(*, reply: Reply, by, body: str) -> Reply:
    topic = _lock_topic(reply.topic)
    reply = Reply.objects.select_related("topic", "actor").get(pk=reply.pk)
    if reply.author_id != by.pk:
        raise DiscussionError(_("Only the author can change this."))
    if reply.hidden or topic.locked or topic.hidden:
        raise DiscussionError(_("A moderator has hidden or locked this: it cannot be changed."))
    reply.body = _clean_body(body)
    reply.edited_at = timezone.now()
    reply.save(update_fields=["body", "edited_at"])
    _apply_mentions(reply, author=by, url=reply_url(reply))
    return reply


def follow_set(*, topic: Topic, user, follow: bool) -> bool:
    if follow:
        Follow.objects.get_or_create(topic=topic, user=user)
    else:
        Follow.objects.filter(topic=topic, user=user).delete()
    return follow


# --- Moderation ----------------------------------------------------------------------------

MODERATION_TITLES = {
    ModerationAction.HIDE: gettext_noop("A moderator hid your post in “%(topic)s”: %(reason)s"),
    ModerationAction.UNHIDE: gettext_noop(
        "A moderator showed your post in “%(topic)s” again: %(reason)s"
    ),
    ModerationAction.LOCK: gettext_noop("A moderator locked your topic “%(topic)s”: %(reason)s"),
    ModerationAction.UNLOCK: gettext_noop(
        "A moderator unlocked your topic “%(topic)s”: %(reason)s"
    ),
    ModerationAction.MOVE: gettext_noop(
        "A moderator moved your topic “%(topic)s” to another theme: %(reason)s"
    ),
}


def _check_moderator(by, topic: Topic) -> None:
    if not can_moderate_topic(by, topic):
        raise DiscussionError(_("You do not moderate this topic."))


def _tell_author(post_author, *, action, topic: Topic, reason: str, url: str, by) -> None:
    notify(
        recipients=[post_author],
        kind=Kind.MODERATION,
        title=MODERATION_TITLES[action],
        params={"topic": topic.title, "reason": reason[:200]},
        url=url,
        exclude=by,
    )


@transaction.atomic
def topic_moderate(*, topic: Topic, by, action: str, reason: str, theme=None) -> ModerationEntry:
    """Hide/unhide, lock/unlock or move a topic, with a reason for the log and the author."""
    action = ModerationAction(action)
    if action not in TOPIC_ACTIONS:
        raise DiscussionError(_("This cannot be done to a topic."))
    reason = _clean_reason(reason)
    topic = _lock_topic(topic)
    _check_moderator(by, topic)
    entry = ModerationEntry(topic=topic, action=action, by=by, reason=reason)
    if action in (ModerationAction.HIDE, ModerationAction.UNHIDE):
        hide = action == ModerationAction.HIDE
        if topic.hidden == hide:
            raise DiscussionError(_("The topic is already so."))
        topic.hidden, topic.hidden_reason = hide, reason if hide else ""
        topic.save(update_fields=["hidden", "hidden_reason"])
    elif action in (ModerationAction.LOCK, ModerationAction.UNLOCK):
        lock = action == ModerationAction.LOCK
        if topic.locked == lock:
            raise DiscussionError(_("The topic is already so."))
        topic.locked = lock
        topic.save(update_fields=["locked"])
    else:
        _check_theme(theme)
        if theme.pk == topic.theme_id:
            raise DiscussionError(_("The topic is already in this theme."))
        entry.from_theme_id, entry.to_theme = topic.theme_id, theme
        topic.theme = theme
        topic.save(update_fields=["theme"])
    entry.save()
    _tell_author(
        topic.author,
        action=action,
        topic=topic,
        reason=reason,
        url=_lt_path("discussions:topic", pk=topic.pk),
        by=by,
    )
    return entry


@transaction.atomic
def reply_moderate(*, reply: Reply, by, action: str, reason: str) -> ModerationEntry:
    """Hide a reply (others see "hidden by a moderator", its author the reason) or show it."""
    action = ModerationAction(action)
    if action not in REPLY_ACTIONS:
        raise DiscussionError(_("This cannot be done to a reply."))
    reason = _clean_reason(reason)
    topic = _lock_topic(reply.topic)
    _check_moderator(by, topic)
    reply = Reply.objects.get(pk=reply.pk)
    hide = action == ModerationAction.HIDE
    if reply.hidden == hide:
        raise DiscussionError(_("The reply is already so."))
    reply.hidden, reply.hidden_reason = hide, reason if hide else ""
    reply.save(update_fields=["hidden", "hidden_reason"])
    entry = ModerationEntry.objects.create(
        topic=topic, reply=reply, action=action, by=by, reason=reason
    )
    _tell_author(
        reply.author, action=action, topic=topic, reason=reason, url=reply_url(reply), by=by
    )
    return entry


def post_report(*, reporter, post, reason: str):
    """Report a topic or a reply to the moderators of its topic (see rules.py)."""
    from kaimolink.moderation.services import report_create

    reason = (reason or "").strip()
    if not reason:
        raise DiscussionError(_("Say what is wrong with it."))
    topic = post if isinstance(post, Topic) else post.topic
    url = _lt_path("discussions:topic", pk=topic.pk) if isinstance(post, Topic) else reply_url(post)
    excerpt = f"{topic.title}\n\n{post.body}" if isinstance(post, Topic) else post.body
    return report_create(
        reporter=reporter, target=post, reason=reason, excerpt=excerpt, url=url, lag=topic.lag
    )
