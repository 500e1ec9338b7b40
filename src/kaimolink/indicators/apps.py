from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """Measures computed from the other apps' records, and the rules that make a project
    indicator computed (models.IndicatorRule)."""

    name = "kaimolink.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from kaimolink.indicators import signals
        from kaimolink.indicators.measures import project_indicator_rows
        from kaimolink.projects import results

        # The public project page shows computed figures (projects.results).
        results.register(project_indicator_rows)
        signals.connect()
