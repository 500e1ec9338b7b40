from django.urls import path

from kaimolink.desk import report_views, views

app_name = "desk"

XLSX, PDF = {"fmt": "xlsx"}, {"fmt": "pdf"}

urlpatterns = [
    path("", views.home, name="home"),
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
]
