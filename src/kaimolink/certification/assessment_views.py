"""The evaluator's pages: the applications assigned to me, and per application the
declaration of a conflict of interest (asked before the evidence is shown), the start, a
score per criterion, requests for more evidence, site visits and the assessment's summary.

Only the currently assigned evaluator finds an application here (404 for everyone else).
An evaluator who declared a conflict with the applicant, or whose accreditation for the
scheme is no longer valid, gets 403 with the reason, and nothing changes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods

from kaimolink.certification import rules, selectors, services
from kaimolink.certification.actions import form_action
from kaimolink.certification.assessment_forms import (
    AssessmentSubmitForm,
    ConflictForm,
    EvidenceRequestForm,
    ScoreForm,
    SiteVisitForm,
)
from kaimolink.certification.enums import ApplicationState

PAGE_SIZE = 25
S = ApplicationState
SCORING_STATES = (S.UNDER_ASSESSMENT,)
VISIT_STATES = (S.ASSIGNED, S.UNDER_ASSESSMENT, S.EVIDENCE_REQUESTED)


@login_required
@require_GET
def assessment_list(request):
    found = selectors.assignments_of_evaluator(user=request.user)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "certification/assessments.html", {"page": page, "querystring": ""})


def _assigned(request, pk):
    """The application assigned to this evaluator now (404 otherwise); 403 with the reason
    when they declared a conflict with the applicant or lost their accreditation."""
    application = selectors.application_or_none(pk)
    if application is None or not rules.is_assigned_evaluator(request.user, application):
        raise Http404
    if rules.has_declared_conflict(request.user, application.actor_id):
        reason = (
            _(
                "You declared a conflict of interest with %s: you cannot assess this application. "
                "The LAG's coordinators see it and will assign another evaluator."
            )
            % application.actor.name
        )
    elif not rules.is_accredited_evaluator(request.user, application):
        reason = (
            _(
                "Your evaluator accreditation for %s is not valid (it ended or was withdrawn): "
                "you cannot assess this application."
            )
            % application.scheme.name
        )
    elif rules.is_member_of_actor(request.user, application.actor_id):
        reason = _("You are a member of the applicant: you cannot assess this application.")
    else:
        return application, None
    return application, render(
        request,
        "certification/assessment_refused.html",
        {"application": application, "reason": reason},
        status=403,
    )


def _page(request, application, *, forms=None, status=200):
    detail = selectors.application_detail(application)
    forms = forms or {}
    scoring = application.state in SCORING_STATES
    rows = []
    for c in detail["criteria"]:
        score = detail["scores"].get(c.pk)
        row = {
            "criterion": c,
            "answer": detail["answers"].get(c.pk),
            "score": score,
            "files": [e for e in detail["evidence"] if e.criterion_id == c.pk],
        }
        if scoring:
            initial = {}
            if score is not None:
                initial = {
                    "points": score.points,
                    "met": "yes" if score.met else "no",
                    "comment": score.comment,
                }
            row["form"] = forms.get(f"score-{c.pk}") or ScoreForm(criterion=c, initial=initial)
        rows.append(row)
    if scoring:
        forms.setdefault("request", EvidenceRequestForm(application=application))
        forms.setdefault("submit", AssessmentSubmitForm())
    if application.state in VISIT_STATES and application.state != S.ASSIGNED:
        forms.setdefault("visit", SiteVisitForm())
    if application.state == S.ASSIGNED:
        forms.setdefault("conflict", ConflictForm())
    context = {
        "application": application,
        "rows": rows,
        "forms": forms,
        "scoring": scoring,
        "gate": application.state == S.ASSIGNED,
        "general_files": [e for e in detail["evidence"] if e.criterion_id is None],
        "recommendation": selectors.recommendation(application) if scoring else None,
        **detail,
    }
    return render(request, "certification/assessment.html", context, status=status)


@login_required
@require_GET
def assessment_page(request, pk):
    application, refused = _assigned(request, pk)
    return refused or _page(request, application)


def _action(view):
    """An action's view: the application looked up and checked; a GET leads to the page."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def wrapped(request, pk, **kwargs):
        application, refused = _assigned(request, pk)
        if refused:
            return refused
        if request.method == "GET":
            return redirect("certification:assessment", pk=application.pk)
        return view(request, application, **kwargs)

    wrapped.__name__ = wrapped.__qualname__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _run(request, application, *, key, form, run, done, anchor=""):
    return form_action(
        request,
        form=form,
        run=run,
        done=done,
        success_url=reverse("certification:assessment", args=[application.pk]) + anchor,
        again=lambda bound: _page(
            request, application, forms={key: bound} if bound else None, status=400
        ),
    )


@_action
def declare_conflict(request, application):
    """Declare a conflict of interest with the applicant: from now on this person cannot
    assess it (nor be assigned to its applications)."""
    form = ConflictForm(request.POST)
    if not form.is_valid():
        return _page(request, application, forms={"conflict": form}, status=400)
    services.conflict_declare(
        evaluator=request.user, actor=application.actor, note=form.cleaned_data["note"]
    )
    messages.success(request, _("Your conflict of interest is recorded."))
    return redirect("certification:assessments")


@_action
def start(request, application):
    return _run(
        request,
        application,
        key="start",
        form=None,
        run=lambda _d: services.assessment_start(application=application, by=request.user),
        done=_("The assessment is started."),
    )


@_action
def score(request, application, criterion_pk):
    criteria = selectors.criteria_in_scope(application)
    criterion = get_object_or_404(criteria, pk=criterion_pk)
    form = ScoreForm(request.POST, criterion=criterion)
    return _run(
        request,
        application,
        key=f"score-{criterion.pk}",
        form=form,
        run=lambda data: services.assessment_score(
            application=application, by=request.user, criterion=criterion, **form.score()
        ),
        done=_("The score of %s is saved.") % criterion.code,
        anchor=f"#criterion-{criterion.pk}",
    )


def _step(*, key, form_class, run, done):
    """An evaluator's step with a form: `run(application, person, cleaned data)`."""

    def view(request, application):
        extra = {"application": application} if form_class is EvidenceRequestForm else {}
        return _run(
            request,
            application,
            key=key,
            form=form_class(request.POST, **extra),
            run=lambda data: run(application, request.user, data),
            done=done,
        )

    view.__name__ = key
    return _action(view)


request_evidence = _step(
    key="request",
    form_class=EvidenceRequestForm,
    done=_lazy("The request is sent to the applicant."),
    run=lambda a, by, d: services.evidence_request(
        application=a, by=by, question=d["question"], criterion=d["criterion"]
    ),
)
site_visit = _step(
    key="visit",
    form_class=SiteVisitForm,
    done=_lazy("The site visit is recorded."),
    run=lambda a, by, d: services.site_visit_record(
        application=a, by=by, visited_on=d["visited_on"], notes=d["notes"]
    ),
)
submit = _step(
    key="submit",
    form_class=AssessmentSubmitForm,
    done=_lazy("The assessment is sent to the LAG's panel."),
    run=lambda a, by, d: services.assessment_submit(application=a, by=by, summary=d["summary"]),
)
