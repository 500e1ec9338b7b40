from django.urls import path

from kaimolink.quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("attempts/<int:pk>/", views.attempt, name="attempt"),
    path("attempts/<int:pk>/submit/", views.submit, name="submit"),
    path("attempts/<int:pk>/result/", views.result, name="result"),
    path("<slug:slug>/", views.quiz, name="quiz"),
    path("<slug:slug>/start/", views.start, name="start"),
]
