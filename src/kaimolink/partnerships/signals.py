"""Changes of posts (and their themes) make the cached public pages stale."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from kaimolink.core.pagecache import public_pages_changed
from kaimolink.partnerships.models import PartnershipPost


def _changed(sender, **kwargs):
    public_pages_changed()


post_save.connect(_changed, sender=PartnershipPost, dispatch_uid="pagecache-save-partnerships")
post_delete.connect(_changed, sender=PartnershipPost, dispatch_uid="pagecache-delete-partnerships")
m2m_changed.connect(
    _changed, sender=PartnershipPost.themes.through, dispatch_uid="pagecache-m2m-partnership-themes"
)
