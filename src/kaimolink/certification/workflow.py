"""The one place where applications and licences move from state to state.

`APPLICATION_TRANSITIONS` and `LICENCE_TRANSITIONS` are the tables: from which state an
action leads to which, who may take it (roles of rules.py) and who is told. `transition`
is the one service that moves anything: it locks the row, checks the table and the role,
lets the calling service do its part under the lock (`apply`), saves the new state,
writes the audit entry and tells people. docs/certification.md shows the same table
(tests/certification/test_docs.py keeps the two equal).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from kaimolink.accounts.models import User
from kaimolink.certification import rules
from kaimolink.certification.enums import Action, ApplicationState, LicenceStatus
from kaimolink.certification.models import Application, AuditEntry, Licence
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.services import notify

S = ApplicationState
L = LicenceStatus


class CertificationError(Exception):
    """A refused step of certification; the message is translated and meant for the person."""


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    roles: tuple[str, ...]
    # Who is told: "applicant"/"holder" (the actor's members), "coordinators" (of the
    # LAG), "evaluator" (the assigned one), or nobody.
    tell: str = ""
    message: str = ""  # gettext_noop; %(actor)s, %(number)s and the service's params


LAG_OFFICE = ("coordinator", "admin")
_OPEN_BEFORE_DECISION = (
    S.DRAFT,
    S.SUBMITTED,
    S.INCOMPLETE,
    S.COMPLETE,
    S.ASSIGNED,
    S.UNDER_ASSESSMENT,
    S.EVIDENCE_REQUESTED,
    S.ASSESSED,
)
_SUBMITTED = gettext_noop("%(actor)s applied for the certification mark: check the application")
_DECIDED = gettext_noop("The decision on the certification application of %(actor)s is taken")
_WITHDRAWN = gettext_noop("%(actor)s withdrew its certification application")

APPLICATION_TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.DRAFT, Action.SUBMIT, S.SUBMITTED, ("applicant",), "coordinators", _SUBMITTED),
    Transition(
        S.INCOMPLETE, Action.SUBMIT, S.SUBMITTED, ("applicant",), "coordinators", _SUBMITTED
    ),
    Transition(
        S.SUBMITTED,
        Action.MARK_INCOMPLETE,
        S.INCOMPLETE,
        LAG_OFFICE,
        "applicant",
        gettext_noop("The certification application of %(actor)s is incomplete: %(reason)s"),
    ),
    Transition(
        S.SUBMITTED,
        Action.MARK_COMPLETE,
        S.COMPLETE,
        LAG_OFFICE,
        "applicant",
        gettext_noop("The certification application of %(actor)s is complete"),
    ),
    *(
        Transition(
            source,
            Action.ASSIGN,
            S.ASSIGNED,
            LAG_OFFICE,
            "evaluator",
            gettext_noop("You are assigned to assess the certification application of %(actor)s"),
        )
        for source in (S.COMPLETE, S.ASSIGNED, S.UNDER_ASSESSMENT)
    ),
    Transition(S.ASSIGNED, Action.START_ASSESSMENT, S.UNDER_ASSESSMENT, ("evaluator",)),
    *(
        Transition(
            source,
            Action.REQUEST_EVIDENCE,
            S.EVIDENCE_REQUESTED,
            ("evaluator",),
            "applicant",
            gettext_noop("The evaluator asks %(actor)s for more evidence"),
        )
        for source in (S.UNDER_ASSESSMENT, S.EVIDENCE_REQUESTED)
    ),
    Transition(
        S.EVIDENCE_REQUESTED,
        Action.ANSWER_EVIDENCE,
        S.UNDER_ASSESSMENT,
        ("applicant",),
        "evaluator",
        gettext_noop("%(actor)s answered your requests for evidence"),
    ),
    Transition(
        S.UNDER_ASSESSMENT,
        Action.SUBMIT_ASSESSMENT,
        S.ASSESSED,
        ("evaluator",),
        "coordinators",
        gettext_noop("The assessment of %(actor)s is ready for the panel's decision"),
    ),
    Transition(
        S.ASSESSED,
        Action.RETURN_ASSESSMENT,
        S.UNDER_ASSESSMENT,
        ("panel",),
        "evaluator",
        gettext_noop("The panel returned the assessment of %(actor)s to you: %(reason)s"),
    ),
    Transition(S.ASSESSED, Action.APPROVE, S.APPROVED, ("panel",), "applicant", _DECIDED),
    Transition(
        S.ASSESSED,
        Action.APPROVE_WITH_CONDITIONS,
        S.APPROVED_WITH_CONDITIONS,
        ("panel",),
        "applicant",
        _DECIDED,
    ),
    Transition(S.ASSESSED, Action.REFUSE, S.REFUSED, ("panel",), "applicant", _DECIDED),
    Transition(S.DRAFT, Action.WITHDRAW, S.WITHDRAWN, ("applicant",)),
    *(
        Transition(source, Action.WITHDRAW, S.WITHDRAWN, ("applicant",), "coordinators", _WITHDRAWN)
        for source in _OPEN_BEFORE_DECISION
        if source != S.DRAFT
    ),
)

LICENCE_TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        L.ACTIVE,
        Action.SUSPEND,
        L.SUSPENDED,
        LAG_OFFICE,
        "holder",
        gettext_noop("Licence %(number)s of %(actor)s is suspended: %(reason)s"),
    ),
    Transition(
        L.SUSPENDED,
        Action.REINSTATE,
        L.ACTIVE,
        LAG_OFFICE,
        "holder",
        gettext_noop("Licence %(number)s of %(actor)s is valid again"),
    ),
    *(
        Transition(
            source,
            Action.WITHDRAW,
            L.WITHDRAWN,
            LAG_OFFICE,
            "holder",
            gettext_noop("Licence %(number)s of %(actor)s is withdrawn: %(reason)s"),
        )
        for source in (L.ACTIVE, L.SUSPENDED)
    ),
)

ROLE_NAMES = {
    "applicant": gettext_lazy("the applicant's members"),
    "holder": gettext_lazy("the holder's members"),
    "coordinator": gettext_lazy("the LAG's coordinators"),
    "evaluator": gettext_lazy("the assigned evaluator"),
    "panel": gettext_lazy("the LAG's panel"),
    "admin": gettext_lazy("administrators"),
}


def _index(table) -> dict[tuple[str, str], Transition]:
    index = {}
    for t in table:
        assert (t.source, t.action) not in index, f"twice in the table: {t}"
        index[(t.source, t.action)] = t
    return index


_APPLICATION_INDEX = _index(APPLICATION_TRANSITIONS)
_LICENCE_INDEX = _index(LICENCE_TRANSITIONS)


def table_for(obj) -> tuple[Transition, ...]:
    return LICENCE_TRANSITIONS if isinstance(obj, Licence) else APPLICATION_TRANSITIONS


def state_of(obj) -> str:
    return obj.status if isinstance(obj, Licence) else obj.state


def state_label(obj, state: str) -> str:
    enum = LicenceStatus if isinstance(obj, Licence) else ApplicationState
    return str(enum(state).label)


def allowed_actions(obj, user) -> list[str]:
    """The actions this person may take on it now (for the pages' buttons)."""
    roles = rules.LICENCE_ROLES if isinstance(obj, Licence) else rules.ROLES
    return [
        t.action
        for t in table_for(obj)
        if t.source == state_of(obj) and any(roles[r](user, obj) for r in t.roles)
    ]


# --- The audit trail and the letters -----------------------------------------------------


def audit(*, obj, action: str, by, from_state: str = "", to_state: str = "", note: str = ""):
    """Write one audit entry about an application or a licence (never changed afterwards)."""
    target = {"licence": obj} if isinstance(obj, Licence) else {"application": obj}
    return AuditEntry.objects.create(
        **target,
        by=by if by is not None and by.is_authenticated else None,
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )


def members_of(actor_id) -> list:
    return list(User.objects.filter(actor_memberships__actor_id=actor_id, is_active=True))


def recipients(obj, tell: str) -> list:
    if tell in ("applicant", "holder"):
        return members_of(obj.actor_id)
    if tell == "coordinators":
        return list(User.objects.filter(coordinations__lag_id=obj.lag_id, is_active=True))
    if tell == "evaluator" and isinstance(obj, Application):
        current = obj.assignments.filter(ended_at__isnull=True).select_related("evaluator")
        return [a.evaluator for a in current if a.evaluator is not None]
    return []


# Where a letter leads each kind of recipient: the applicant's page, the desk's, the
# evaluator's (names reversed, nothing imported: the desk stands above certification).
LINKS = {
    "applicant": "certification:application",
    "holder": "certification:application",
    "coordinators": "desk:certification_application",
    "evaluator": "certification:assessment",
}


def _link(obj, who: str) -> str:
    application_id = obj.application_id if isinstance(obj, Licence) else obj.pk
    return reverse(LINKS[who], args=[application_id]) if who in LINKS else ""


def tell(obj, *, who: str, message: str, by=None, params: dict | None = None) -> None:
    """Notify `who` of `obj` (see Transition.tell) with a gettext_noop message."""
    if not who or not message:
        return
    values = {"actor": obj.actor.name, "reason": ""}
    if isinstance(obj, Licence):
        values["number"] = obj.number
    values.update(params or {})
    notify(
        recipients=recipients(obj, who),
        kind=Kind.CERTIFICATION,
        title=message,
        params=values,
        url=_link(obj, who),
        exclude=by,
    )


# --- The one transition service ----------------------------------------------------------


def _refusal_for_role(obj, t: Transition) -> CertificationError:
    who = [str(ROLE_NAMES[r]) for r in t.roles]
    return CertificationError(
        _("You may not do this: “%(action)s” is for %(who)s only.")
        % {"action": Action(t.action).label, "who": _(" or ").join(who)}
    )


@transaction.atomic
def transition(
    *,
    obj,
    action: str,
    by,
    note: str = "",
    apply: Callable | None = None,
    params: dict | None = None,
):
    """Move `obj` (an Application or a Licence) by `action`, as `by`; return the locked row.

    Locks the row (`select_for_update`) and reads its state again, so two people acting at
    once are applied one after the other and the second is checked against the first's
    result. Refuses (CertificationError, nothing changed) an action the table does not
    allow from the current state, or a person none of the transition's roles fits.
    `apply(locked)` then does the calling service's part under the same lock (it may
    refuse too); the state is saved, an AuditEntry written (`note` is its note) and the
    table's recipients told (`params` fill the message).
    """
    model = type(obj)
    is_licence = model is Licence
    index = _LICENCE_INDEX if is_licence else _APPLICATION_INDEX
    roles = rules.LICENCE_ROLES if is_licence else rules.ROLES
    if action not in {a for (_s, a) in index}:
        raise CertificationError(_("This step does not exist."))
    locked = model.objects.select_for_update().select_related("actor").get(pk=obj.pk)
    source = state_of(locked)
    t = index.get((source, action))
    if t is None:
        what = _("licence") if is_licence else _("application")
        raise CertificationError(
            _("This %(what)s is “%(state)s”: “%(action)s” is not possible now.")
            % {
                "what": what,
                "state": state_label(locked, source),
                "action": Action(action).label,
            }
        )
    if not any(roles[r](by, locked) for r in t.roles):
        raise _refusal_for_role(locked, t)
    if apply is not None:
        apply(locked)
    if is_licence:
        locked.status = t.target
        locked.save(update_fields=["status"])
    else:
        locked.state = t.target
        locked.save(update_fields=["state", "updated_at"])
    audit(obj=locked, action=action, by=by, from_state=source, to_state=t.target, note=note)
    tell(locked, who=t.tell, message=t.message, by=by, params={"reason": note, **(params or {})})
    return locked


def table_markdown() -> str:
    """The tables as Markdown, for docs/certification.md (a test keeps the doc equal)."""
    lines = []
    for title, table in (
        ("Applications", APPLICATION_TRANSITIONS),
        ("Licences", LICENCE_TRANSITIONS),
    ):
        lines += [
            f"#### {title}",
            "",
            "| from | action | to | who | told |",
            "|---|---|---|---|---|",
        ]
        for t in table:
            lines.append(
                f"| {t.source} | {t.action} | {t.target} | {', '.join(t.roles)} | {t.tell or '—'} |"
            )
        lines.append("")
    return "\n".join(lines)
