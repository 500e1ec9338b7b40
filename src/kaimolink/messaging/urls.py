from django.urls import path

from kaimolink.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/<slug:actor_slug>/", views.start, name="start"),
    path("<int:pk>/", views.conversation, name="conversation"),
    path("<int:pk>/share/", views.share, name="share"),
    path("<int:pk>/report/<int:message_pk>/", views.report, name="report"),
]
