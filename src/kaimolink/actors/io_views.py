"""Spreadsheet import (coordinators) and export (everyone) of the actors directory."""

from django.http import HttpResponse


def export(request, fmt):  # replaced by the import/export work
    return HttpResponse(status=501)


def import_upload(request):
    return HttpResponse(status=501)
