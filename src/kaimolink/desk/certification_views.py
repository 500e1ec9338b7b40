"""The LAG's certification pages on the desk: the applications of the coordinator's LAGs
by state, one application with its self-assessment, evidence, assessment and audit log,
and the steps the workflow table lets this person take now (completeness, the evaluator,
the panel's decision, the licence's suspension, reinstatement and withdrawal).

Every write goes through certification.services; which buttons show comes from
workflow.allowed_actions. Another LAG's application or licence answers 404; a GET of an
action's address leads back to the application.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods

from kaimolink.certification import selectors, services
from kaimolink.certification.actions import form_action
from kaimolink.certification.desk_forms import (
    AssignForm,
    DecisionForm,
    DeskApplicationFilterForm,
    IncompleteForm,
    LicenceWithdrawForm,
    ReinstateForm,
    ReturnAssessmentForm,
    SuspendForm,
)
from kaimolink.certification.enums import Action, ApplicationState
from kaimolink.certification.workflow import allowed_actions
from kaimolink.core.confirm import confirm_page, is_confirmed
from kaimolink.desk import selectors as desk_selectors
from kaimolink.desk.views import desk_user_or_404

PAGE_SIZE = 25


def _lag_ids(user):
    return None if user.is_superuser else user.coordinated_lag_ids()


@login_required
@require_GET
def application_list(request):
    """The sent applications of the person's LAGs, newest first, with a count per state."""
    user = desk_user_or_404(request)
    lags = desk_selectors.desk_lags(user)
    form = DeskApplicationFilterForm(request.GET or None, lags=lags)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    lag_ids = _lag_ids(user)
    if data.get("lag"):
        lag_ids = [lag.pk for lag in lags if lag.slug == data["lag"]]
    found = selectors.applications_for_lags(
        lag_ids=lag_ids if lag_ids is not None else [lag.pk for lag in lags],
        states=[data["state"]] if data.get("state") else None,
    ).select_related("licence")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.state_counts(lag_ids=lag_ids)
    query = request.GET.copy()
    query.pop("page", None)
    base = reverse("desk:certification")
    states = [
        {"state": s, "count": counts.get(s.value, 0), "url": f"{base}?state={s.value}"}
        for s in ApplicationState
        if s != ApplicationState.DRAFT
    ]
    context = {
        "form": form,
        "page": page,
        "querystring": query.urlencode(),
        "states": states,
        "total": sum(counts.values()),
        "chosen_state": data.get("state", ""),
        "filtered": bool(data.get("state") or data.get("lag")),
    }
    return render(request, "desk/certification/list.html", context, status=200 if valid else 400)


def _application(request, pk):
    desk_user_or_404(request)
    return selectors.application_for_lag_office(request.user, pk)


def _licence_of(application):
    return getattr(application, "licence", None)


def _page(request, application, *, forms=None, status=200):
    """The application's page with the forms of the actions allowed now (`forms`: bound
    ones with errors, by action)."""
    user = request.user
    actions = set(allowed_actions(application, user))
    licence = _licence_of(application)
    licence_actions = set(allowed_actions(licence, user)) if licence else set()
    forms = forms or {}
    if Action.MARK_INCOMPLETE in actions:
        forms.setdefault("incomplete", IncompleteForm())
    if Action.ASSIGN in actions:
        forms.setdefault("assign", AssignForm(application=application))
    if Action.APPROVE in actions:
        forms.setdefault("decide", DecisionForm())
    if Action.RETURN_ASSESSMENT in actions:
        forms.setdefault("back", ReturnAssessmentForm())
    if Action.SUSPEND in licence_actions:
        forms.setdefault("suspend", SuspendForm())
    if Action.REINSTATE in licence_actions:
        forms.setdefault("reinstate", ReinstateForm())
    detail = selectors.application_detail(application)
    evaluator = selectors.current_evaluator(application)
    context = {
        "application": application,
        "licence": licence,
        "actions": actions,
        "licence_actions": licence_actions,
        "forms": forms,
        "evaluator": evaluator,
        "evaluator_refusal": (
            services.evaluator_refusal(evaluator, application) if evaluator else None
        ),
        "rows": [
            {
                "criterion": c,
                "answer": detail["answers"].get(c.pk),
                "score": detail["scores"].get(c.pk),
                "files": [e for e in detail["evidence"] if e.criterion_id == c.pk],
            }
            for c in detail["criteria"]
        ],
        "general_files": [e for e in detail["evidence"] if e.criterion_id is None],
        "recommendation": (
            selectors.recommendation(application)
            if application.state == ApplicationState.ASSESSED
            else None
        ),
        "decision": getattr(application, "decision", None),
        **detail,
    }
    return render(request, "desk/certification/application.html", context, status=status)


