"""The desk's pages for a project's indicators: the list with planned vs achieved, a form
to add or change one (typed in, or counted by a rule), and the records behind a computed
number. For coordinators of the project's LAGs and administrators; 404 for anyone else,
as for a project or an indicator that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kaimolink.core.confirm import confirm_page, is_confirmed
from kaimolink.indicators import measures as indicator_measures
from kaimolink.indicators import services
from kaimolink.indicators.forms import IndicatorForm, RuleForm
from kaimolink.indicators.measures import (
    MEASURES,
    filter_of,
    indicators_with_rules,
    project_indicator_rows,
    rule_of,
)
from kaimolink.projects.models import Indicator, Project, ProjectPartner

RECORDS_PAGE_SIZE = 50


def _project(request, slug) -> Project:
    """The project, when this person may manage it from the desk; else 404."""
    project = (
        Project.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch("partners", queryset=ProjectPartner.objects.select_related("lag"))
        )
        .first()
    )
    if project is None or not request.user.has_perm("projects.manage_project", project):
        raise Http404
    return project


def _indicator(project, pk):
    found = next((i for i in indicators_with_rules(project) if i.pk == pk), None)
    if found is None:
        raise Http404
    found.project = project
    return found


@login_required
@require_GET
def project_indicators(request, slug):
    project = _project(request, slug)
    rows = project_indicator_rows(project)
    measures = {
        row.indicator.pk: MEASURES[row.indicator.rule.measure].label for row in rows if row.computed
    }
    context = {
        "project": project,
        "rows": [(row, measures.get(row.indicator.pk)) for row in rows],
        "empty_advice": [_("Add the project's planned results with their targets.")],
    }
    return render(request, "desk/indicators/list.html", context)


def _filters_used(measure) -> str:
    """The filter fields a measure uses besides the LAGs and the period, for the help list."""
    names = {
        "series": _("series"),
        "kind": _("kind of event"),
        "theme": _("theme"),
        "actor_type": _("actor type"),
    }
    return ", ".join(str(names[name]) for name in names if name in measure.uses)


def _form_page(request, project, indicator):
    rule = rule_of(indicator) if indicator.pk else None
    data = request.POST if request.method == "POST" else None
    form = IndicatorForm(data, instance=indicator, project=project)
    rule_form = RuleForm(data, instance=rule, user=request.user, project=project, prefix="rule")
    if request.method == "POST":
        computed = form.computed
        if form.is_valid() and (not computed or rule_form.is_valid()):
            saved = services.indicator_save(
                indicator=form.save(commit=False),
                rule=rule_form.cleaned_data if computed else None,
            )
            messages.success(request, _("Indicator %(code)s saved.") % {"code": saved.code})
            return redirect("desk:project_indicators", slug=project.slug)
        if computed:
            rule_form.is_valid()  # its errors show beside the indicator's
    context = {
        "project": project,
        "indicator": indicator,
        "form": form,
        "rule_form": rule_form,
        "computed": form.computed if form.is_bound else rule is not None,
        "measures": [(measure, _filters_used(measure)) for measure in MEASURES.values()],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "desk/indicators/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_add(request, slug):
    project = _project(request, slug)
    return _form_page(request, project, Indicator(project=project))


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, slug, pk):
    project = _project(request, slug)
    return _form_page(request, project, _indicator(project, pk))


@login_required
@require_http_methods(["GET", "POST"])
def indicator_delete(request, slug, pk):
    project = _project(request, slug)
    indicator = _indicator(project, pk)
    if is_confirmed(request):
        services.indicator_delete(indicator=indicator)
        messages.success(request, _("Indicator %(code)s deleted.") % {"code": indicator.code})
        return redirect("desk:project_indicators", slug=project.slug)
    return confirm_page(
        request,
        title=_("Delete indicator %(code)s?") % {"code": indicator.code},
        question=_("The indicator “%(name)s” and its target leave the project's results.")
        % {"name": indicator.name},
        button_label=_("Delete the indicator"),
        back_url=reverse("desk:project_indicators", kwargs={"slug": project.slug}),
    )


@login_required
@require_GET
def indicator_records(request, slug, pk):
    """The records behind a computed indicator's number, page by page."""
    project = _project(request, slug)
    indicator = _indicator(project, pk)
    rule = rule_of(indicator)
    if rule is None:
        raise Http404
    measure = MEASURES[rule.measure]
    achieved = measure.count(filter_of(rule, project))
    page = Paginator(
        indicator_measures.indicator_records(rule, project), RECORDS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    columns = [str(column) for column in measure.columns]
    context = {
        "project": project,
        "indicator": indicator,
        "rule": rule,
        "measure": measure,
        "achieved": achieved,
        "page": page,
        "columns": columns,
        "cells": [
            list(zip(columns, measure.cells(record), strict=True)) for record in page.object_list
        ],
    }
    return render(request, "desk/indicators/records.html", context)
