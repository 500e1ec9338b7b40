from django.urls import path

from kaimolink.desk import certification_views as cert
from kaimolink.desk import (
    event_views,
    indicator_views,
    people_views,
    report_views,
    views,
)
from kaimolink.desk import project_views as projects

app_name = "desk"

XLSX, PDF = {"fmt": "xlsx"}, {"fmt": "pdf"}

urlpatterns = [
    path("", views.home, name="home"),
    path("events/", event_views.event_list, name="events"),
    path("events/new/", event_views.event_create, name="event_create"),
    path("events/<int:pk>/", event_views.event_edit, name="event_edit"),
    path("events/<int:pk>/copy/", event_views.event_copy, name="event_copy"),
    path("events/<int:pk>/cancel/", event_views.event_cancel, name="event_cancel"),
    path("series/", event_views.series_list, name="series"),
    path("series/new/", event_views.series_create, name="series_create"),
    path("series/<int:pk>/", event_views.series_edit, name="series_edit"),
    path("reports/", report_views.index, name="reports"),
    path("reports/<slug:lag_slug>/", report_views.lag_report, name="lag_report"),
    path(
        "reports/<slug:lag_slug>/report.xlsx", report_views.lag_report_file, XLSX, "lag_report_xlsx"
    ),
    path("reports/<slug:lag_slug>/report.pdf", report_views.lag_report_file, PDF, "lag_report_pdf"),
    path("projects/<slug:slug>/report/", report_views.project_report, name="project_report"),
    path(
        "projects/<slug:slug>/report.xlsx",
        report_views.project_report_file,
        XLSX,
        "project_report_xlsx",
    ),
    path(
        "projects/<slug:slug>/report.pdf",
        report_views.project_report_file,
        PDF,
        "project_report_pdf",
    ),
    path("projects/", projects.project_list, name="projects"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<slug:slug>/", projects.project_edit, name="project_edit"),
    path("projects/<slug:slug>/news/", projects.project_news, name="project_news"),
    path("projects/<slug:slug>/news/<int:pk>/", projects.project_news, name="project_news_edit"),
    path(
        "projects/<slug:slug>/news/<int:pk>/delete/",
        projects.project_news_delete,
        name="project_news_delete",
    ),
    path("projects/<slug:slug>/documents/", projects.project_documents, name="project_documents"),
    path(
        "projects/<slug:slug>/documents/<int:pk>/delete/",
        projects.project_document_delete,
        name="project_document_delete",
    ),
    path("agreements/", projects.agreement_list, name="agreements"),
    path("agreements/new/", projects.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", projects.agreement_edit, name="agreement_edit"),
    path(
        "agreements/<int:pk>/materials/", projects.agreement_materials, name="agreement_materials"
    ),
    path(
        "agreements/<int:pk>/materials/<int:material_pk>/delete/",
        projects.agreement_material_delete,
        name="agreement_material_delete",
    ),
    path("people/", people_views.people_list, name="people"),
    path("people/<int:pk>/merge/", people_views.person_merge, name="person_merge"),
    path(
        "projects/<slug:slug>/indicators/",
        indicator_views.project_indicators,
        name="project_indicators",
    ),
    path(
        "projects/<slug:slug>/indicators/new/", indicator_views.indicator_add, name="indicator_add"
    ),
    path(
        "projects/<slug:slug>/indicators/<int:pk>/",
        indicator_views.indicator_edit,
        name="indicator_edit",
    ),
    path(
        "projects/<slug:slug>/indicators/<int:pk>/delete/",
        indicator_views.indicator_delete,
        name="indicator_delete",
    ),
    path(
        "projects/<slug:slug>/indicators/<int:pk>/records/",
        indicator_views.indicator_records,
        name="indicator_records",
    ),
    path("certification/", cert.application_list, name="certification"),
    path("certification/<int:pk>/", cert.application_page, name="certification_application"),
    path("certification/<int:pk>/complete/", cert.mark_complete, name="certification_complete"),
    path(
        "certification/<int:pk>/incomplete/", cert.mark_incomplete, name="certification_incomplete"
    ),
    path("certification/<int:pk>/assign/", cert.assign, name="certification_assign"),
    path("certification/<int:pk>/decide/", cert.decide, name="certification_decide"),
    path("certification/<int:pk>/return/", cert.return_assessment, name="certification_return"),
    path(
        "certification/licences/<int:pk>/suspend/",
        cert.licence_suspend,
        name="certification_licence_suspend",
    ),
    path(
        "certification/licences/<int:pk>/reinstate/",
        cert.licence_reinstate,
        name="certification_licence_reinstate",
    ),
    path(
        "certification/licences/<int:pk>/withdraw/",
        cert.licence_withdraw,
        name="certification_licence_withdraw",
    ),
]
