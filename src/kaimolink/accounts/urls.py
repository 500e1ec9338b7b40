from django.urls import path

from kaimolink.accounts import views

app_name = "accounts"

# The person's page ("", name "dashboard") gathers from every app through accounts.mypage.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("data.json", views.data_export, name="data_export"),
    path("delete/", views.delete_account, name="delete"),
]
