"""The mark's public addresses, added to the certification app's urls.py (app_name
"certification"): /<lang>/certification/mark/…"""

from django.urls import path

from kaimolink.certification import mark_views

urlpatterns = [
    path("mark/", mark_views.mark_guide, name="mark_guide"),
    path("mark/guide.pdf", mark_views.mark_guide_pdf, name="mark_guide_pdf"),
    path("mark/sample-<slug:variant>.<str:fmt>", mark_views.mark_sample, name="mark_sample"),
    path("mark/preview-<slug:variant>.svg", mark_views.mark_preview, name="mark_preview"),
]
