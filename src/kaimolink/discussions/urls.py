from django.urls import path

from kaimolink.discussions import views

app_name = "discussions"

urlpatterns = [
    path("", views.index, name="index"),
    path("log/", views.moderation_log, name="log"),
    path("themes/<slug:slug>/", views.theme, name="theme"),
    path("themes/<slug:slug>/new/", views.topic_create, name="topic_create"),
    path("topics/<int:pk>/", views.topic, name="topic"),
    path("topics/<int:pk>/edit/", views.topic_edit, name="topic_edit"),
    path("topics/<int:pk>/reply/", views.reply_create, name="reply_create"),
    path("topics/<int:pk>/follow/", views.follow, name="follow"),
    path("topics/<int:pk>/report/", views.topic_report, name="topic_report"),
    path("topics/<int:pk>/<str:action>/", views.topic_moderate, name="topic_moderate"),
    path("replies/<int:pk>/edit/", views.reply_edit, name="reply_edit"),
    path("replies/<int:pk>/report/", views.reply_report, name="reply_report"),
    path("replies/<int:pk>/<str:action>/", views.reply_moderate, name="reply_moderate"),
]
