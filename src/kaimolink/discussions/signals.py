"""Changes of topics and replies make cached public discussion pages stale."""

from django.db.models.signals import post_delete, post_save

from kaimolink.core.pagecache import public_pages_changed
from kaimolink.discussions.models import Reply, Topic


def _changed(sender, **kwargs):
    public_pages_changed()


for model in (Topic, Reply):
    label = model._meta.label
    post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
