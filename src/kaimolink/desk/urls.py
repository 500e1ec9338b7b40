from django.urls import path

from kaimolink.desk import project_views as projects
from kaimolink.desk import views

app_name = "desk"

urlpatterns = [
    path("", views.home, name="home"),
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
]
