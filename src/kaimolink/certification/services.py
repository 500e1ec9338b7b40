"""Every write of certification. Each service is a verb with keyword-only arguments, runs in
one transaction and refuses with a CertificationError whose message a person can read.
Moves between states go through workflow.transition (the table, the lock, the audit entry,
the letters); the services add what each step needs under that lock.

Locks, in the order they are taken: the actor row (application_create, renewal_start),
then the application row (workflow.transition), then the licence counter row, then the
licence row. Nothing takes them in another order, so two services never wait on each other.

`Actor.certification_status` is written here only, by `_sync_actor_status`, after every
change of a licence: it is derived from the licences (certified while one is in force).
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kaimolink.actors.enums import CertificationStatus
from kaimolink.actors.models import Actor
from kaimolink.certification import rules, selectors
from kaimolink.certification.enums import (
    CLOSED_STATES,
    EDITABLE_STATES,
    OUTCOME_ACTIONS,
    AccreditationRole,
    Action,
    ApplicationKind,
    ApplicationState,
    LicenceStatus,
    Outcome,
    Scoring,
    Standing,
)
from kaimolink.certification.models import (
    Accreditation,
    Application,
    Assignment,
    ConflictDeclaration,
    Criterion,
    CriterionScore,
    Decision,
    Evidence,
    EvidenceRequest,
    Licence,
    LicenceCounter,
    LicenceReminder,
    Scheme,
    SchemeVersion,
    SelfAssessment,
    SiteVisit,
)
from kaimolink.certification.signals import (
    licence_issued,
    licence_status_changed,
    send_after_commit,
)
from kaimolink.certification.workflow import CertificationError, audit, tell, transition
from kaimolink.core.pagecache import public_pages_changed
from kaimolink.core.uploads import accept_upload
from kaimolink.core.weblinks import validate_web_url

__all__ = ["CertificationError"]

TEXT_MAX = 10_000
NOTE_MAX = 5_000
LINKS_MAX = 20
EVIDENCE_FILES_MAX = 50
EVIDENCE_TYPES = ("pdf", "docx", "xlsx", "odt", "jpg", "png")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_PICTURE_SIDE = 3000
# Reminders before a licence expires, in days; each is sent once.
REMINDER_DAYS = (60, 14)


def _text(value, *, maximum: int = TEXT_MAX, required: str | None = None) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise CertificationError(required)
    if len(text) > maximum:
        raise CertificationError(
            _("The text may be at most %(max)d characters long (it has %(n)d).")
            % {"max": maximum, "n": len(text)}
        )
    return text


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (31 Jan + 1 month → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _today(now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localdate(now) if now else timezone.localdate()


# --- Schemes, versions, criteria (administrators, through the admin) ----------------------


@transaction.atomic
def scheme_create(*, name: str, slug: str, code: str, description: str = "") -> Scheme:
    code = _text(code, maximum=6, required=_("Give the licence numbers' prefix.")).upper()
    if not code.isalpha():
        raise CertificationError(_("The prefix of licence numbers is made of letters only."))
    if Scheme.objects.filter(code=code).exists():
        raise CertificationError(_("Another scheme already uses this prefix."))
    return Scheme.objects.create(
        name=_text(name, maximum=200, required=_("Give the scheme a name.")),
        slug=slug,
        code=code,
        description=_text(description),
    )


def _refuse_published(version: SchemeVersion) -> None:
    if version.is_published:
        raise CertificationError(
            _("A published version cannot be changed: create a new version instead.")
        )


@transaction.atomic
def version_create(
    *, scheme: Scheme, copy_criteria_from: SchemeVersion | None = None, **terms
) -> SchemeVersion:
    """A draft version numbered after the last one (`terms`: see `_version_fill`); criteria
    copied from another version when asked (a new version usually changes a few)."""
    Scheme.objects.select_for_update().get(pk=scheme.pk)  # numbers one after the other
    last = scheme.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = SchemeVersion(scheme=scheme, number=last + 1)
    _version_fill(version, **terms)
    version.save()
    if copy_criteria_from is not None:
        for criterion in copy_criteria_from.criteria.all():
            criterion.pk = None
            criterion.version = version
            criterion.save()
    return version


@transaction.atomic
def version_update(*, version: SchemeVersion, **terms) -> SchemeVersion:
    """Change a draft version (`terms`: see `_version_fill`); a published one is refused."""
    version = SchemeVersion.objects.select_for_update().get(pk=version.pk)
    _refuse_published(version)
    _version_fill(version, **terms)
    version.save()
    return version


def _version_fill(
    version,
    *,
    rules_text: str,
    validity_months: int = 24,
    fee=None,
    renewal_validity_months: int | None = None,
    renewal_notes: str = "",
) -> None:
    """The terms of a version: the rules (Markdown), how many months a licence is valid
    (and a renewed one: empty, the same), the fee (None: no fee), notes on renewal."""
    version.rules = _text(rules_text, maximum=50_000, required=_("Write the rules."))
    if not validity_months or int(validity_months) < 1:
        raise CertificationError(_("A licence must be valid for at least one month."))
    if fee is not None and fee < 0:
        raise CertificationError(_("The fee cannot be negative."))
    version.validity_months = int(validity_months)
    version.fee = fee
    version.renewal_validity_months = renewal_validity_months or None
    version.renewal_notes = _text(renewal_notes)


def _criterion_fill(criterion, *, scoring, max_points, threshold, **texts) -> None:
    criterion.code = _text(texts["code"], maximum=10, required=_("Give the criterion a code."))
    criterion.title = _text(texts["title"], maximum=200, required=_("Give the criterion a title."))
    criterion.requirement = _text(texts["requirement"], required=_("Say what is required."))
    criterion.evidence = _text(texts["evidence"], required=_("Say what evidence proves it."))
    criterion.scoring = Scoring(scoring)
    if criterion.scoring == Scoring.POINTS:
        if not max_points or max_points < 1:
            raise CertificationError(_("A criterion scored in points needs a maximum."))
        if threshold is None or not 0 <= threshold <= max_points:
            raise CertificationError(
                _("The points needed must be between 0 and the maximum (%d).") % max_points
            )
        criterion.max_points, criterion.threshold = max_points, threshold
    else:
        criterion.max_points = criterion.threshold = None


@transaction.atomic
def criterion_add(
    *,
    version: SchemeVersion,
    code: str,
    title: str,
    requirement: str,
    evidence: str,
    scoring: str = Scoring.MET_NOT_MET,
    max_points: int | None = None,
    threshold: int | None = None,
    mandatory: bool = True,
    used_in_renewal: bool = False,
    order: int | None = None,
) -> Criterion:
    version = SchemeVersion.objects.select_for_update().get(pk=version.pk)
    _refuse_published(version)
    criterion = Criterion(version=version, mandatory=mandatory, used_in_renewal=used_in_renewal)
    _criterion_fill(
        criterion,
        scoring=scoring,
        max_points=max_points,
        threshold=threshold,
        code=code,
        title=title,
        requirement=requirement,
        evidence=evidence,
    )
    if version.criteria.filter(code=criterion.code).exists():
        raise CertificationError(_("This version already has a criterion %s.") % criterion.code)
    criterion.order = order if order is not None else version.criteria.count() + 1
    criterion.save()
    return criterion


@transaction.atomic
def version_publish(*, version: SchemeVersion, now: datetime.datetime | None = None):
    """Publish a draft: from now on it is immutable and new applications use it."""
    version = SchemeVersion.objects.select_for_update().get(pk=version.pk)
    _refuse_published(version)
    if not version.criteria.exists():
        raise CertificationError(_("A version needs at least one criterion to be published."))
    version.published_at = now or timezone.now()
    version.save(update_fields=["published_at"])
    return version


# --- Accreditation and conflicts of interest ---------------------------------------------


@transaction.atomic
def accreditation_grant(
    *,
    person,
    scheme: Scheme,
    role: str = AccreditationRole.EVALUATOR,
    valid_from: datetime.date,
    valid_until: datetime.date,
    basis: str,
    by=None,
) -> Accreditation:
    """Accredit a person for a scheme. The quizzes app calls it (by=None) when a person
    passes the accreditation test; otherwise only an administrator grants one."""
    if by is not None and not rules.is_platform_admin(by):
        raise CertificationError(_("Only administrators grant accreditations."))
    if valid_until < valid_from:
        raise CertificationError(_("An accreditation cannot end before it begins."))
    return Accreditation.objects.create(
        person=person,
        scheme=scheme,
        role=AccreditationRole(role),
        valid_from=valid_from,
        valid_until=valid_until,
        basis=_text(basis, required=_("Say on what basis the person is accredited.")),
        granted_by=by,
    )


@transaction.atomic
def conflict_declare(*, evaluator, actor: Actor, note: str = "") -> ConflictDeclaration:
    """The evaluator declares a conflict of interest with an actor: from now on they are
    neither assigned to its applications nor able to assess or decide them."""
    if not (evaluator and evaluator.is_authenticated):
        raise CertificationError(_("Log in to declare a conflict of interest."))
    declaration, _created = ConflictDeclaration.objects.get_or_create(
        evaluator=evaluator, actor=actor, defaults={"note": _text(note, maximum=NOTE_MAX)}
    )
    return declaration


def evaluator_refusal(evaluator, application: Application) -> str | None:
    """Why this person cannot assess this application, or None when they can."""
    if evaluator is None or not evaluator.is_active:
        return _("Choose an active person as the evaluator.")
    return selectors.refusal_text(
        evaluator,
        member=rules.is_member_of_actor(evaluator, application.actor_id),
        conflict=rules.has_declared_conflict(evaluator, application.actor_id),
        accredited=selectors.accreditation_valid(person=evaluator, scheme=application.scheme)
        is not None,
    )


# --- The applicant: create, answer, add evidence, submit, withdraw -----------------------


def _lock_actor(actor: Actor) -> Actor:
    return Actor.objects.select_for_update().get(pk=actor.pk)


def _open_application_refusal(actor: Actor, scheme: Scheme) -> str | None:
    open_ones = Application.objects.filter(actor=actor, scheme=scheme).exclude(
        state__in=CLOSED_STATES
    )
    if open_ones.exists():
        return _("%s already has an open application for this mark.") % actor.name
    return None


def _create_application(*, actor, scheme, by, kind, renews=None) -> Application:
    version = selectors.current_version(scheme)
    if version is None:
        raise CertificationError(_("This scheme has no published rules yet."))
    refusal = _open_application_refusal(actor, scheme)
    if refusal:
        raise CertificationError(refusal)
    if kind == ApplicationKind.RENEWAL and not selectors.criteria_of(version, renewal=True):
        raise CertificationError(_("The current rules have no criteria for renewal yet."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                actor=actor,
                scheme=scheme,
                version=version,
                kind=kind,
                renews=renews,
                lag_id=actor.lag_id,
                created_by=by,
            )
    except IntegrityError:  # the database's one-open-application rule
        raise CertificationError(
            _("%s already has an open application for this mark.") % actor.name
        ) from None
    audit(obj=application, action=Action.CREATE, by=by, to_state=application.state)
    return application


@transaction.atomic
def application_create(*, actor: Actor, scheme: Scheme, by) -> Application:
    """A member of the actor starts an application (a draft) under the current version."""
    actor = _lock_actor(actor)
    if not rules.is_member_of_actor(by, actor.pk):
        raise CertificationError(_("Only the actor's members may apply for it."))
    if actor.status != "published":
        raise CertificationError(_("Publish the actor's profile before applying."))
    if selectors.licences_valid_on(timezone.localdate()).filter(actor=actor, scheme=scheme):
        raise CertificationError(_("%s holds a valid licence: apply for its renewal.") % actor.name)
    return _create_application(actor=actor, scheme=scheme, by=by, kind=ApplicationKind.INITIAL)


def _locked_for_applicant(application: Application, by) -> Application:
    locked = (
        Application.objects.select_for_update().select_related("version").get(pk=application.pk)
    )
    if not rules.is_applicant(by, locked):
        raise CertificationError(_("Only the applicant's members may change the application."))
    return locked


def _check_links(text: str) -> str:
    links = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    if len(links) > LINKS_MAX:
        raise CertificationError(_("Give at most %d links.") % LINKS_MAX)
    for link in links:
        try:
            validate_web_url(link)
        except ValidationError as exc:
            raise CertificationError(f"{link}: {exc.messages[0]}") from None
    return "\n".join(links)


@transaction.atomic
def application_update(*, application: Application, by, answers: dict) -> Application:
    """Save the self-assessment: `answers` maps a criterion (or its id) to
    {"text": …, "links": "one address a line"}. Only while a draft or returned."""
    application = _locked_for_applicant(application, by)
    if application.state not in EDITABLE_STATES:
        raise CertificationError(_("The application is sent: it cannot be changed now."))
    in_scope = {c.pk: c for c in selectors.criteria_in_scope(application)}
    for key, answer in answers.items():
        criterion = in_scope.get(getattr(key, "pk", key))
        if criterion is None:
            raise CertificationError(_("This criterion is not part of the application."))
        text = _text(answer.get("text"))
        links = _check_links(answer.get("links", ""))
        if not text and not links:
            SelfAssessment.objects.filter(application=application, criterion=criterion).delete()
            continue
        SelfAssessment.objects.update_or_create(
            application=application, criterion=criterion, defaults={"text": text, "links": links}
        )
    application.save(update_fields=["updated_at"])
    return application


def _store_evidence(*, application, by, file, criterion=None, request=None) -> Evidence:
    if application.evidence.count() >= EVIDENCE_FILES_MAX:
        raise CertificationError(
            _("An application may hold at most %d files.") % EVIDENCE_FILES_MAX
        )
    try:
        accepted = accept_upload(
            file,
            types=EVIDENCE_TYPES,
            max_bytes=EVIDENCE_MAX_BYTES,
            max_side=EVIDENCE_PICTURE_SIDE,
        )
    except ValidationError as exc:
        raise CertificationError(exc.messages[0]) from None
    evidence = Evidence(
        application=application,
        criterion=criterion,
        request=request,
        file_type=accepted.type,
        original_name=str(getattr(file, "name", "") or "")[:255],
        file_size=getattr(accepted.file, "size", 0) or 0,
        uploaded_by=by,
    )
    evidence.file.save(accepted.file.name or f"evidence.{accepted.type}", accepted.file, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def evidence_add(*, application: Application, by, file, criterion: Criterion | None = None):
    """A file proving a criterion (or the application as a whole), while editable. Checked
    by core.uploads (type by content, pictures re-encoded), stored privately."""
    application = _locked_for_applicant(application, by)
    if application.state not in EDITABLE_STATES:
        raise CertificationError(
            _("Files are added while the application is a draft, or to answer a request.")
        )
    if criterion is not None and not selectors.criteria_in_scope(application).filter(
        pk=criterion.pk
    ):
        raise CertificationError(_("This criterion is not part of the application."))
    return _store_evidence(application=application, by=by, file=file, criterion=criterion)


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by) -> None:
    application = _locked_for_applicant(evidence.application, by)
    if application.state not in EDITABLE_STATES or evidence.request_id:
        raise CertificationError(_("This file is part of the sent application."))
    evidence.delete()


def _submission_refusal(application: Application) -> str | None:
    answers = {a.criterion_id: a for a in application.answers.all()}
    with_files = set(application.evidence.values_list("criterion_id", flat=True))
    for criterion in selectors.criteria_in_scope(application):
        answer = answers.get(criterion.pk)
        if answer is None or not answer.text:
            return _("Answer every criterion: %(code)s %(title)s has no answer.") % {
                "code": criterion.code,
                "title": criterion.title,
            }
        if criterion.mandatory and not (answer.link_list or criterion.pk in with_files):
            return _("Criterion %(code)s is mandatory: add a file or a link that proves it.") % {
                "code": criterion.code
            }
    return None


@transaction.atomic
def application_submit(*, application: Application, by) -> Application:
    """Send the application to the LAG: every criterion answered, the mandatory ones with
    evidence (a file or a link). The LAG's coordinators are told."""

    def check(locked):
        refusal = _submission_refusal(locked)
        if refusal:
            raise CertificationError(refusal)
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["submitted_at"])

    return transition(obj=application, action=Action.SUBMIT, by=by, apply=check)


