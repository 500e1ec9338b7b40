from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kaimolink.api"
    label = "api"
