from django.urls import path

from kaimolink.homework import views

app_name = "homework"

urlpatterns = [
    path("events/<slug:slug>/", views.event_homework, name="event"),
    path("events/<slug:slug>/assignments/new/", views.add_assignment, name="add_assignment"),
    path("assignments/<int:pk>/submit/", views.submit, name="submit"),
    path("submissions/<int:pk>/review/", views.review, name="review"),
    path("submissions/<int:pk>/file/", views.download, name="download"),
]
