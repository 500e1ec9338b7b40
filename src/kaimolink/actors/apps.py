from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "kaimolink.actors"
    label = "actors"
    verbose_name = _("Rural development actors")

    def ready(self):
        from kaimolink.actors import lookups  # noqa: F401  registers __lt_fts
