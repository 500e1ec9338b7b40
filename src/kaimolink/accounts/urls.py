from django.urls import path

from kaimolink.accounts import views

app_name = "accounts"

# The person's page ("", name "dashboard") gathers from every app: kaimolink/urls.py adds
# it to this namespace from kaimolink/views.py.
urlpatterns = [
    path("data.json", views.data_export, name="data_export"),
    path("delete/", views.delete_account, name="delete"),
]
