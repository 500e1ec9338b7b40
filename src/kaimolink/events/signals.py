"""Event days keep their event's dates; public event changes make cached pages stale."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from kaimolink.core.pagecache import public_pages_changed
from kaimolink.events.models import Event, EventDay, EventSeries, Registration


def _changed(sender, **kwargs):
    public_pages_changed()


def _day_changed(sender, instance, **kwargs):
    # On a cascade from a deleted event the event row is gone: the update touches nothing.
    event = Event(pk=instance.event_id)
    event.refresh_dates()


post_save.connect(_day_changed, sender=EventDay, dispatch_uid="events-day-dates-save")
post_delete.connect(_day_changed, sender=EventDay, dispatch_uid="events-day-dates-delete")


def _registrations_changed(sender, **kwargs):
    # Places left change on the event pages only (core.pagecache, "Sections").
    public_pages_changed("registrations")


for model in (Event, EventDay, EventSeries):
    label = model._meta.label
    post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
post_save.connect(_registrations_changed, sender=Registration, dispatch_uid="pagecache-save-reg")
post_delete.connect(
    _registrations_changed, sender=Registration, dispatch_uid="pagecache-delete-reg"
)
m2m_changed.connect(_changed, sender=Event.lags.through, dispatch_uid="pagecache-m2m-event-lags")
