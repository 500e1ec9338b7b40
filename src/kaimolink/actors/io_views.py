"""Spreadsheet import (coordinators) and export (everyone) of the actors directory.

Import: upload (the request only keeps the file) → the file is read in the background →
the person matches the columns with fields → the rows are checked (progress shown) →
preview with every rejected row and every possible duplicate → confirm → the rows are
written (progress shown) → done. Every step after the upload runs as a task
(actors/tasks.py); the work is in actors/importing.py; export in actors/exporting.py.
"""

import tempfile

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from kaimolink.actors import exporting, importing, selectors
from kaimolink.actors.enums import ActorType
from kaimolink.actors.forms import DirectoryFilterForm
from kaimolink.core.models import Lag
from kaimolink.core.text import fold

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
EXPORT_FORMATS = ("csv", "xlsx")
REJECTED_PER_PAGE = 200
PREVIEW_ROWS = 20


# --- Export -------------------------------------------------------------------------------


def _file_name(stem: str, fmt: str) -> str:
    return f"kaimolink-{slugify(fold(stem))}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def _in_language(chunks, language):
    """Keep the request's language while a streamed response is produced after the view."""
    with override(language):
        yield from chunks


@require_GET
@never_cache
def export(request, fmt):
    """The directory's current result (same URL filters) as CSV or XLSX.

    Private columns are filled only in the rows this person manages (exporting.py); the
    response is therefore never cached.
    """
    if fmt not in EXPORT_FORMATS:
        raise Http404
    form = DirectoryFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            gettext("Some filters are not valid; correct them and search again."),
            content_type="text/plain; charset=utf-8",
        )
    actors = selectors.actors_directory(query=form.to_query())
    rows = exporting.export_rows(
        user=request.user, actors=actors, absolute_url=request.build_absolute_uri
    )
    filename = _file_name(gettext("actors"), fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(
            _in_language(exporting.csv_chunks(rows), get_language()),
            content_type=CSV_CONTENT_TYPE,
        )
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
    # XLSX is a zip with its directory at the end: build it in a temporary file (openpyxl's
    # write-only mode keeps memory flat), then stream that file.
    file = tempfile.TemporaryFile()
    exporting.write_xlsx(rows, file, title=gettext("Actors"))
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


# --- Import -------------------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    """The LAG to import into (a coordinator of several picks one) and the file.

    Kept here rather than in forms.py because only these views use it.
    """

    lag = forms.ModelChoiceField(
        label=_("LAG"),
        queryset=Lag.objects.none(),
        empty_label=_("Choose the LAG"),
        error_messages={"required": _("Choose the LAG")},
    )
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        error_messages={"required": _("Choose the spreadsheet file")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        lags = Lag.objects.order_by("name_sort")
        if not user.is_superuser:
            lags = lags.filter(pk__in=user.coordinated_lag_ids())
        field = self.fields["lag"]
        field.queryset = lags
        if lags.count() == 1:
            field.empty_label = None
        else:
            field.empty_label = _("Choose the LAG")


def _may_import(user) -> None:
    if not user.has_perm("actors.import_actors"):
        raise PermissionDenied


def _get_import(request, pk, *, with_report: bool = True):
    """The import if this person coordinates its LAG (or is an admin); 404 otherwise."""
    actor_import = importing.import_for_user(user=request.user, pk=pk, with_report=with_report)
    if actor_import is None:
        raise Http404
    return importing.import_expire_stale(actor_import=actor_import)


@login_required
def import_upload(request):
    _may_import(request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                actor_import = importing.import_upload(
                    lag=form.cleaned_data["lag"], by=request.user, file=form.cleaned_data["file"]
                )
            except importing.ActorImportError as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("actors:import_preview", pk=actor_import.pk)
    context = {
        "form": form,
        "imports": importing.imports_recent(user=request.user),
        "max_mb": importing.MAX_FILE_BYTES // (1024 * 1024),
        "max_rows": importing.MAX_ROWS,
        "columns": [{"label": gettext(c.label), "required": c.required} for c in importing.COLUMNS],
        "header_rows": importing.HEADER_SEARCH_ROWS,
    }
    return render(request, "actors/import_upload.html", context, status=status)


def _progress_context(actor_import) -> dict:
    processed = importing.import_progress(actor_import=actor_import)
    total = actor_import.total_rows or 0
    return {
        "actor_import": actor_import,
        "processed": processed,
        "percent": round(100 * processed / total) if total else 0,
    }


def _preview_context(request, actor_import) -> dict:
    report = actor_import.report or {}
    rejected = report.get("rejected") or []
    page = Paginator(rejected, REJECTED_PER_PAGE).get_page(request.GET.get("page"))
    entries = [{**entry, "text": importing.reason_text(entry)} for entry in page]
    sample = []
    for row in (report.get("accepted") or [])[:PREVIEW_ROWS]:
        sample.append({**row, "type_label": ActorType(row["actor_type"]).label})
    error = report.get("error")
    similar = [
        {**row, "decision": request.POST.get(f"similar_{row['row']}", "")}
        for row in report.get("accepted") or []
        if row.get("similar")
    ]
    return {
        **_progress_context(actor_import),
        "report": report,
        "page": page,
        "entries": entries,
        "sample": sample,
        "error": importing.reason_text(error) if error else "",
        "similar": similar,
        "mapping": _mapping_rows(request, actor_import),
        "may_confirm": (
            actor_import.status == actor_import.Status.VALIDATED
            and bool(report.get("accepted_count"))
        ),
    }


@login_required
@require_GET
def import_preview(request, pk):
    actor_import = _get_import(request, pk)
    return render(request, "actors/import_preview.html", _preview_context(request, actor_import))


@login_required
@require_GET
@never_cache
def import_progress(request, pk):
    """The progress bar, asked every second by htmx while a step runs.

    When the step has ended, an htmx request is told to reload the page, which then shows
    the report; other requests get the final bar.
    """
    actor_import = _get_import(request, pk, with_report=False)
    if actor_import.is_final and request.htmx:
        return HttpResponseClientRefresh()
    return render(request, "actors/import_progress.html", _progress_context(actor_import))


def _mapping_rows(request, actor_import) -> list[dict]:
    """The mapping form's rows: each column of the file, its first values, and the field
    chosen (as posted, else the guess). Empty unless the import waits for its mapping."""
    if actor_import.status != actor_import.Status.MAPPING:
        return []
    choices = [(importing.SKIP, gettext("— skip this column —"))] + [
        (c.name, gettext(c.label) + (" *" if c.required else "")) for c in importing.COLUMNS
    ]
    rows = []
    for column in (actor_import.report or {}).get("file_columns") or []:
        name = f"column_{column['index']}"
        chosen = request.POST.get(name, column["guess"]) if request.method == "POST" else None
        rows.append(
            {
                **column,
                "name": name,
                "chosen": column["guess"] if chosen is None else chosen,
                "choices": choices,
            }
        )
    return rows


@login_required
@require_POST
def import_map(request, pk):
    """The person's mapping of the columns; the rows are then checked in the background."""
    actor_import = _get_import(request, pk)
    mapping = {}
    for column in (actor_import.report or {}).get("file_columns") or []:
        mapping[column["index"]] = request.POST.get(f"column_{column['index']}", importing.SKIP)
    try:
        importing.import_map(actor_import=actor_import, by=request.user, mapping=mapping)
    except importing.ActorImportError as exc:
        return _refused(request, actor_import, exc)
    return redirect("actors:import_preview", pk=actor_import.pk)


def _refused(request, actor_import, exc):
    """The preview again, with the reason a step was refused (409 when it is too late)."""
    messages.error(request, str(exc))
    return render(
        request,
        "actors/import_preview.html",
        _preview_context(request, actor_import),
        status=409 if exc.conflict else 400,
    )


@login_required
@require_POST
def import_confirm(request, pk):
    actor_import = _get_import(request, pk)
    skip_rejected = request.POST.get("skip_rejected") == "1"
    decisions = {
        key.removeprefix("similar_"): value
        for key, value in request.POST.items()
        if key.startswith("similar_")
    }
    try:
        importing.import_queue_confirm(
            actor_import=actor_import,
            by=request.user,
            skip_rejected=skip_rejected,
            decisions=decisions,
        )
    except importing.ActorImportError as exc:
        return _refused(request, actor_import, exc)
    return redirect("actors:import_preview", pk=actor_import.pk)


@login_required
@require_GET
def import_rejected(request, pk):
    """Every rejected row as CSV, to correct the file in a spreadsheet program."""
    actor_import = _get_import(request, pk)
    rows = [[gettext("Row"), gettext("Column"), gettext("Value"), gettext("Reason")]]
    for entry in (actor_import.report or {}).get("rejected") or []:
        rows.append(
            [str(entry["row"]), entry["column"], entry["value"], importing.reason_text(entry)]
        )
    response = HttpResponse("".join(exporting.csv_chunks(rows)), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, _file_name(gettext("rejected rows"), "csv")
    )
    return response


@login_required
@require_GET
def import_template(request):
    """The XLSX template: the header row, and a sheet that explains the columns."""
    _may_import(request.user)
    file = tempfile.TemporaryFile()
    importing.write_template(file)
    file.seek(0)
    return FileResponse(
        file,
        as_attachment=True,
        filename=_file_name(gettext("import template"), "xlsx"),
        content_type=XLSX_CONTENT_TYPE,
    )
