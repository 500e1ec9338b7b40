from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kaimolink.core"
    label = "core"
    verbose_name = _("Territories")

    def ready(self):
        # db registers SQLite functions; signals make cached public pages stale on change;
        # checks adds the deploy checks (`kaimolink check --deploy`).
        from kaimolink.core import checks, db, signals  # noqa: F401
