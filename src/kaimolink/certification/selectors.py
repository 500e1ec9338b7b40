"""Every read of certification: schemes and versions, applications, licences, audit trails.

Lookups for a person (`application_for_user`, `licence_for_user`, `evidence_for_user`)
raise Http404 whether the row is missing or not theirs to see: other people's and other
LAGs' applications do not exist for them.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimolink.certification import rules
from kaimolink.certification.enums import (
    CLOSED_STATES,
    AccreditationRole,
    ApplicationKind,
    ApplicationState,
    LicenceStatus,
    Scoring,
)
from kaimolink.certification.models import (
    Accreditation,
    Application,
    AuditEntry,
    ConflictDeclaration,
    CriterionScore,
    Evidence,
    Licence,
    Scheme,
    SchemeVersion,
)

# --- Schemes -----------------------------------------------------------------------------


def schemes() -> QuerySet:
    return Scheme.objects.order_by("name")


def schemes_open() -> QuerySet:
    """Schemes with a published version: those one can apply for."""
    return Scheme.objects.filter(versions__published_at__isnull=False).distinct().order_by("name")


def versions(scheme: Scheme) -> QuerySet:
    """The published versions of a scheme, newest first: the public page's history."""
    return scheme.versions.filter(published_at__isnull=False).order_by("-number")


def current_version(scheme: Scheme) -> SchemeVersion | None:
    """The version new applications are made under: the newest published one."""
    return versions(scheme).first()


def criteria_of(version: SchemeVersion, *, renewal: bool = False) -> QuerySet:
    criteria = version.criteria.order_by("order", "code")
    return criteria.filter(used_in_renewal=True) if renewal else criteria


def criteria_in_scope(application: Application) -> QuerySet:
    """The criteria this application is assessed against: all of its version's, or for a
    renewal only those marked `used_in_renewal`."""
    return criteria_of(application.version, renewal=application.kind == ApplicationKind.RENEWAL)


# --- Accreditation -----------------------------------------------------------------------


def accreditation_valid(
    *, person, scheme: Scheme, role: str = AccreditationRole.EVALUATOR, day=None
) -> Accreditation | None:
    """The person's accreditation for the scheme in the role valid on `day` (today)."""
    day = day or timezone.localdate()
    return (
        Accreditation.objects.filter(
            person=person,
            scheme=scheme,
            role=role,
            valid_from__lte=day,
            valid_until__gte=day,
            withdrawn_at__isnull=True,
        )
        .order_by("-valid_until")
        .first()
    )


def accreditations_valid(*, scheme: Scheme | None = None, day=None) -> QuerySet:
    """Who is accredited today (and until when), by name."""
    day = day or timezone.localdate()
    qs = Accreditation.objects.filter(
        valid_from__lte=day, valid_until__gte=day, withdrawn_at__isnull=True
    )
    if scheme is not None:
        qs = qs.filter(scheme=scheme)
    return qs.select_related("person", "scheme").order_by("person__full_name", "pk")


def refusal_text(person, *, member: bool, conflict: bool, accredited: bool) -> str | None:
    """Why `person` cannot assess an application (services.evaluator_refusal), or None."""
    if member:
        return _("%s is a member of the applicant and cannot assess it.") % person
    if conflict:
        return _("%s declared a conflict of interest with the applicant.") % person
    if not accredited:
        return _("%s has no valid evaluator accreditation for this scheme.") % person
    return None


def evaluator_choices(application: Application) -> tuple[list, list]:
    """The people accredited today as evaluators for the application's scheme, split into
    those who may be assigned and (person, why not) for the others: members of the
    applicant and those who declared a conflict with it. Three queries whatever the number."""
    accredited = {
        a.person_id: a.person
        for a in accreditations_valid(scheme=application.scheme).filter(
            role=AccreditationRole.EVALUATOR, person__is_active=True
        )
    }
    members = set(
        application.actor.memberships.filter(user_id__in=accredited).values_list(
            "user_id", flat=True
        )
    )
    conflicts = set(
        ConflictDeclaration.objects.filter(
            actor_id=application.actor_id, evaluator_id__in=accredited
        ).values_list("evaluator_id", flat=True)
    )
    free, refused = [], []
    for pk, person in accredited.items():
        why = refusal_text(person, member=pk in members, conflict=pk in conflicts, accredited=True)
        (refused.append((person, why)) if why else free.append(person))
    return free, refused


