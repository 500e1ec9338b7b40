from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "kaimolink.projects"
    label = "projects"
    verbose_name = _("Cooperation projects and agreements")

    def ready(self):
        # Cached public pages go stale on every change; partner names feed project search.
        from kaimolink.accounts import personal_data
        from kaimolink.projects import gdpr, rules, signals  # noqa: F401

        personal_data.register(self.label, export=gdpr.personal_data, erase=gdpr.erase)
