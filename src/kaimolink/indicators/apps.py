from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Measures computed from the other apps' selectors (no models of its own)."""

    name = "kaimolink.indicators"
    label = "indicators"
