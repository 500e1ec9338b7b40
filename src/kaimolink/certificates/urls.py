from django.urls import path

from kaimolink.certificates import views

app_name = "certificates"

urlpatterns = [
    path("<str:code>.pdf", views.certificate_pdf, name="pdf"),
    path("<str:code>/badge.<str:fmt>", views.certificate_badge, name="badge"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("events/<slug:slug>/", views.event_certificates, name="event"),
    path("events/<slug:slug>/issue/", views.issue_for_event, name="issue_for_event"),
]
