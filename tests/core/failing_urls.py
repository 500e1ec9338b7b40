"""The project's URLs plus one that fails, for the 500 page test."""

from django.urls import path

from kaimolink.urls import handler500, urlpatterns  # noqa: F401  handler500 is read here


def fails(request):
    raise RuntimeError("a test failure")


urlpatterns = [path("lt/fails/", fails), *urlpatterns]
