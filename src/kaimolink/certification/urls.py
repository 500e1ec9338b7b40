from django.urls import path  # noqa: F401

app_name = "certification"

urlpatterns = []

from kaimolink.certification.mark_urls import urlpatterns as mark_urlpatterns  # noqa: E402

urlpatterns += mark_urlpatterns
