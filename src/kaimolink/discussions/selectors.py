"""Reads of discussions, each a fixed number of queries whatever the number of rows."""

from django.db.models import Count, Max, Q

from kaimolink.actors.models import Actor
from kaimolink.core.markdown import render_markdown
from kaimolink.core.models import Theme
from kaimolink.discussions.mentions import link_mentions, mention_slugs
from kaimolink.discussions.models import Follow, ModerationEntry, Reply, Topic


def themes_with_activity():
    """The smart-village themes, each with its number of visible topics and last activity."""
    visible = Q(topics__hidden=False)
    return Theme.objects.filter(kind=Theme.Kind.SMART_VILLAGE).annotate(
        topic_count=Count("topics", filter=visible),
        last_activity=Max("topics__last_activity_at", filter=visible),
    )


def smart_village_theme(slug: str) -> Theme | None:
    return Theme.objects.filter(kind=Theme.Kind.SMART_VILLAGE, slug=slug).first()


def topics_of_theme(theme: Theme):
    """Visible topics of the theme, latest activity first (hidden ones are not listed)."""
    return (
        Topic.objects.visible()
        .filter(theme=theme)
        .select_related("author", "actor")
        .order_by("-last_activity_at", "-pk")
    )


def topic_for_page(pk: int) -> Topic | None:
    return Topic.objects.select_related("theme", "author", "actor", "lag").filter(pk=pk).first()


def replies_of_topic(topic: Topic):
    return (
        Reply.objects.filter(topic=topic)
        .select_related("author", "actor")
        .order_by("created_at", "pk")
    )


def render_posts(posts) -> None:
    """Set `html` on each post: sanitised Markdown with mentions of published actors linked.

    One query for all the mentioned actors of the page.
    """
    rendered = [(post, str(render_markdown(post.body))) for post in posts]
    slugs = {slug for _, html in rendered for slug in mention_slugs(html)}
    actors = (
        {a.slug: a for a in Actor.objects.published().filter(slug__in=slugs).only("slug", "name")}
        if slugs
        else {}
    )
    for post, html in rendered:
        post.html = link_mentions(html, actors)


def is_following(*, topic: Topic, user) -> bool:
    return bool(user.is_authenticated) and Follow.objects.filter(topic=topic, user=user).exists()


def moderation_log_of_topic(topic: Topic):
    return ModerationEntry.objects.filter(topic=topic).select_related(
        "by", "reply", "from_theme", "to_theme"
    )


def moderation_log_for(user):
    """Entries of the topics this person moderates (see rules.py), newest first."""
    entries = ModerationEntry.objects.select_related(
        "by", "topic", "reply", "from_theme", "to_theme"
    )
    if user.is_superuser:
        return entries
    return entries.filter(
        Q(topic__lag_id__in=user.coordinated_lag_ids()) | Q(topic__lag__isnull=True)
    )


def topic_of_author(*, pk, user) -> Topic | None:
    """The person's own topic (to edit), or None."""
    return Topic.objects.select_related("theme").filter(pk=pk, author=user).first()


def reply_of_author(*, pk, user) -> Reply | None:
    """The person's own reply (to edit), or None."""
    return Reply.objects.select_related("topic__theme").filter(pk=pk, author=user).first()


def reply_with_topic(pk) -> Reply | None:
    return Reply.objects.select_related("topic__lag", "topic__theme").filter(pk=pk).first()
