"""The public addresses of certification, added to urls.py (app_name "certification")."""

from django.urls import path

from kaimolink.certification import public_views

urlpatterns = [
    path("", public_views.overview, name="overview"),
    path("registry/", public_views.registry, name="registry"),
    path("registry/<str:number>/", public_views.registry_entry, name="registry_entry"),
    path("registry/<str:number>/qr.svg", public_views.registry_qr, name="registry_qr"),
    path("<slug:slug>/v<int:number>/", public_views.version_detail, name="version"),
]
