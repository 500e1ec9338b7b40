from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from kaimolink.core.models import Lag
from kaimolink.core.pagecache import cache_public_page
from kaimolink.core.uploads import download_name, extension_of, private_file_response
from kaimolink.projects import results, selectors
from kaimolink.projects.forms import AgreementFilterForm, ProjectFilterForm

PROJECTS_PAGE_SIZE = 20
AGREEMENTS_PAGE_SIZE = 30


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
@cache_public_page
def project_list(request):
    form = ProjectFilterForm(request.GET)
    page, status = None, 400
    if form.is_valid():
        status = 200
        qs = selectors.public_projects(lag=form.cleaned_data["lag"], year=form.cleaned_data["year"])
        page = Paginator(qs, PROJECTS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "querystring": _querystring(request)}
    return render(request, "projects/list.html", context, status=status)


@require_GET
@cache_public_page(sections=(results.SECTION,))
def project_detail(request, slug):
    project = selectors.project_for_page(slug)
    if project is None or not request.user.has_perm("projects.view_project_page", project):
        raise Http404
    partners = list(project.partners.all())
    context = {
        "project": project,
        "lead": next((p for p in partners if p.role == "lead"), None),
        "partners": [p for p in partners if p.role == "partner"],
        "participants": [p for p in partners if p.role == "participant"],
        "can_manage": request.user.has_perm("projects.manage_project", project),
    }
    context["results"] = rows = results.rows(project)
    context["has_computed"] = any(row.computed for row in rows)
    return render(request, "projects/detail.html", context)


@require_GET
@cache_public_page
def agreement_list(request):
    form = AgreementFilterForm(request.GET)
    page, status = None, 400
    if form.is_valid():
        status = 200
        qs = selectors.agreements(lag=form.cleaned_data["lag"])
        page = Paginator(qs, AGREEMENTS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "querystring": _querystring(request), "lag": None}
    return render(request, "projects/agreements.html", context, status=status)


@require_GET
@cache_public_page
def agreement_lag(request, lag_slug):
    lag = get_object_or_404(Lag, slug=lag_slug)
    qs = selectors.agreements(lag=lag)
    page = Paginator(qs, AGREEMENTS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": None, "page": page, "querystring": _querystring(request), "lag": lag}
    return render(request, "projects/agreements.html", context)


@require_GET
def project_document(request, pk):
    """A project's document, for whoever may see the project's page (a draft's: its
    coordinators); 404 for everyone else, as the page itself."""
    document = selectors.document_for_download(pk)
    if document is None or not request.user.has_perm(
        "projects.view_project_page", document.project
    ):
        raise Http404
    name = download_name(document.title, extension_of(document.file.name))
    return private_file_response(document.file, filename=name)


@require_GET
def agreement_document(request, pk):
    """The signed document of an agreement: the registry is public, the file a download."""
    agreement = selectors.agreement_for_download(pk)
    if agreement is None:
        raise Http404
    name = download_name(agreement.title, extension_of(agreement.document.name))
    return private_file_response(agreement.document, filename=name)


@require_GET
def agreement_material(request, pk):
    """A file kept with an agreement (methodological material…): public, as the registry."""
    material = selectors.material_for_download(pk)
    if material is None:
        raise Http404
    name = download_name(material.title, extension_of(material.file.name))
    return private_file_response(material.file, filename=name)
