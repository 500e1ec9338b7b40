"""Questions, answers and consultation times are shown on cached public pages."""

from django.db.models.signals import post_delete, post_save

from kaimolink.consultations.models import Answer, Booking, Question, Slot
from kaimolink.core.pagecache import public_pages_changed


def _changed(sender, **kwargs):
    public_pages_changed()


# Bookings too: a booked time leaves the public list of free times.
for model in (Question, Answer, Slot, Booking):
    label = model._meta.label
    post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
