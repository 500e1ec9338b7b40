"""The evaluator's addresses (assessment_views.py), added to certification's urls.py:
/<lang>/certification/assessments/…"""

from django.urls import path

from kaimolink.certification import assessment_views as views

urlpatterns = [
    path("assessments/", views.assessment_list, name="assessments"),
    path("assessments/<int:pk>/", views.assessment_page, name="assessment"),
    path("assessments/<int:pk>/conflict/", views.declare_conflict, name="assessment_conflict"),
    path("assessments/<int:pk>/start/", views.start, name="assessment_start"),
    path("assessments/<int:pk>/score/<int:criterion_pk>/", views.score, name="assessment_score"),
    path("assessments/<int:pk>/request/", views.request_evidence, name="assessment_request"),
    path("assessments/<int:pk>/visit/", views.site_visit, name="assessment_visit"),
    path("assessments/<int:pk>/submit/", views.submit, name="assessment_submit"),
]
