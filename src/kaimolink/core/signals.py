"""Changes of public content make the anonymous page cache stale (core.pagecache)."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from kaimolink.core.pagecache import public_pages_changed

PUBLIC_MODELS = ["core.Lag", "core.District", "core.Settlement", "core.Theme", "actors.Actor"]


def _changed(sender, **kwargs):
    public_pages_changed()


for label in PUBLIC_MODELS:
    model = apps.get_model(label)
    post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
m2m_changed.connect(
    _changed, sender=apps.get_model("actors.Actor").themes.through, dispatch_uid="pagecache-m2m"
)
