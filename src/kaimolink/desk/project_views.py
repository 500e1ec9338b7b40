"""The desk's pages for cooperation projects and agreements: list, create, edit, news,
documents, signatories and materials, without the Django admin.

Who: coordinators of a LAG and platform administrators (`selectors.may_use_desk`); anyone
else gets 404. A project is theirs when one of their LAGs leads or partners it (the rule
`projects.manage_project`), an agreement when one of their LAGs registered it
(`projects.manage_agreement`); anything else answers 404, as if it did not exist.
The forms and the writes are the projects app's (desk_forms.py, editing.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kaimolink.core.confirm import confirm_page, is_confirmed
from kaimolink.desk import selectors
from kaimolink.projects import editing
from kaimolink.projects import selectors as project_selectors
from kaimolink.projects.desk_forms import (
    AgreementForm,
    DocumentForm,
    MaterialForm,
    NewsForm,
    PartnerFormSet,
    ProjectForm,
    SignatoryFormSet,
)
from kaimolink.projects.enums import PartnerRole
from kaimolink.projects.models import Agreement, Project, ProjectPartner
from kaimolink.projects.services import ProjectError

PAGE_SIZE = 20


# --- Who may be here ------------------------------------------------------------------------


def _desk_lags(request):
    """The person's LAGs (every LAG for an administrator); 404 for anyone without a desk."""
    if not selectors.may_use_desk(request.user):
        raise Http404
    return selectors.desk_lags(request.user)


def _own_lag_ids(user) -> set[int] | None:
    """The LAGs whose work this person edits; None for an administrator (all of them)."""
    return None if user.is_superuser else set(user.coordinated_lag_ids())


def _chosen_lag(request, lags):
    """The `?lag=` filter among the person's LAGs; 404 for a LAG that is not theirs."""
    slug = request.GET.get("lag", "")
    if not slug:
        return None
    chosen = next((lag for lag in lags if lag.slug == slug), None)
    if chosen is None:
        raise Http404
    return chosen


def _project_or_404(request, slug) -> Project:
    _desk_lags(request)
    project = project_selectors.project_for_page(slug)
    if project is None or not request.user.has_perm("projects.manage_project", project):
        raise Http404
    return project


def _agreement_or_404(request, pk) -> Agreement:
    _desk_lags(request)
    agreement = project_selectors.agreement_for_desk(pk, lag_ids=_own_lag_ids(request.user))
    if agreement is None:
        raise Http404
    return agreement


