"""Reports a coordinator attaches to a payment request: a LAG's figures for a period and a
project's indicators, each as a page, an XLSX workbook and a PDF with the same numbers.

Who: the LAG's coordinators and platform administrators; anyone else, and a LAG or project
that is not theirs, gets 404. A bad period gets the form back with its message (400);
a download with a bad period a plain 400 that says why.
"""

import datetime
import io
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kaimolink.actors.io_views import XLSX_CONTENT_TYPE
from kaimolink.desk import selectors
from kaimolink.desk.report_forms import ReportChoiceForm, period_form, this_year
from kaimolink.indicators import reports
from kaimolink.indicators.report_files import report_pdf, report_xlsx


def _desk_user(request):
    if not selectors.may_use_desk(request.user):
        raise Http404
    return request.user


def _project(request, slug: str):
    project = selectors.desk_project(_desk_user(request), slug)
    if project is None:
        raise Http404
    return project


def _query(start: datetime.date, end: datetime.date) -> str:
    return urlencode({"from": f"{start:%Y-%m-%d}", "to": f"{end:%Y-%m-%d}"})


@dataclass(frozen=True)
class PeriodLink:
    label: str
    start: datetime.date
    end: datetime.date

    @property
    def query(self) -> str:
        return _query(self.start, self.end)


@dataclass(frozen=True)
class PeriodYear:
    year: int
    links: list[PeriodLink]  # the whole year, then its quarters


def period_links(today: datetime.date) -> list[PeriodYear]:
    """This year with its quarters so far, then last year with its four."""
    years = []
    for year, last_quarter in ((today.year, (today.month - 1) // 3 + 1), (today.year - 1, 4)):
        links = [
            PeriodLink(_("whole year"), datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        ]
        for quarter in range(1, last_quarter + 1):
            first = datetime.date(year, 3 * quarter - 2, 1)
            after = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
            links.append(
                PeriodLink(
                    _("Q%(quarter)s") % {"quarter": quarter},
                    first,
                    after - datetime.timedelta(days=1),
                )
            )
        years.append(PeriodYear(year, links))
    return years


def _bad_period(form) -> HttpResponseBadRequest:
    messages = [str(message) for errors in form.errors.values() for message in errors]
    return HttpResponseBadRequest(
        _("The report could not be made: %(reasons)s") % {"reasons": " ".join(messages)},
        content_type="text/plain; charset=utf-8",
    )


@login_required
@require_GET
def index(request):
    """Choose a LAG and a period (sent on to its report), or a project's report."""
    user = _desk_user(request)
    lags = selectors.desk_lags(user)
    status = 200
    if "lag" in request.GET:
        form = ReportChoiceForm(request.GET, lags=lags)
        if form.is_valid():
            start, end = form.period
            url = reverse("desk:lag_report", kwargs={"lag_slug": form.cleaned_data["lag"]})
            return redirect(f"{url}?{_query(start, end)}")
        status = 400
    else:
        initial = {key: f"{day:%Y-%m-%d}" for key, day in this_year(timezone.localdate()).items()}
        form = ReportChoiceForm(initial=initial, lags=lags)
    context = {
        "form": form,
        "lags": lags,
        "projects": list(selectors.desk_projects(user)),
        "period_links": period_links(timezone.localdate()),
    }
    return render(request, "desk/reports/index.html", context, status=status)


def _lag_period(request, lag_slug):
    """This person's LAGs, the LAG of `lag_slug` among them (else 404), and the period."""
    lags = selectors.desk_lags(_desk_user(request))
    lag = next((lag for lag in lags if lag.slug == lag_slug), None)
    if lag is None:
        raise Http404
    return lags, lag, period_form(request.GET)


@login_required
@require_GET
def lag_report(request, lag_slug):
    """A LAG's figures for the period: events by kind, actors by type, cooperation."""
    lags, lag, form = _lag_period(request, lag_slug)
    # The form to change the LAG or the period, holding what was asked (and its errors).
    chooser = ReportChoiceForm(
        {"lag": lag.slug, **{key: form.data.get(key, "") for key in ("from", "to")}},
        lags=lags,
    )
    chooser.is_valid()
    context = {
        "lag": lag,
        "lags": lags,
        "chooser": chooser,
        "period_links": period_links(timezone.localdate()),
    }
    if not form.is_valid():
        return render(request, "desk/reports/lag.html", context, status=400)
    start, end = form.period
    report = reports.lag_report(lag=lag, start=start, end=end)
    context.update(report=report, sections=_sections(report), query=_query(start, end))
    return render(request, "desk/reports/lag.html", context)


FORMATS = {
    "xlsx": (report_xlsx, XLSX_CONTENT_TYPE),
    "pdf": (report_pdf, "application/pdf"),
}


def _report_file(report, *, fmt: str, name: str) -> FileResponse:
    """The report's tables as a download in `fmt` ("xlsx" or "pdf"), named `name.fmt`."""
    builder, content_type = FORMATS[fmt]
    content = builder(title=report.title, facts=report.facts(), tables=report.tables())
    response = FileResponse(
        io.BytesIO(content), as_attachment=True, filename=f"{name}.{fmt}", content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def lag_report_file(request, lag_slug, fmt):
    """The LAG report as XLSX or PDF (`fmt` comes from the URL pattern)."""
    _lags, lag, form = _lag_period(request, lag_slug)
    if not form.is_valid():
        return _bad_period(form)
    start, end = form.period
    report = reports.lag_report(lag=lag, start=start, end=end)
    return _report_file(report, fmt=fmt, name=f"{lag.slug}-{start:%Y-%m-%d}-{end:%Y-%m-%d}")


@login_required
@require_GET
def project_report(request, slug):
    """The project's indicators, planned against achieved, with a chart."""
    project = _project(request, slug)
    report = reports.project_report(project=project)
    return render(
        request,
        "desk/reports/project.html",
        {"project": project, "report": report, "sections": _sections(report)},
    )


@login_required
@require_GET
def project_report_file(request, slug, fmt):
    """The project report as XLSX or PDF (`fmt` comes from the URL pattern)."""
    project = _project(request, slug)
    report = reports.project_report(project=project)
    made = timezone.localdate(report.made_at)
    return _report_file(report, fmt=fmt, name=f"{project.slug}-{made:%Y-%m-%d}")


@dataclass(frozen=True)
class Section:
    table: reports.ReportTable
    chart: str | None


def _sections(report) -> list[Section]:
    """Each table of the report with the chart that draws its numbers, if any."""
    charts = {chart.table_key: chart.svg for chart in report.charts}
    return [Section(table, charts.get(table.key)) for table in report.tables()]
