from django.urls import path

from kaimolink.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/handle/", views.handle, name="handle"),
]
