from django.urls import path

from kaimolink.certification import views
from kaimolink.certification.mark_urls import urlpatterns as mark_urlpatterns

app_name = "certification"

urlpatterns = [
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    *mark_urlpatterns,
]

from kaimolink.certification.public_urls import urlpatterns as public_urlpatterns  # noqa: E402

urlpatterns += public_urlpatterns

from kaimolink.certification.wire_urls import urlpatterns as wire_urlpatterns  # noqa: E402

urlpatterns += wire_urlpatterns