# --- Applications ------------------------------------------------------------------------


def _application_qs() -> QuerySet:
    return Application.objects.select_related("actor", "lag", "scheme", "version")


def applications_of_member(*, user) -> QuerySet:
    """The applications of the actors this person belongs to, newest first."""
    if not user.is_authenticated:
        return Application.objects.none()
    return _application_qs().filter(actor__memberships__user=user).order_by("-created_at", "-pk")


def applications_for_lags(*, lag_ids, states=None) -> QuerySet:
    """The applications the coordinators of these LAGs handle (not drafts: not sent yet)."""
    qs = _application_qs().filter(lag_id__in=lag_ids).exclude(state="draft")
    if states:
        qs = qs.filter(state__in=states)
    return qs.order_by("-created_at", "-pk")


def application_or_none(pk) -> Application | None:
    """The application with its actor, LAG, scheme and version (no check of who asks)."""
    return _application_qs().filter(pk=pk).first()


def application_for_lag_office(user, pk) -> Application:
    """A sent application for the desk: of a LAG this person coordinates (any LAG for an
    administrator); 404 for everyone else and for drafts."""
    lag_ids = None if (user.is_active and user.is_superuser) else user.coordinated_lag_ids()
    qs = _application_qs().filter(pk=pk).exclude(state=ApplicationState.DRAFT)
    if lag_ids is not None:
        qs = qs.filter(lag_id__in=lag_ids)
    application = qs.select_related("licence").first()
    if application is None:
        raise Http404
    return application


def licence_for_lag_office(user, pk) -> Licence:
    """A licence of a LAG this person coordinates (any for an administrator); else 404."""
    lag_ids = None if (user.is_active and user.is_superuser) else user.coordinated_lag_ids()
    qs = Licence.objects.select_related("actor", "scheme", "application").filter(pk=pk)
    if lag_ids is not None:
        qs = qs.filter(lag_id__in=lag_ids)
    licence = qs.first()
    if licence is None:
        raise Http404
    return licence


def state_counts(*, lag_ids) -> dict[str, int]:
    """How many sent applications of these LAGs (None: all) are in each state (one query)."""
    qs = Application.objects.exclude(state=ApplicationState.DRAFT)
    if lag_ids is not None:
        qs = qs.filter(lag_id__in=lag_ids)
    return dict(qs.values_list("state").annotate(n=Count("pk")).order_by())


# What waits for the LAG's office on the desk: the completeness check and the decision.
WAITING_STATES = (ApplicationState.SUBMITTED, ApplicationState.ASSESSED)


def waiting_counts(*, lag_ids) -> dict[str, dict]:
    """{state: {lag_id: count}} of the applications waiting for the LAG (one query)."""
    qs = Application.objects.filter(state__in=WAITING_STATES)
    if lag_ids is not None:
        qs = qs.filter(lag_id__in=lag_ids)
    found: dict[str, dict] = {state: {} for state in WAITING_STATES}
    for state, lag_id, n in qs.values_list("state", "lag_id").annotate(n=Count("pk")).order_by():
        found[state][lag_id] = n
    return found


def assignments_of_evaluator(*, user) -> QuerySet:
    """The open applications currently assigned to this evaluator."""
    return (
        _application_qs()
        .filter(assignments__evaluator=user, assignments__ended_at__isnull=True)
        .exclude(state__in=CLOSED_STATES)
        .order_by("created_at", "pk")
    )


def current_evaluator(application: Application):
    assignment = (
        application.assignments.filter(ended_at__isnull=True).select_related("evaluator").first()
    )
    return assignment.evaluator if assignment else None


def application_for_user(user, pk) -> Application:
    """The application, when this person may see it (rules.can_view_application); else 404."""
    application = _application_qs().filter(pk=pk).first()
    if application is None or not rules.can_view_application(user, application):
        raise Http404
    return application


