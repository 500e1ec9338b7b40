from django.urls import path

from kaimolink.tourism import views

app_name = "tourism"

urlpatterns = [
    path("", views.index, name="index"),
    path("map/", views.service_map, name="map"),
    path("map/markers.geojson", views.markers, name="markers"),
    path("services/<slug:slug>/", views.service, name="service"),
    path("routes/<slug:slug>/", views.route, name="route"),
    path("services/<slug:slug>/enquire/", views.enquiry_new, name="enquiry_new"),
    path("services/<slug:slug>/edit/", views.service_edit, name="service_edit"),
    path("services/<slug:slug>/status/", views.service_submit, name="service_submit"),
    path("services/<slug:slug>/moderate/", views.service_moderate, name="service_moderate"),
    path(
        "services/<slug:slug>/photos/<int:photo_id>/delete/",
        views.photo_delete,
        name="photo_delete",
    ),
    path("services/<slug:slug>/stops/", views.stop_add, name="stop_add"),
    path("services/<slug:slug>/stops/<int:stop_id>/delete/", views.stop_delete, name="stop_delete"),
    path("mine/", views.my_services, name="my_services"),
    path("mine/<slug:actor_slug>/new/", views.service_new, name="service_new"),
    path("moderation/", views.moderation, name="moderation"),
    path("enquiries/", views.enquiries, name="enquiries"),
    path("enquiries/sent/", views.my_enquiries, name="my_enquiries"),
    path("enquiries/<str:code>/", views.enquiry, name="enquiry"),
    path("enquiries/<str:code>/move/", views.enquiry_move, name="enquiry_move"),
]
