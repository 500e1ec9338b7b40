from django.urls import path

from kaimolink.actors import io_views, views

app_name = "actors"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("map/", views.actor_map, name="map"),
    path("map/markers.geojson", views.actor_geojson, name="geojson"),
    path("new/", views.actor_create, name="create"),
    path("moderation/", views.moderation, name="moderation"),
    path("export.<str:fmt>", io_views.export, name="export"),
    path("import/", io_views.import_upload, name="import"),
    path("import/template.xlsx", io_views.import_template, name="import_template"),
    path("import/<int:pk>/", io_views.import_preview, name="import_preview"),
    path("import/<int:pk>/progress/", io_views.import_progress, name="import_progress"),
    path("import/<int:pk>/columns/", io_views.import_map, name="import_map"),
    path("import/<int:pk>/confirm/", io_views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/rejected.csv", io_views.import_rejected, name="import_rejected"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.actor_detail, name="detail"),
    path("<slug:slug>/edit/", views.actor_edit, name="edit"),
    path("<slug:slug>/contact/", views.actor_contact, name="contact"),
    path("<slug:slug>/coeditors/", views.coeditors, name="coeditors"),
    path(
        "<slug:slug>/coeditors/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "<slug:slug>/coeditors/members/<int:pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("<slug:slug>/<str:action>/", views.actor_transition, name="transition"),
]
