"""The words of certification: states, outcomes, roles. The moves between states are in
workflow.py (the one table of who may move what from where to where)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scoring(models.TextChoices):
    MET_NOT_MET = "met", _("Met / not met")
    POINTS = "points", _("Points with a threshold")


class ApplicationKind(models.TextChoices):
    INITIAL = "initial", _("First application")
    RENEWAL = "renewal", _("Renewal")


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    INCOMPLETE = "incomplete", _("Returned as incomplete")
    COMPLETE = "complete", _("Complete, waiting for an evaluator")
    ASSIGNED = "assigned", _("Evaluator assigned")
    UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
    EVIDENCE_REQUESTED = "evidence_requested", _("More evidence requested")
    ASSESSED = "assessed", _("Assessed, waiting for the decision")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_conditions", _("Approved with conditions")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")


# An application in one of these states is over: nothing moves it any more.
CLOSED_STATES = (
    ApplicationState.APPROVED,
    ApplicationState.APPROVED_WITH_CONDITIONS,
    ApplicationState.REFUSED,
    ApplicationState.WITHDRAWN,
)
# The applicant may still write the self-assessment and add evidence.
EDITABLE_STATES = (ApplicationState.DRAFT, ApplicationState.INCOMPLETE)


class Outcome(models.TextChoices):
    """The panel's decision; each outcome is also the application's final state."""

    APPROVED = "approved", _("Approve")
    APPROVED_WITH_CONDITIONS = "approved_conditions", _("Approve with conditions")
    REFUSED = "refused", _("Refuse")


class LicenceStatus(models.TextChoices):
    """What is stored. Expiry is not stored: it follows from the date (see `Standing`)."""

    ACTIVE = "active", _("Valid")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Standing(models.TextChoices):
    """What a licence is on a given day, as the registry and the verification page say."""

    VALID = "valid", _("Valid")
    NOT_YET_VALID = "not_yet_valid", _("Not valid yet")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class AccreditationRole(models.TextChoices):
    EVALUATOR = "evaluator", _("Evaluator")
    LAG_STAFF = "lag_staff", _("LAG staff")


class Action(models.TextChoices):
    """What an audit entry records. The workflow's actions, and a few that move no state."""

    CREATE = "create", _("create")
    SUBMIT = "submit", _("submit")
    MARK_INCOMPLETE = "mark_incomplete", _("return as incomplete")
    MARK_COMPLETE = "mark_complete", _("mark as complete")
    ASSIGN = "assign", _("assign an evaluator")
    START_ASSESSMENT = "start_assessment", _("start the assessment")
    REQUEST_EVIDENCE = "request_evidence", _("request more evidence")
    ANSWER_EVIDENCE = "answer_evidence", _("answer the evidence requests")
    SUBMIT_ASSESSMENT = "submit_assessment", _("submit the assessment")
    RETURN_ASSESSMENT = "return_assessment", _("return the assessment to the evaluator")
    APPROVE = "approve", _("approve")
    APPROVE_WITH_CONDITIONS = "approve_conditions", _("approve with conditions")
    REFUSE = "refuse", _("refuse")
    WITHDRAW = "withdraw", _("withdraw")
    SITE_VISIT = "site_visit", _("record a site visit")
    SCORE = "score", _("score a criterion")
    ISSUE = "issue", _("issue the licence")
    SUSPEND = "suspend", _("suspend")
    REINSTATE = "reinstate", _("reinstate")
    EXPIRE = "expire", _("expire")


OUTCOME_ACTIONS = {
    Outcome.APPROVED: Action.APPROVE,
    Outcome.APPROVED_WITH_CONDITIONS: Action.APPROVE_WITH_CONDITIONS,
    Outcome.REFUSED: Action.REFUSE,
}
