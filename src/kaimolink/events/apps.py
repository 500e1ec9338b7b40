from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "kaimolink.events"
    label = "events"
    verbose_name = _("Events and learning")

    def ready(self):
        # Keeps each event's first and last moment, and makes cached public pages stale.
        from kaimolink.accounts import personal_data
        from kaimolink.events import (
            gdpr,
            signals,  # noqa: F401
        )

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
        # Its section of the person's page (accounts.mypage).
        from kaimolink.accounts import mypage
        from kaimolink.events import mypage as events_mypage

        mypage.register_section(
            self.label,
            order=10,
            title=_("My events"),
            template="events/_me_section.html",
            builder=events_mypage.build,
        )