def _list_context(lags, chosen) -> dict:
    """The LAG filter of a list: the person's LAGs, the one chosen, the pager's query."""
    return {
        "lags": lags, "chosen": chosen, "several": len(lags) > 1 and chosen is None,
        "querystring": f"lag={chosen.slug}" if chosen else "",
    }  # fmt: skip


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _upload_page(request, *, form_class, save, done, back, template, context):
    """A list of files with an upload form: `save(cleaned_data)` stores the upload (or
    raises ProjectError, shown on the file field); then back to the list."""
    form = form_class(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except ProjectError as exc:
                form.add_error("file", str(exc))
            else:
                messages.success(request, done)
                return redirect(back)
        status = 400
    return render(request, template, {**context, "form": form}, status=status)


def _delete_page(request, *, title, question, back, delete, done, details=()):
    """Ask first (core/confirm.py); only the confirmed POST calls `delete()`."""
    if not is_confirmed(request):
        return confirm_page(
            request, title=title, question=question, details=details,
            button_label=_("Yes, delete it"), back_url=back,
        )  # fmt: skip
    delete()
    messages.success(request, done)
    return redirect(back)


# --- Projects -------------------------------------------------------------------------------


@login_required
@require_GET
def project_list(request):
    lags = _desk_lags(request)
    chosen = _chosen_lag(request, lags)
    lag_ids = {chosen.pk} if chosen else _own_lag_ids(request.user)
    page = _page(request, project_selectors.projects_for_desk(lag_ids=lag_ids))
    for project in page:
        project.lead = next((p for p in project.partners.all() if p.role == PartnerRole.LEAD), None)
    context = {
        **_list_context(lags, chosen), "page": page,
        "empty_advice": [_("Create the first one with “New project”.")],
    }  # fmt: skip
    return render(request, "desk/projects/list.html", context)


def _partner_formset(request, project: Project, lags):
    instance = project if project.pk else Project()
    initial = None
    if not project.pk and len(lags) == 1:
        # A coordinator's new project starts with their own LAG as the lead.
        initial = [{"lag": lags[0].pk, "role": PartnerRole.LEAD, "country": "LT"}]
    return PartnerFormSet(
        request.POST or None, instance=instance, prefix="partners", initial=initial,
        queryset=ProjectPartner.objects.select_related("lag", "actor"),
        own_lag_ids=_own_lag_ids(request.user),
    )  # fmt: skip


def _project_form_page(request, project: Project | None):
    lags = _desk_lags(request)
    # The form changes a copy: on an error the page's heading keeps the saved title.
    editable = Project.objects.get(pk=project.pk) if project else Project()
    form = ProjectForm(request.POST or None, instance=editable)
    partners = _partner_formset(request, editable, lags)
    status = 200
    if request.method == "POST":
        if form.is_valid() and partners.is_valid():
            try:
                saved = editing.project_save(
                    project=project, values=form.cleaned_data, partners=partners.rows(),
                    own_lag_ids=_own_lag_ids(request.user),
                )  # fmt: skip
            except ProjectError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The project was saved."))
                return redirect("desk:project_edit", slug=saved.slug)
        status = 400
    context = {"project": project, "form": form, "partners": partners}
    return render(request, "desk/projects/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request):
    return _project_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, slug):
    return _project_form_page(request, _project_or_404(request, slug))


@login_required
@require_http_methods(["GET", "POST"])
def project_news(request, slug, pk=None):
    """The project's news, and the form to add one (or change the one `pk`)."""
    project = _project_or_404(request, slug)
    news = get_object_or_404(project.news.all(), pk=pk) if pk else None
    form = NewsForm(request.POST or None, instance=news)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                editing.news_save(project=project, news=news, **form.cleaned_data)
            except ProjectError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The news item was saved."))
                return redirect("desk:project_news", slug=project.slug)
        status = 400
    context = {"project": project, "form": form, "news": news, "items": project.news.all()}
    return render(request, "desk/projects/news.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def project_news_delete(request, slug, pk):
    project = _project_or_404(request, slug)
    news = get_object_or_404(project.news.all(), pk=pk)
    return _delete_page(
        request, title=_("Delete the news item"),
        question=_("Delete “%(title)s” from the project's page?") % {"title": news.title},
        back=reverse("desk:project_news", args=[project.slug]),
        delete=lambda: editing.news_delete(news=news), done=_("The news item was deleted."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def project_documents(request, slug):
    """The project's documents and the upload form (the project's one upload checker)."""
    project = _project_or_404(request, slug)
    return _upload_page(
        request, form_class=DocumentForm,
        save=lambda data: editing.document_upload(project=project, by=request.user, **data),
        done=_("The document was uploaded."),
        back=reverse("desk:project_documents", args=[project.slug]),
        template="desk/projects/documents.html",
        context={"project": project, "documents": project.documents.all()},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def project_document_delete(request, slug, pk):
    project = _project_or_404(request, slug)
    document = get_object_or_404(project.documents.all(), pk=pk)
    return _delete_page(
        request, title=_("Delete the document"),
        question=_("Delete “%(title)s” and its file?") % {"title": document.title},
        details=[_("Visitors will no longer be able to download it.")],
        back=reverse("desk:project_documents", args=[project.slug]),
        delete=lambda: editing.document_delete(document=document),
        done=_("The document was deleted."),
    )  # fmt: skip


# --- Agreements ------------------------------------------------------------------------------


@login_required
@require_GET
def agreement_list(request):
    lags = _desk_lags(request)
    chosen = _chosen_lag(request, lags)
    lag_ids = {chosen.pk} if chosen else _own_lag_ids(request.user)
    context = {
        **_list_context(lags, chosen),
        "page": _page(request, project_selectors.agreements_for_desk(lag_ids=lag_ids)),
        "empty_advice": [_("Register the first one with “Register an agreement”.")],
    }  # fmt: skip
    return render(request, "desk/projects/agreements.html", context)


def _agreement_form_page(request, agreement: Agreement | None):
    lags = _desk_lags(request)
    editable = Agreement.objects.get(pk=agreement.pk) if agreement else Agreement()
    form = AgreementForm(request.POST or None, request.FILES or None, instance=editable, lags=lags)
    signatories = SignatoryFormSet(request.POST or None, instance=editable, prefix="signatories")
    status = 200
    if request.method == "POST":
        if form.is_valid() and signatories.is_valid():
            data = form.cleaned_data
            try:
                saved = editing.agreement_save(
                    agreement=agreement, lag=data.get("lag"), values=data,
                    parties=data["parties"], actor_parties=data["actor_parties"],
                    signatories=signatories.rows(), document=data.get("document"),
                    remove_document=data.get("remove_document", False), by=request.user,
                )  # fmt: skip
            except ProjectError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The agreement was saved."))
                return redirect("desk:agreement_edit", pk=saved.pk)
        status = 400
    context = {"agreement": agreement, "form": form, "signatories": signatories}
    return render(request, "desk/projects/agreement_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request):
    return _agreement_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, pk):
    return _agreement_form_page(request, _agreement_or_404(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_materials(request, pk):
    """Files kept with the agreement (methodological material…) and the upload form."""
    agreement = _agreement_or_404(request, pk)
    return _upload_page(
        request, form_class=MaterialForm,
        save=lambda data: editing.material_add(agreement=agreement, by=request.user, **data),
        done=_("The file was uploaded."),
        back=reverse("desk:agreement_materials", args=[agreement.pk]),
        template="desk/projects/materials.html",
        context={"agreement": agreement, "materials": agreement.materials.all()},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def agreement_material_delete(request, pk, material_pk):
    agreement = _agreement_or_404(request, pk)
    material = get_object_or_404(agreement.materials.all(), pk=material_pk)
    return _delete_page(
        request, title=_("Delete the material"),
        question=_("Delete “%(title)s” and its file?") % {"title": material.title},
        back=reverse("desk:agreement_materials", args=[agreement.pk]),
        delete=lambda: editing.material_delete(material=material),
        done=_("The material was deleted."),
    )  # fmt: skip
