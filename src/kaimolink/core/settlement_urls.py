"""A coordinator's settlement pages (core.settlement_views), under /<lang>/settlements/."""

from django.urls import path

from kaimolink.core import settlement_views as views

app_name = "settlements"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:lag_slug>/", views.settlement_list, name="list"),
    path("<slug:lag_slug>/new/", views.settlement_add, name="add"),
    path("<slug:lag_slug>/<int:pk>/merge/", views.settlement_merge_view, name="merge"),
]
