from django.urls import path

from kaimolink.certification import office_views, profile_views, views
from kaimolink.certification.mark_urls import urlpatterns as mark_urlpatterns

app_name = "certification"

urlpatterns = [
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path(
        "applications/<int:pk>/requests/<int:request_pk>/answer/",
        views.evidence_answer,
        name="evidence_answer",
    ),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("licences/<int:pk>/renew/", views.licence_renew, name="licence_renew"),
    path("holders/<slug:slug>/mark.svg", profile_views.holder_mark, name="holder_mark"),
    path("holders/<slug:slug>/", profile_views.holder_entry, name="holder_entry"),
    path(
        "accreditations/<int:pk>/withdraw/",
        office_views.accreditation_withdraw,
        name="accreditation_withdraw",
    ),
    *mark_urlpatterns,
]

from kaimolink.certification.public_urls import urlpatterns as public_urlpatterns  # noqa: E402

urlpatterns += public_urlpatterns

from kaimolink.certification.wire_urls import urlpatterns as wire_urlpatterns  # noqa: E402

urlpatterns += wire_urlpatterns

from kaimolink.certification.assessment_urls import urlpatterns as assessment_urlpatterns  # noqa: E402

urlpatterns += assessment_urlpatterns