@login_required
@require_GET
def application_page(request, pk):
    return _page(request, _application(request, pk))


def _back(application):
    return redirect("desk:certification_application", pk=application.pk)


def _step(*, key, done, run, form_class=None, of_licence=False):
    """The view of one step on an application (or its licence, `of_licence`): looked up
    for this person first (404 otherwise), a GET leads back to the application's page,
    a POST runs `run(application or licence, person, cleaned data)`."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request, pk):
        if of_licence:
            target, application = _licence(request, pk)
        else:
            target = application = _application(request, pk)
        if request.method == "GET":
            return _back(application)
        form = None
        if form_class is not None:
            extra = {"application": application} if form_class is AssignForm else {}
            form = form_class(request.POST, **extra)
        return form_action(
            request,
            form=form,
            run=lambda data: run(target, request.user, data),
            done=done,
            success_url=reverse("desk:certification_application", args=[application.pk]),
            again=lambda bound: _page(
                request, application, forms={key: bound} if bound else None, status=400
            ),
        )

    return view


mark_complete = _step(
    key="complete",
    done=_lazy("The application is marked complete: assign an evaluator."),
    run=lambda a, by, _d: services.application_mark_complete(application=a, by=by),
)
mark_incomplete = _step(
    key="incomplete",
    form_class=IncompleteForm,
    done=_lazy("The application is returned to the applicant."),
    run=lambda a, by, d: services.application_mark_incomplete(
        application=a, by=by, reason=d["reason"]
    ),
)
assign = _step(
    key="assign",
    form_class=AssignForm,
    done=_lazy("The evaluator is assigned and told."),
    run=lambda a, by, d: services.evaluator_assign(application=a, evaluator=d["evaluator"], by=by),
)
decide = _step(
    key="decide",
    form_class=DecisionForm,
    done=_lazy("The decision is recorded and the applicant told."),
    run=lambda a, by, d: services.decision_take(
        application=a,
        by=by,
        outcome=d["outcome"],
        reasons=d["reasons"],
        conditions=d["conditions"],
    ),
)
return_assessment = _step(
    key="back",
    form_class=ReturnAssessmentForm,
    done=_lazy("The assessment is returned to the evaluator."),
    run=lambda a, by, d: services.assessment_return(application=a, by=by, reason=d["reason"]),
)


# --- Licences ----------------------------------------------------------------------------


def _licence(request, pk):
    desk_user_or_404(request)
    licence = selectors.licence_for_lag_office(request.user, pk)
    return licence, licence.application


licence_suspend = _step(
    key="suspend",
    form_class=SuspendForm,
    of_licence=True,
    done=_lazy("The licence is suspended and the holder told."),
    run=lambda lic, by, d: services.licence_suspend(licence=lic, by=by, reason=d["reason"]),
)
licence_reinstate = _step(
    key="reinstate",
    form_class=ReinstateForm,
    of_licence=True,
    done=_lazy("The licence is valid again and the holder told."),
    run=lambda lic, by, d: services.licence_reinstate(licence=lic, by=by, note=d["reason"]),
)


@login_required
@require_http_methods(["GET", "POST"])
def licence_withdraw(request, pk):
    """Withdraw a licence for good, through a confirm page with the reason."""
    licence, application = _licence(request, pk)
    if Action.WITHDRAW not in allowed_actions(licence, request.user):
        raise Http404
    form = LicenceWithdrawForm(request.POST if is_confirmed(request) else None)
    if form.is_bound and form.is_valid():
        try:
            services.licence_withdraw(
                licence=licence, by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The licence is withdrawn and the holder told."))
            return _back(application)
    return confirm_page(
        request,
        title=_("Withdraw licence %s") % licence.number,
        question=_(
            "Withdraw the licence of %(actor)s? It cannot be undone: the registry and the "
            "verification page will say “withdrawn” from today, and the holder may no longer "
            "use the mark."
        )
        % {"actor": licence.actor.name},
        button_label=_("Withdraw the licence"),
        back_url=reverse("desk:certification_application", kwargs={"pk": application.pk}),
        form=form,
        status=400 if form.is_bound else 200,
    )
