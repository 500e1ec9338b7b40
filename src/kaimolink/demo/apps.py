from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kaimolink.demo"
    label = "demo"
