from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "kaimolink.events"
    label = "events"
    verbose_name = _("Events and learning")

    def ready(self):
        # Keeps each event's first and last moment, and makes cached public pages stale.
        from kaimolink.events import signals  # noqa: F401
