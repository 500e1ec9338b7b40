from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "kaimolink.projects"
    label = "projects"
    verbose_name = _("Cooperation projects and agreements")

    def ready(self):
        # Cached public pages go stale on every change; partner names feed project search.
        from kaimolink.projects import rules, signals  # noqa: F401
