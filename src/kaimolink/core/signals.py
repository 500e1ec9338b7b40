"""Changes of public content make the anonymous page cache stale (core.pagecache).

Core watches its own public models; an app above registers its own with
`watch_public_model` in its AppConfig.ready() (actors does so for Actor), so core names
no app above it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from kaimolink.core.models import District, Lag, Settlement, Theme
from kaimolink.core.pagecache import public_pages_changed


def _changed(sender, **kwargs):
    public_pages_changed()


def watch_public_model(model, *, m2m_fields: tuple[str, ...] = ()) -> None:
    """Any save or delete of `model` (or change of its listed many-to-many fields) makes
    cached public pages stale."""
    label = model._meta.label
    post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
    for name in m2m_fields:
        through = getattr(model, name).through
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"pagecache-m2m-{label}-{name}")


for core_model in (Lag, District, Settlement, Theme):
    watch_public_model(core_model)
