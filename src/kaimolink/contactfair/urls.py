from django.urls import path

from kaimolink.contactfair import views

app_name = "contactfair"

urlpatterns = [
    path("<slug:slug>/", views.fair_page, name="fair"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/meet/<int:pk>/", views.meet, name="meet"),
    path("<slug:slug>/requests/<int:pk>/answer/", views.answer, name="answer"),
]