@transaction.atomic
def application_withdraw(*, application: Application, by, reason: str = "") -> Application:
    return transition(
        obj=application, action=Action.WITHDRAW, by=by, note=_text(reason, maximum=NOTE_MAX)
    )


# --- The LAG: completeness, the evaluator ------------------------------------------------


@transaction.atomic
def application_mark_incomplete(*, application: Application, by, reason: str) -> Application:
    """Return the application to the applicant, saying what is missing."""
    reason = _text(reason, maximum=NOTE_MAX, required=_("Say what is missing."))
    return transition(obj=application, action=Action.MARK_INCOMPLETE, by=by, note=reason)


@transaction.atomic
def application_mark_complete(*, application: Application, by) -> Application:
    return transition(obj=application, action=Action.MARK_COMPLETE, by=by)


@transaction.atomic
def evaluator_assign(*, application: Application, evaluator, by) -> Application:
    """Assign an accredited, independent evaluator (ends the previous assignment)."""

    def assign(locked):
        refusal = evaluator_refusal(evaluator, locked)
        if refusal:
            raise CertificationError(refusal)
        current = locked.assignments.filter(ended_at__isnull=True)
        if current.filter(evaluator=evaluator).exists():
            raise CertificationError(_("%s is already the evaluator.") % evaluator)
        current.update(ended_at=timezone.now())
        Assignment.objects.create(application=locked, evaluator=evaluator, assigned_by=by)

    return transition(
        obj=application, action=Action.ASSIGN, by=by, note=str(evaluator), apply=assign
    )


