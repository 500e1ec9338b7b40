from django.urls import path

from kaimolink.desk import people_views, views

app_name = "desk"

urlpatterns = [
    path("", views.home, name="home"),
    path("people/", people_views.people_list, name="people"),
    path("people/<int:pk>/merge/", people_views.person_merge, name="person_merge"),
]