def can_see_evidence(user, application: Application) -> bool:
    """Private evidence: the applicant's members, the assigned evaluator, the panel (the
    coordinators of the application's LAG) and administrators."""
    return rules.can_view_application(user, application)


def evidence_for_user(user, pk) -> Evidence:
    """An evidence file for the download view; 404 unless `can_see_evidence`."""
    evidence = Evidence.objects.select_related("application").filter(pk=pk).first()
    if evidence is None or not can_see_evidence(user, evidence.application):
        raise Http404
    return evidence


def application_detail(application: Application) -> dict:
    """What the application's page shows, each list in one query."""
    return {
        "criteria": list(criteria_in_scope(application)),
        "answers": {a.criterion_id: a for a in application.answers.all()},
        "evidence": list(application.evidence.all()),
        "scores": {s.criterion_id: s for s in application.scores.select_related("criterion")},
        "requests": list(
            application.evidence_requests.select_related("criterion").prefetch_related("files")
        ),
        "site_visits": list(application.site_visits.all()),
        "audit": list(audit_entries(application)),
    }


# --- The assessment's recommendation -----------------------------------------------------


def recommendation(application: Application) -> dict:
    """Whether the scores pass: every mandatory criterion met or at its points threshold.

    Returns {"passes", "missing" (criteria not scored), "failed" (mandatory criteria that
    do not pass), "points", "max_points"}. A recommendation for the panel, not a decision.
    """
    criteria = list(criteria_in_scope(application))
    scores = {
        s.criterion_id: s
        for s in CriterionScore.objects.filter(application=application).select_related("criterion")
    }
    missing = [c for c in criteria if c.pk not in scores]
    failed = [c for c in criteria if c.mandatory and c.pk in scores and not scores[c.pk].passes()]
    points = [c for c in criteria if c.scoring == Scoring.POINTS]
    return {
        "passes": not missing and not failed,
        "missing": missing,
        "failed": failed,
        "points": sum(scores[c.pk].points or 0 for c in points if c.pk in scores),
        "max_points": sum(c.max_points or 0 for c in points),
    }


# --- Licences ----------------------------------------------------------------------------


def licences_of_actor(actor) -> QuerySet:
    return Licence.objects.filter(actor=actor).select_related("scheme", "version")


def licences_of_member(*, user) -> QuerySet:
    """The licences of the actors this person belongs to, the latest first, with the
    renewal applications already started (the page offers renewal only where none is)."""
    if not user.is_authenticated:
        return Licence.objects.none()
    return (
        Licence.objects.filter(actor__memberships__user=user)
        .select_related("actor", "scheme")
        .prefetch_related("renewal_applications")
        .order_by("-valid_from", "-pk")
    )


def licence_for_user(user, pk) -> Licence:
    """The licence with its private side (history, reasons), for the holder's members,
    the LAG's coordinators and administrators; 404 for everyone else."""
    licence = Licence.objects.select_related("actor", "scheme", "version", "lag").filter(pk=pk)
    licence = licence.first()
    if licence is None or not rules.can_view_licence(user, licence):
        raise Http404
    return licence


def licences_valid_on(day: datetime.date) -> QuerySet:
    """Licences in force on `day`: active, and the day within their validity."""
    return Licence.objects.filter(
        status=LicenceStatus.ACTIVE, valid_from__lte=day, valid_until__gte=day
    )


def licences_not_renewed() -> QuerySet:
    """Licences no other (not withdrawn) licence renews."""
    renewed = Licence.objects.filter(renews=OuterRef("pk")).exclude(status=LicenceStatus.WITHDRAWN)
    return Licence.objects.filter(~Exists(renewed))


# --- The audit trail ---------------------------------------------------------------------


def audit_entries(obj) -> QuerySet:
    """The steps of an application or a licence, oldest first."""
    field = "licence" if isinstance(obj, Licence) else "application"
    return AuditEntry.objects.filter(**{field: obj}).select_related("by").order_by("at", "pk")


def applications_with_audit(*, lag_ids) -> QuerySet:
    """The LAG's applications with their audit trails (for exports), in two queries."""
    return applications_for_lags(lag_ids=lag_ids).prefetch_related(
        Prefetch("audit_entries", queryset=AuditEntry.objects.select_related("by"))
    )
