from django.urls import path

from kaimolink.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("documents/<int:pk>/", views.project_document, name="document"),
    path("<slug:slug>/", views.project_detail, name="detail"),
]
