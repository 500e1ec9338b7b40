"""Topics, replies and follows of a person, for the export; what erasure does to them.

Erasure: the posts stay in the conversation (others replied to them, and removing them
would leave answers to nothing) but lose their author: they show as written by a
"deleted user". The actor a post was written for stays, as the post was that
organisation's voice, not personal data. Follows are deleted; moderation log entries keep
the act and lose the moderator's name (SET_NULL).
"""

from kaimolink.core.pagecache import public_pages_changed
from kaimolink.discussions.models import Follow, Reply, Topic


def personal_data(user) -> dict:
    return {
        "discussion_topics": [
            {
                "theme": t.theme.slug,
                "title": t.title,
                "text": t.body,
                "on_behalf_of": t.actor.name if t.actor else None,
                "created_at": t.created_at.isoformat(),
                "edited_at": t.edited_at.isoformat() if t.edited_at else None,
                "hidden_by_moderator": t.hidden,
            }
            for t in Topic.objects.filter(author=user).select_related("theme", "actor")
        ],
        "discussion_replies": [
            {
                "topic": r.topic.title,
                "text": r.body,
                "on_behalf_of": r.actor.name if r.actor else None,
                "created_at": r.created_at.isoformat(),
                "edited_at": r.edited_at.isoformat() if r.edited_at else None,
                "hidden_by_moderator": r.hidden,
            }
            for r in Reply.objects.filter(author=user).select_related("topic", "actor")
        ],
        "discussion_follows": [
            {"topic": f.topic.title, "since": f.created_at.isoformat()}
            for f in Follow.objects.filter(user=user).select_related("topic")
        ],
    }


def erase(user) -> None:
    """Detach the person's posts (they stay as "deleted user") and drop their follows."""
    Topic.objects.filter(author=user).update(author=None)
    Reply.objects.filter(author=user).update(author=None)
    Follow.objects.filter(user=user).delete()
    public_pages_changed()  # bulk updates send no signals
