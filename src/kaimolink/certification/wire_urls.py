"""The addresses of the holders' pages (holder_views.py), added to certification's urls.py
(app_name "certification"): /<lang>/certification/…"""

from django.urls import path

from kaimolink.certification import holder_views

urlpatterns = [
    path("licences/<int:pk>/mark/", holder_views.licence_mark, name="licence_mark"),
    # The baked files first: a variant is a slug, which could swallow "-credential".
    path(
        "licences/<int:pk>/mark/<slug:variant>-credential.<str:fmt>",
        holder_views.licence_mark_baked,
        name="licence_mark_baked",
    ),
    path(
        "licences/<int:pk>/mark/<slug:variant>.<str:fmt>",
        holder_views.licence_mark_file,
        name="licence_mark_file",
    ),
    path("accreditations/", holder_views.lag_accreditations, name="lag_accreditations"),
    path("accreditations/mine/", holder_views.my_accreditations, name="my_accreditations"),
    path(
        "accreditations/<int:pk>/certificate.pdf",
        holder_views.accreditation_certificate,
        name="accreditation_certificate",
    ),
]
