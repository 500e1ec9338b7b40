"""The applicant's pages: my applications, starting one, the self-assessment with evidence,
sending it; the evidence download. Other people's applications answer 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimolink.certification import rules, selectors, services
from kaimolink.certification.assessment_forms import EvidenceAnswerForm
from kaimolink.certification.enums import EDITABLE_STATES, ApplicationState
from kaimolink.certification.forms import EvidenceForm, SelfAssessmentForm, StartForm
from kaimolink.core.uploads import download_name, private_file_response


@login_required
@require_GET
def my_applications(request):
    return _my_applications_page(request, start_form=StartForm(user=request.user))


def _my_applications_page(request, *, start_form, renew_error: str = "", status: int = 200):
    """The member's applications, their actors' licences (with renewal) and a new one."""
    context = {
        "applications": selectors.applications_of_member(user=request.user),
        "licences": selectors.licences_of_member(user=request.user),
        "start_form": start_form,
        "renew_error": renew_error,
    }
    return render(request, "certification/my_applications.html", context, status=status)


@login_required
@require_POST
def licence_renew(request, pk):
    """A member of the holder starts the renewal (a shorter reassessment) of a licence in
    force; the new application opens for its self-assessment."""
    licence = selectors.licence_for_user(request.user, pk)
    try:
        application = services.renewal_start(licence=licence, by=request.user)
    except services.CertificationError as exc:
        return _my_applications_page(
            request, start_form=StartForm(user=request.user), renew_error=str(exc), status=400
        )
    return redirect("certification:application", pk=application.pk)


@login_required
@require_POST
def application_new(request):
    form = StartForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            application = services.application_create(
                actor=form.cleaned_data["actor"],
                scheme=form.cleaned_data["scheme"],
                by=request.user,
            )
        except services.CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("certification:application", pk=application.pk)
    return _my_applications_page(request, start_form=form, status=400)


def _page(request, application, *, form=None, evidence_form=None, answer_form=None, status=200):
    is_applicant = rules.can_edit_application(request.user, application)
    editable = is_applicant and application.state in EDITABLE_STATES
    detail = selectors.application_detail(application)
    answering = is_applicant and application.state == ApplicationState.EVIDENCE_REQUESTED
    open_requests = [
        {
            "request": r,
            "form": answer_form
            if answer_form is not None and answer_form.request_pk == r.pk
            else EvidenceAnswerForm(prefix=f"r{r.pk}"),
        }
        for r in detail["requests"]
        if answering and r.answered_at is None
    ]
    if editable and form is None:
        form = SelfAssessmentForm(criteria=detail["criteria"], answers=detail["answers"])
    if editable and evidence_form is None:
        evidence_form = EvidenceForm(application=application)
    context = {
        "application": application,
        "editable": editable,
        "open_requests": open_requests,
        "form": form,
        "evidence_form": evidence_form,
        "answer_rows": [
            {"criterion": c, "answer": detail["answers"].get(c.pk)} for c in detail["criteria"]
        ],
        **detail,
    }
    return render(request, "certification/application.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def application(request, pk):
    """The application: the applicant writes the self-assessment here while it is editable;
    everyone else who may see it reads it. 404 for everyone else."""
    application = selectors.application_for_user(request.user, pk)
    if request.method == "GET":
        return _page(request, application)
    detail = selectors.application_detail(application)
    form = SelfAssessmentForm(request.POST, criteria=detail["criteria"], answers=detail["answers"])
    if form.is_valid():
        try:
            services.application_update(
                application=application, by=request.user, answers=form.answers()
            )
        except services.CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The self-assessment is saved."))
            return redirect("certification:application", pk=application.pk)
    return _page(request, application, form=form, status=400)


@login_required
@require_POST
def evidence_upload(request, pk):
    application = selectors.application_for_user(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES, application=application)
    if form.is_valid():
        try:
            services.evidence_add(
                application=application,
                by=request.user,
                file=form.cleaned_data["file"],
                criterion=form.cleaned_data["criterion"],
            )
        except services.CertificationError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("The file is added."))
            return redirect("certification:application", pk=application.pk)
    return _page(request, application, evidence_form=form, status=400)


@login_required
@require_POST
def application_submit(request, pk):
    application = selectors.application_for_user(request.user, pk)
    try:
        services.application_submit(application=application, by=request.user)
    except services.CertificationError as exc:
        messages.error(request, str(exc))
        return _page(request, application, status=400)
    messages.success(request, _("The application is sent to the LAG."))
    return redirect("certification:application", pk=application.pk)


@login_required
@require_POST
def evidence_answer(request, pk, request_pk):
    """The applicant answers one of the evaluator's requests for more evidence."""
    application = selectors.application_for_user(request.user, pk)
    if not rules.can_edit_application(request.user, application):
        raise Http404
    asked = get_object_or_404(application.evidence_requests, pk=request_pk)
    form = EvidenceAnswerForm(request.POST, request.FILES, prefix=f"r{asked.pk}")
    form.request_pk = asked.pk
    if form.is_valid():
        file = form.cleaned_data["file"]
        try:
            services.evidence_answer(
                request=asked,
                by=request.user,
                answer=form.cleaned_data["answer"],
                files=[file] if file else [],
            )
        except services.CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your answer is sent to the evaluator."))
            return redirect("certification:application", pk=application.pk)
    return _page(request, application, answer_form=form, status=400)


@login_required
@require_GET
def evidence_download(request, pk):
    """The file, for those `selectors.can_see_evidence` lets through; 404 for everyone else."""
    evidence = selectors.evidence_for_user(request.user, pk)
    return private_file_response(
        evidence.file, filename=download_name(evidence.original_name, evidence.file_type)
    )