# --- The evaluator: scores, evidence requests, site visits, the assessment --------------


def _locked_for_evaluator(application: Application, by, states) -> Application:
    locked = (
        Application.objects.select_for_update().select_related("version").get(pk=application.pk)
    )
    if not rules.ROLES["evaluator"](by, locked):
        raise CertificationError(_("Only the assigned evaluator may assess the application."))
    if locked.state not in states:
        raise CertificationError(
            _("The application is “%s”: it is not being assessed now.")
            % ApplicationState(locked.state).label
        )
    return locked


@transaction.atomic
def assessment_start(*, application: Application, by) -> Application:
    return transition(obj=application, action=Action.START_ASSESSMENT, by=by)


@transaction.atomic
def assessment_score(
    *,
    application: Application,
    by,
    criterion: Criterion,
    met: bool | None = None,
    points: int | None = None,
    comment: str = "",
) -> CriterionScore:
    """Score one criterion (again, if it was scored). The first score starts the assessment."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.state == ApplicationState.ASSIGNED:
        transition(obj=locked, action=Action.START_ASSESSMENT, by=by)
    locked = _locked_for_evaluator(application, by, (ApplicationState.UNDER_ASSESSMENT,))
    if not selectors.criteria_in_scope(locked).filter(pk=criterion.pk).exists():
        raise CertificationError(_("This criterion is not part of the application."))
    if criterion.scoring == Scoring.POINTS:
        if points is None or not 0 <= int(points) <= criterion.max_points:
            raise CertificationError(_("Give between 0 and %d points.") % criterion.max_points)
        values = {"points": int(points), "met": None}
        shown = str(points)
    else:
        if met is None:
            raise CertificationError(_("Say whether the criterion is met."))
        values = {"met": bool(met), "points": None}
        shown = _("met") if met else _("not met")
    score, _created = CriterionScore.objects.update_or_create(
        application=locked,
        criterion=criterion,
        defaults={
            **values,
            "comment": _text(comment, maximum=NOTE_MAX),
            "scored_by": by,
            "scored_at": timezone.now(),
        },
    )
    audit(
        obj=locked,
        action=Action.SCORE,
        by=by,
        from_state=locked.state,
        to_state=locked.state,
        note=f"{criterion.code}: {shown}",
    )
    return score


@transaction.atomic
def evidence_request(
    *, application: Application, by, question: str, criterion: Criterion | None = None
) -> EvidenceRequest:
    """Ask the applicant for more evidence; the assessment waits for the answer."""
    question = _text(question, maximum=NOTE_MAX, required=_("Write what you need."))
    made = []

    def ask(locked):
        if criterion is not None and not selectors.criteria_in_scope(locked).filter(
            pk=criterion.pk
        ):
            raise CertificationError(_("This criterion is not part of the application."))
        made.append(
            EvidenceRequest.objects.create(
                application=locked, criterion=criterion, question=question, asked_by=by
            )
        )

    transition(obj=application, action=Action.REQUEST_EVIDENCE, by=by, note=question, apply=ask)
    return made[0]


@transaction.atomic
def evidence_answer(*, request: EvidenceRequest, by, answer: str, files=()) -> EvidenceRequest:
    """The applicant answers a request (text and files). When no request is left open the
    assessment goes on and the evaluator is told."""
    application = _locked_for_applicant(request.application, by)
    if application.state != ApplicationState.EVIDENCE_REQUESTED:
        raise CertificationError(_("No evidence is requested now."))
    request = EvidenceRequest.objects.select_for_update().get(pk=request.pk)
    if request.answered_at is not None:
        raise CertificationError(_("This request is already answered."))
    request.answer = _text(answer, required=_("Write your answer."))
    request.answered_by, request.answered_at = by, timezone.now()
    request.save(update_fields=["answer", "answered_by", "answered_at"])
    for file in files:
        _store_evidence(
            application=application, by=by, file=file, criterion=request.criterion, request=request
        )
    if not application.evidence_requests.filter(answered_at__isnull=True).exists():
        transition(obj=application, action=Action.ANSWER_EVIDENCE, by=by)
    return request


@transaction.atomic
def site_visit_record(
    *, application: Application, by, visited_on: datetime.date, notes: str
) -> SiteVisit:
    states = (
        ApplicationState.ASSIGNED,
        ApplicationState.UNDER_ASSESSMENT,
        ApplicationState.EVIDENCE_REQUESTED,
    )
    locked = _locked_for_evaluator(application, by, states)
    if visited_on > timezone.localdate():
        raise CertificationError(_("Record a visit after it took place."))
    visit = SiteVisit.objects.create(
        application=locked,
        visited_on=visited_on,
        notes=_text(notes, required=_("Write what you saw.")),
        recorded_by=by,
    )
    audit(
        obj=locked,
        action=Action.SITE_VISIT,
        by=by,
        from_state=locked.state,
        to_state=locked.state,
        note=visited_on.isoformat(),
    )
    return visit


@transaction.atomic
def assessment_submit(*, application: Application, by, summary: str) -> Application:
    """Hand the assessment to the panel: every criterion scored. Records whether the
    mandatory criteria pass (`recommended`): a recommendation, not the decision."""
    summary = _text(summary, required=_("Write the assessment's summary."))

    def conclude(locked):
        result = selectors.recommendation(locked)
        if result["missing"]:
            raise CertificationError(
                _("Score every criterion first: %s is not scored.") % result["missing"][0].code
            )
        locked.assessment_summary, locked.recommended = summary, result["passes"]
        locked.assessed_at = timezone.now()
        locked.save(update_fields=["assessment_summary", "recommended", "assessed_at"])

    return transition(
        obj=application, action=Action.SUBMIT_ASSESSMENT, by=by, note=summary, apply=conclude
    )


# --- The panel: the decision and the licence ---------------------------------------------


@transaction.atomic
def assessment_return(*, application: Application, by, reason: str) -> Application:
    reason = _text(reason, maximum=NOTE_MAX, required=_("Say what the evaluator should look at."))
    return transition(obj=application, action=Action.RETURN_ASSESSMENT, by=by, note=reason)


def licence_number_allocate(*, scheme: Scheme, year: int) -> str:
    """The next licence number of the scheme in the year, "BV-2026-0001".

    The counter row is locked to the end of the transaction: two decisions at once take
    consecutive numbers; a rolled-back decision gives its number back (no gaps)."""
    LicenceCounter.objects.get_or_create(scheme=scheme, year=year)
    counter = LicenceCounter.objects.select_for_update().get(scheme=scheme, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{scheme.code}-{year}-{counter.last:04d}"


def _licence_issue(application: Application, decision: Decision, by) -> Licence:
    """The licence of an approved application, numbered in the year of the decision: valid
    for the version's months from the decision's day; a renewal starts the day after the
    licence it renews ends (so the holder is never without one, nor holds two at once)."""
    decided_on = start = timezone.localdate(decision.decided_at)
    if application.renews_id:
        start = max(start, application.renews.valid_until + datetime.timedelta(days=1))
    months = application.version.months_for(application.kind)
    licence = Licence.objects.create(
        number=licence_number_allocate(scheme=application.scheme, year=decided_on.year),
        actor_id=application.actor_id,
        scheme_id=application.scheme_id,
        version_id=application.version_id,
        application=application,
        lag_id=application.lag_id,
        renews_id=application.renews_id,
        valid_from=start,
        valid_until=add_months(start, months) - datetime.timedelta(days=1),
        conditions=decision.conditions,
    )
    audit(obj=licence, action=Action.ISSUE, by=by, to_state=licence.status, note=licence.number)
    send_after_commit(licence_issued, licence)  # the hook for the mark's credential
    return licence


@transaction.atomic
def decision_take(
    *,
    application: Application,
    by,
    outcome: str,
    reasons: str,
    conditions: str = "",
    panel=(),
) -> Decision:
    """The LAG's panel decides an assessed application; `by` records it.

    `panel`: the coordinators who took part besides `by`; each must be a coordinator of
    the application's LAG, independent of the applicant. Approval issues the licence
    (number, validity from the version); refusal closes the application. The row lock of
    the transition lets only one decision through; the one-to-one constraint is the
    database's second guard.
    """
    outcome = Outcome(outcome)
    reasons = _text(reasons, required=_("Give the reasons of the decision."))
    conditions = _text(conditions)
    if outcome == Outcome.APPROVED_WITH_CONDITIONS and not conditions:
        raise CertificationError(_("Write the conditions of the approval."))
    if outcome != Outcome.APPROVED_WITH_CONDITIONS and conditions:
        raise CertificationError(_("Conditions go with “approve with conditions” only."))
    made = []

    def decide(locked):
        members = {by.pk: by, **{p.pk: p for p in panel}}
        for person in members.values():
            if not rules.ROLES["panel"](person, locked):
                raise CertificationError(
                    _("%s cannot sit on this panel: only the LAG's independent coordinators.")
                    % person
                )
        decision = Decision.objects.create(
            application=locked,
            outcome=outcome,
            reasons=reasons,
            conditions=conditions,
            decided_by=by,
        )
        decision.panel.set(members.values())
        made.append(decision)
        if outcome != Outcome.REFUSED:
            _licence_issue(locked, decision, by)

    application = transition(
        obj=application, action=OUTCOME_ACTIONS[outcome], by=by, note=reasons, apply=decide
    )
    _sync_actor_status(application.actor_id)
    return made[0]


# --- Licences: suspension, withdrawal, renewal, reminders, expiry ------------------------


def _refuse_expired(licence: Licence) -> None:
    if licence.standing() == Standing.EXPIRED:
        raise CertificationError(_("Licence %s has expired.") % licence.number)


def _set_reason(reason: str):
    def apply(locked):
        _refuse_expired(locked)
        locked.status_reason = reason
        locked.save(update_fields=["status_reason"])

    return apply


@transaction.atomic
def licence_suspend(*, licence: Licence, by, reason: str) -> Licence:
    reason = _text(reason, maximum=NOTE_MAX, required=_("Give the reason of the suspension."))
    licence = transition(
        obj=licence, action=Action.SUSPEND, by=by, note=reason, apply=_set_reason(reason)
    )
    send_after_commit(licence_status_changed, licence, action=Action.SUSPEND)
    _sync_actor_status(licence.actor_id)
    return licence


@transaction.atomic
def licence_reinstate(*, licence: Licence, by, note: str = "") -> Licence:
    note = _text(note, maximum=NOTE_MAX)
    licence = transition(
        obj=licence, action=Action.REINSTATE, by=by, note=note, apply=_set_reason(note)
    )
    send_after_commit(licence_status_changed, licence, action=Action.REINSTATE)
    _sync_actor_status(licence.actor_id)
    return licence


@transaction.atomic
def licence_withdraw(*, licence: Licence, by, reason: str) -> Licence:
    reason = _text(reason, maximum=NOTE_MAX, required=_("Give the reason of the withdrawal."))

    def apply(locked):
        locked.status_reason = reason
        locked.save(update_fields=["status_reason"])

    licence = transition(obj=licence, action=Action.WITHDRAW, by=by, note=reason, apply=apply)
    send_after_commit(licence_status_changed, licence, action=Action.WITHDRAW)
    _sync_actor_status(licence.actor_id)
    return licence


@transaction.atomic
def renewal_start(*, licence: Licence, by) -> Application:
    """A member of the holder starts the renewal of a licence in force: a shorter
    application under the scheme's current version, with only its renewal criteria.
    Approved, it issues a new licence (a new number) that continues this one."""
    _lock_actor(licence.actor)
    licence = Licence.objects.select_related("actor", "scheme").get(pk=licence.pk)
    if not rules.is_member_of_actor(by, licence.actor_id):
        raise CertificationError(_("Only the holder's members may renew its licence."))
    if licence.standing() not in (Standing.VALID, Standing.NOT_YET_VALID):
        raise CertificationError(
            _("Only a valid licence can be renewed; this one is “%s”.")
            % Standing(licence.standing()).label
        )
    if licence.renewed_by.exclude(status=LicenceStatus.WITHDRAWN).exists():
        raise CertificationError(_("Licence %s is already renewed.") % licence.number)
    return _create_application(
        actor=licence.actor,
        scheme=licence.scheme,
        by=by,
        kind=ApplicationKind.RENEWAL,
        renews=licence,
    )


def _sync_actor_status(actor_id: int) -> str:
    """Write Actor.certification_status from the actor's licences (the one writer of it):
    certified while one is in force, suspended while one is suspended and not expired,
    none otherwise. Public pages are made stale when it changes."""
    today = timezone.localdate()
    licences = Licence.objects.filter(actor_id=actor_id, valid_from__lte=today)
    licences = licences.filter(valid_until__gte=today)
    if licences.filter(status=LicenceStatus.ACTIVE).exists():
        status = CertificationStatus.CERTIFIED
    elif licences.filter(status=LicenceStatus.SUSPENDED).exists():
        status = CertificationStatus.SUSPENDED
    else:
        status = CertificationStatus.NONE
    changed = Actor.objects.filter(pk=actor_id).exclude(certification_status=status)
    if changed.update(certification_status=status):
        public_pages_changed()
    return status


def actors_status_refresh(actor_ids=None) -> int:
    """Derive Actor.certification_status again (see `_sync_actor_status`) for the given
    actors, or for every actor that holds a licence or shows a status other than "none".
    Restores a status changed by hand in the database. Returns how many changed."""
    if actor_ids is None:
        shown = Actor.objects.exclude(certification_status=CertificationStatus.NONE)
        actor_ids = set(shown.values_list("pk", flat=True))
        actor_ids |= set(Licence.objects.values_list("actor_id", flat=True))
    before = dict(Actor.objects.filter(pk__in=actor_ids).values_list("pk", "certification_status"))
    return sum(_sync_actor_status(pk) != before[pk] for pk in before)


def licences_remind_expiring(*, now: datetime.datetime | None = None) -> int:
    """Remind holders 60 and 14 days before a licence ends, each reminder once (a licence
    first seen with 10 days left gets the 14-day one only). Licences already renewed are
    left alone. Returns how many reminders were sent. A daily job."""
    today = _today(now)
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    due = (
        selectors.licences_not_renewed()
        .filter(status=LicenceStatus.ACTIVE, valid_until__gte=today, valid_until__lte=horizon)
        .select_related("actor")
        .prefetch_related("reminders")
    )
    sent = 0
    for licence in due:
        days_left = (licence.valid_until - today).days
        threshold = min(d for d in REMINDER_DAYS if days_left <= d)
        if any(r.days_before <= threshold for r in licence.reminders.all()):
            continue
        try:
            with transaction.atomic():
                LicenceReminder.objects.create(licence=licence, days_before=threshold)
                tell(
                    licence,
                    who="holder",
                    message=gettext_noop(
                        "Licence %(number)s of %(actor)s ends on %(date)s: apply for its renewal"
                    ),
                    params={"date": licence.valid_until.isoformat()},
                )
        except IntegrityError:  # another worker sent it a moment ago
            continue
        sent += 1
    return sent


def licences_expire(*, now: datetime.datetime | None = None) -> int:
    """Record each licence that ended (the day after `valid_until`): an audit entry, the
    actor's status, a letter to the holder; once (`expiry_recorded_at`). The licence's
    stored status stays as it was: "expired" follows from the date. A daily job."""
    today = _today(now)
    ended = Licence.objects.filter(
        valid_until__lt=today,
        expiry_recorded_at__isnull=True,
        status__in=[LicenceStatus.ACTIVE, LicenceStatus.SUSPENDED],
    ).values_list("pk", flat=True)
    recorded = 0
    for pk in list(ended):
        with transaction.atomic():
            licence = Licence.objects.select_for_update().select_related("actor").get(pk=pk)
            if licence.expiry_recorded_at is not None:
                continue
            licence.expiry_recorded_at = timezone.now()
            licence.save(update_fields=["expiry_recorded_at"])
            audit(
                obj=licence,
                action=Action.EXPIRE,
                by=None,
                from_state=licence.status,
                to_state=Standing.EXPIRED,
            )
            _sync_actor_status(licence.actor_id)
            send_after_commit(licence_status_changed, licence, action=Action.EXPIRE)
            tell(
                licence,
                who="holder",
                message=gettext_noop("Licence %(number)s of %(actor)s has expired"),
            )
        recorded += 1
    # A renewal that begins today makes its holder certified without any other event.
    starting = Licence.objects.filter(valid_from=today, status=LicenceStatus.ACTIVE)
    for actor_id in set(starting.values_list("actor_id", flat=True)):
        _sync_actor_status(actor_id)
    return recorded
