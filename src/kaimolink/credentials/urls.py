from django.urls import path

from kaimolink.credentials import views

app_name = "credentials"

# The site-level /.well-known/did.json and /.well-known/jwks.json are in kaimolink/urls.py.
urlpatterns = [
    path("status/<int:number>/", views.status_list, name="status_list"),
    path("<uuid:uuid>.jwt", views.credential_jwt, name="jwt"),
    path("<uuid:uuid>.json", views.credential_json, name="json"),
    path("<uuid:uuid>.png", views.credential_png, name="png"),
]
