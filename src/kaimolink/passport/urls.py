from django.urls import path

from kaimolink.passport import views

app_name = "passport"

urlpatterns = [
    path("", views.my_record, name="mine"),
    path("record.pdf", views.my_record_pdf, name="mine_pdf"),
    path("credentials.zip", views.my_credentials_zip, name="mine_credentials"),
    path("actor/<slug:slug>/", views.actor_record, name="actor"),
    path("actor/<slug:slug>/record.pdf", views.actor_record_pdf, name="actor_pdf"),
]
