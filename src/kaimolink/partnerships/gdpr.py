"""The posts a person wrote, for the GDPR export; on erasure they stay with their actor."""

from kaimolink.partnerships.models import PartnershipPost


def personal_data(user) -> dict:
    posts = (
        PartnershipPost.objects.filter(created_by=user)
        .select_related("actor")
        .prefetch_related("themes")
        .order_by("created_at", "id")
    )
    return {
        "partnership_posts": [
            {
                "actor": post.actor.name,
                "kind": post.kind,
                "title": post.title,
                "description": post.description,
                "themes": [t.slug for t in post.themes.all()],
                "area": post.area,
                "ends_on": post.ends_on.isoformat(),
                "status": post.status,
                "created_at": post.created_at.isoformat(),
            }
            for post in posts
        ]
    }


def erase(user) -> None:
    """A post belongs to its actor and stays; only the link to the person goes (the foreign
    keys are SET_NULL too, this makes it explicit and independent of the delete order)."""
    PartnershipPost.objects.filter(created_by=user).update(created_by=None)
    PartnershipPost.objects.filter(closed_by=user).update(closed_by=None)
