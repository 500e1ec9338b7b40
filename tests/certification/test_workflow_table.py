"""The workflow table, tested as a table: for every state and every action, each person
either is allowed by the table (the move works and writes one audit entry) or is refused
with a clear message and nothing changes."""

import pytest
from django.db import transaction

from kaimolink.certification import services, workflow
from kaimolink.certification.enums import Action, ApplicationState, LicenceStatus, Outcome
from kaimolink.certification.models import Application, AuditEntry, EvidenceRequest, Licence
from kaimolink.certification.workflow import CertificationError
from tests.certification.factories import application_in, licensed, make_world

S = ApplicationState
pytestmark = pytest.mark.django_db

# Each person, and the roles of the table they hold for the world's application. The
# coordinator who is also a member of the applicant is the applicant only: never the LAG.
PERSONAS = {
    "applicant": {"applicant", "holder"},
    "coordinator": {"coordinator", "panel"},
    "evaluator": {"evaluator"},
    "admin": {"admin"},
    "stranger": set(),
    "other_coordinator": set(),
    "member_coordinator": {"applicant", "holder"},
}
APPLICATION_ACTIONS = sorted({t.action for t in workflow.APPLICATION_TRANSITIONS})
LICENCE_ACTIONS = sorted({t.action for t in workflow.LICENCE_TRANSITIONS})


def perform(world, application, action, user):
    """Take `action` through its service, with input that is valid in itself."""
    match action:
        case Action.SUBMIT:
            return services.application_submit(application=application, by=user)
        case Action.MARK_INCOMPLETE:
            return services.application_mark_incomplete(
                application=application, by=user, reason="Trūksta."
            )
        case Action.MARK_COMPLETE:
            return services.application_mark_complete(application=application, by=user)
        case Action.ASSIGN:
            return services.evaluator_assign(
                application=application, evaluator=world.second_evaluator, by=user
            )
        case Action.START_ASSESSMENT:
            return services.assessment_start(application=application, by=user)
        case Action.REQUEST_EVIDENCE:
            return services.evidence_request(application=application, by=user, question="Kodėl?")
        case Action.ANSWER_EVIDENCE:
            request = EvidenceRequest.objects.get(application=application, answered_at=None)
            return services.evidence_answer(request=request, by=user, answer="Todėl.")
        case Action.SUBMIT_ASSESSMENT:
            return services.assessment_submit(application=application, by=user, summary="Gerai.")
        case Action.RETURN_ASSESSMENT:
            return services.assessment_return(application=application, by=user, reason="K2?")
        case Action.APPROVE | Action.APPROVE_WITH_CONDITIONS | Action.REFUSE:
            outcome = {v: k for k, v in services.OUTCOME_ACTIONS.items()}[action]
            return services.decision_take(
                application=application,
                by=user,
                outcome=outcome,
                reasons="Priežastys.",
                conditions="Sąlyga." if outcome == Outcome.APPROVED_WITH_CONDITIONS else "",
            )
        case Action.WITHDRAW:
            return services.application_withdraw(application=application, by=user)
    raise AssertionError(action)


def expected(table, state, action, persona):
    transition = next((t for t in table if t.source == state and t.action == action), None)
    if transition is None or not (set(transition.roles) & PERSONAS[persona]):
        return None
    return transition


def test_every_transition_of_the_table_is_tested_here():
    assert set(APPLICATION_ACTIONS) <= set(Action.values)
    for t in workflow.APPLICATION_TRANSITIONS:
        assert t.source in S.values and t.target in S.values
        assert any(set(t.roles) & roles for roles in PERSONAS.values()), t
    for t in workflow.LICENCE_TRANSITIONS:
        assert t.source in LicenceStatus.values and t.target in LicenceStatus.values


