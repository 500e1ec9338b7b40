"""The whole process through the services: apply → completeness → assessment → decision →
licence; what each step records and whom it tells."""

import datetime

import pytest
from django.utils import timezone

from kaimolink.actors.enums import CertificationStatus
from kaimolink.certification import selectors, services
from kaimolink.certification.enums import Action, ApplicationState, LicenceStatus, Outcome
from kaimolink.certification.models import AuditEntry, Decision, Licence
from kaimolink.notifications.models import Notification
from tests.certification.factories import application_in, make_world, score_all

S = ApplicationState
pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def test_approval_issues_a_numbered_licence_valid_for_the_versions_months(world):
    application = application_in(world, S.APPROVED)
    licence = application.licence
    today = timezone.localdate()
    assert licence.number == f"BV-{today.year}-0001"
    assert licence.valid_from == today
    assert licence.valid_until == services.add_months(today, 24) - datetime.timedelta(days=1)
    assert licence.status == LicenceStatus.ACTIVE and licence.version == application.version
    assert len(licence.short_code) == 8
    world.actor.refresh_from_db()
    assert world.actor.certification_status == CertificationStatus.CERTIFIED


def test_every_step_is_in_the_audit_trail_in_order(world):
    application = application_in(world, S.APPROVED)
    steps = [(e.action, e.from_state, e.to_state) for e in selectors.audit_entries(application)]
    assert steps[0] == (Action.CREATE, "", S.DRAFT)
    assert (Action.SUBMIT, S.DRAFT, S.SUBMITTED) in steps
    assert (Action.ASSIGN, S.COMPLETE, S.ASSIGNED) in steps
    assert (Action.START_ASSESSMENT, S.ASSIGNED, S.UNDER_ASSESSMENT) in steps
    assert sum(1 for s in steps if s[0] == Action.SCORE) == 3
    assert steps[-1] == (Action.APPROVE, S.ASSESSED, S.APPROVED)
    issue = AuditEntry.objects.get(licence=application.licence)
    assert issue.action == Action.ISSUE and issue.by == world.coordinator


def test_refusal_closes_without_a_licence_and_tells_the_applicant(world):
    application = application_in(world, S.REFUSED)
    assert application.state == S.REFUSED
    assert not Licence.objects.exists()
    assert Decision.objects.get(application=application).outcome == Outcome.REFUSED
    assert Notification.objects.filter(recipient=world.applicant, kind="certification").exists()
    world.actor.refresh_from_db()
    assert world.actor.certification_status == CertificationStatus.NONE


def test_conditions_are_copied_to_the_licence(world):
    licence = application_in(world, S.APPROVED_WITH_CONDITIONS).licence
    assert licence.conditions == "Per metus įdiegti apskaitą."


def test_submission_tells_the_lags_coordinators_not_others(world):
    application_in(world, S.SUBMITTED)
    letters = Notification.objects.filter(kind="certification")
    told = set(letters.values_list("recipient", flat=True))
    assert world.coordinator.pk in told and world.second_coordinator.pk in told
    assert world.other_coordinator.pk not in told and world.applicant.pk not in told


def test_assessment_records_the_recommendation_not_a_decision(world):
    application = application_in(world, S.ASSIGNED)
    score_all(application, world.evaluator, passing=False)
    application = services.assessment_submit(
        application=application, by=world.evaluator, summary="Neatitinka K1."
    )
    assert application.state == S.ASSESSED and application.recommended is False
    assert not Decision.objects.exists()
    # The panel may still approve: the recommendation does not bind it.
    services.decision_take(
        application=application, by=world.coordinator, outcome=Outcome.APPROVED, reasons="Ok."
    )
    assert Licence.objects.count() == 1
