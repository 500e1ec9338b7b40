"""The person's part of certification (GDPR export, erasure).

Applications, evidence, scores, decisions and licences belong to the actors (organisations)
and to the LAG's record of the process: they stay when a person's account is erased, with
the person's name emptied by the database (every pointer at a person there is SET_NULL,
the audit entries' `by` too). What is the person's own goes with the account (CASCADE):
their accreditations and their declarations of conflicts of interest.
"""

from kaimolink.certification.models import (
    Accreditation,
    Application,
    Assignment,
    ConflictDeclaration,
    Decision,
)


def _at(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user) -> dict:
    accreditations = Accreditation.objects.filter(person=user).select_related("scheme")
    conflicts = ConflictDeclaration.objects.filter(evaluator=user).select_related("actor")
    assignments = Assignment.objects.filter(evaluator=user).select_related("application__actor")
    decisions = Decision.objects.filter(panel=user).select_related("application__actor")
    applications = Application.objects.filter(created_by=user).select_related("actor", "scheme")
    return {
        "certification_accreditations": [
            {
                "scheme": a.scheme.name,
                "role": a.role,
                "valid_from": a.valid_from.isoformat(),
                "valid_until": a.valid_until.isoformat(),
                "basis": a.basis,
            }
            for a in accreditations.order_by("valid_from", "pk")
        ],
        "certification_conflicts_declared": [
            {"actor": c.actor.name, "note": c.note, "declared_at": _at(c.declared_at)}
            for c in conflicts.order_by("declared_at", "pk")
        ],
        "certification_assessments": [
            {
                "actor": a.application.actor.name,
                "assigned_at": _at(a.assigned_at),
                "ended_at": _at(a.ended_at),
            }
            for a in assignments.order_by("assigned_at", "pk")
        ],
        "certification_panel_decisions": [
            {
                "actor": d.application.actor.name,
                "outcome": d.outcome,
                "decided_at": _at(d.decided_at),
            }
            for d in decisions.order_by("decided_at", "pk")
        ],
        "certification_applications_started": [
            {"actor": a.actor.name, "scheme": a.scheme.name, "created_at": _at(a.created_at)}
            for a in applications.order_by("created_at", "pk")
        ],
    }


def erase(user) -> None:
    """Nothing to do by hand: the database deletes the person's accreditations and
    declarations (CASCADE) and empties their name everywhere else (SET_NULL)."""