def _check_application_action(world, application, state, action):
    """Every person tries `action` on `application` (in `state`), each inside a savepoint
    rolled back afterwards: the allowed ones move it and write an audit entry, the others
    are refused with a message and change nothing. Returns who was allowed."""
    allowed_for = []
    for persona in PERSONAS:
        user = world.persona(persona)
        transition = expected(workflow.APPLICATION_TRANSITIONS, state, action, persona)
        audits_before = AuditEntry.objects.filter(application=application).count()
        with transaction.atomic():
            if transition is not None:
                perform(world, application, action, user)
                application.refresh_from_db()
                assert application.state == transition.target, (persona, state, action)
                new = AuditEntry.objects.filter(application=application).order_by("pk")
                last = new.last()
                assert (last.action, last.from_state, last.to_state, last.by) == (
                    action,
                    state,
                    transition.target,
                    user,
                ), (persona, state, action)
                assert new.count() > audits_before
                allowed_for.append(persona)
            else:
                with pytest.raises(CertificationError) as refused:
                    perform(world, application, action, user)
                message = str(refused.value)
                assert message and "Error" not in message, (persona, state, action, message)
                application.refresh_from_db()
                assert application.state == state, (persona, state, action)
                assert (
                    AuditEntry.objects.filter(application=application).count() == audits_before
                ), (persona, state, action)
            transaction.set_rollback(True)
        application = Application.objects.get(pk=application.pk)
    return allowed_for


@pytest.mark.parametrize("state", S.values)
def test_application_transition_table(state):
    """One world per state (building it is the slow part), every action tried on it."""
    world = make_world()
    application = application_in(world, state)
    if not EvidenceRequest.objects.filter(application=application, answered_at=None).exists():
        # Something to answer, so that only the state and the person decide.
        EvidenceRequest.objects.create(application=application, question="?", asked_by=None)
    for action in APPLICATION_ACTIONS:
        allowed_for = _check_application_action(world, application, state, action)
        roles = {
            r
            for t in workflow.APPLICATION_TRANSITIONS
            if (t.source, t.action) == (state, action)
            for r in t.roles
        }
        assert bool(allowed_for) == bool(roles), (state, action, allowed_for)


def _licence_in(world, status):
    licence = licensed(world)
    by = world.coordinator
    if status in (LicenceStatus.SUSPENDED, LicenceStatus.WITHDRAWN):
        licence = services.licence_suspend(licence=licence, by=by, reason="Skundas.")
    if status == LicenceStatus.WITHDRAWN:
        licence = services.licence_withdraw(licence=licence, by=by, reason="Pažeidė.")
    return licence


def perform_on_licence(licence, action, user):
    match action:
        case Action.SUSPEND:
            return services.licence_suspend(licence=licence, by=user, reason="Skundas.")
        case Action.REINSTATE:
            return services.licence_reinstate(licence=licence, by=user)
        case Action.WITHDRAW:
            return services.licence_withdraw(licence=licence, by=user, reason="Pažeidimas.")
    raise AssertionError(action)


@pytest.mark.parametrize("status", LicenceStatus.values)
def test_licence_transition_table(status):
    world = make_world()
    licence = _licence_in(world, status)
    for action, persona in ((a, p) for a in LICENCE_ACTIONS for p in PERSONAS):
        user = world.persona(persona)
        transition = expected(workflow.LICENCE_TRANSITIONS, status, action, persona)
        audits_before = AuditEntry.objects.filter(licence=licence).count()
        with transaction.atomic():
            if transition is not None:
                perform_on_licence(licence, action, user)
                licence.refresh_from_db()
                assert licence.status == transition.target
                last = AuditEntry.objects.filter(licence=licence).order_by("pk").last()
                assert (last.action, last.from_state, last.to_state, last.by) == (
                    action,
                    status,
                    transition.target,
                    user,
                )
            else:
                with pytest.raises(CertificationError) as refused:
                    perform_on_licence(licence, action, user)
                assert str(refused.value)
                licence.refresh_from_db()
                assert licence.status == status
                assert AuditEntry.objects.filter(licence=licence).count() == audits_before
            transaction.set_rollback(True)
        licence = Licence.objects.get(pk=licence.pk)


def test_an_unknown_action_is_refused():
    world = make_world()
    application = application_in(world, S.DRAFT)
    with pytest.raises(CertificationError):
        workflow.transition(obj=application, action="fly", by=world.applicant)
