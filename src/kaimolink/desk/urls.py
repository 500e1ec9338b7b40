from django.urls import path

from kaimolink.desk import event_views, views

app_name = "desk"

urlpatterns = [
    path("", views.home, name="home"),
    path("events/", event_views.event_list, name="events"),
    path("events/new/", event_views.event_create, name="event_create"),
    path("events/<int:pk>/", event_views.event_edit, name="event_edit"),
    path("events/<int:pk>/copy/", event_views.event_copy, name="event_copy"),
    path("events/<int:pk>/cancel/", event_views.event_cancel, name="event_cancel"),
    path("series/", event_views.series_list, name="series"),
    path("series/new/", event_views.series_create, name="series_create"),
    path("series/<int:pk>/", event_views.series_edit, name="series_edit"),
]
