from django.urls import path

from kaimolink.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.board, name="board"),
    path("new/", views.post_create, name="create"),
    path("for/<slug:slug>/", views.for_actor, name="for_actor"),
    path("<int:pk>/", views.post_detail, name="detail"),
    path("<int:pk>/edit/", views.post_edit, name="edit"),
    path("<int:pk>/close/", views.post_close, name="close"),
    path("<int:pk>/hide/", views.post_hide, name="hide"),
    path("<int:pk>/report/", views.post_report, name="report"),
]
