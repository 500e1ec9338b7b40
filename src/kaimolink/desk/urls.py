from django.urls import path

from kaimolink.desk import indicator_views, views

app_name = "desk"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "projects/<slug:slug>/indicators/",
        indicator_views.project_indicators,
        name="project_indicators",
    ),
    path(
        "projects/<slug:slug>/indicators/new/", indicator_views.indicator_add, name="indicator_add"
    ),
    path(
        "projects/<slug:slug>/indicators/<int:pk>/",
        indicator_views.indicator_edit,
        name="indicator_edit",
    ),
    path(
        "projects/<slug:slug>/indicators/<int:pk>/delete/",
        indicator_views.indicator_delete,
        name="indicator_delete",
    ),
    path(
        "projects/<slug:slug>/indicators/<int:pk>/records/",
        indicator_views.indicator_records,
        name="indicator_records",
    ),
]
