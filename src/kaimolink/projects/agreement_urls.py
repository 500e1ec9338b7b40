from django.urls import path

from kaimolink.projects import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("documents/<int:pk>/", views.agreement_document, name="document"),
    path("materials/<int:pk>/", views.agreement_material, name="material"),
    path("<slug:lag_slug>/", views.agreement_lag, name="lag"),
]
