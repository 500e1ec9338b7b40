from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "kaimolink.actors"
    label = "actors"
    verbose_name = _("Rural development actors")

    def ready(self):
        from kaimolink.accounts import personal_data
        from kaimolink.actors import (
            gdpr,
            lookups,  # noqa: F401  registers __lt_fts
        )
        from kaimolink.actors.models import Actor
        from kaimolink.core.signals import watch_public_model

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
        # Its section of the person's page (accounts.mypage).
        from kaimolink.accounts import mypage
        from kaimolink.actors import mypage as actors_mypage

        mypage.register_section(
            self.label,
            order=50,
            title=_("My actors"),
            template="actors/_me_section.html",
            builder=actors_mypage.build,
        )
        # The directory and the map are cached for visitors: a changed actor makes them stale.
        watch_public_model(Actor, m2m_fields=("themes",))
