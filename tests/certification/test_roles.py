"""Who may act: independence of evaluators and panels, accreditation, other LAGs (404),
and who sees the private evidence."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from kaimolink.certification import rules, selectors, services
from kaimolink.certification.enums import ApplicationState, Outcome
from kaimolink.certification.models import Assignment, Decision
from kaimolink.certification.workflow import CertificationError
from tests.certification.factories import accredit, application_in, make_world, published_scheme
from tests.factories import UserFactory

S = ApplicationState
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world():
    return make_world()


def assign(world, application, evaluator):
    return services.evaluator_assign(
        application=application, evaluator=evaluator, by=world.coordinator
    )


def test_a_member_of_the_applicant_cannot_be_assigned_even_when_accredited(world):
    application = application_in(world, S.COMPLETE)
    accredit(world.member_coordinator, world.scheme)
    with pytest.raises(CertificationError, match="member of the applicant"):
        assign(world, application, world.member_coordinator)
    application.refresh_from_db()
    assert application.state == S.COMPLETE and not Assignment.objects.exists()


def test_an_evaluator_with_a_declared_conflict_cannot_be_assigned(world):
    application = application_in(world, S.COMPLETE)
    services.conflict_declare(evaluator=world.evaluator, actor=world.actor, note="Giminaitė.")
    with pytest.raises(CertificationError, match="conflict of interest"):
        assign(world, application, world.evaluator)
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    ("days_from", "days_until"),
    [(-400, -1), (1, 300)],
    ids=["expired", "not-yet-valid"],
)
def test_an_evaluator_without_a_valid_accreditation_cannot_be_assigned(
    world, days_from, days_until
):
    application = application_in(world, S.COMPLETE)
    person = UserFactory()
    accredit(person, world.scheme, days_from=days_from, days_until=days_until)
    with pytest.raises(CertificationError, match="no valid evaluator accreditation"):
        assign(world, application, person)
    assert not Assignment.objects.exists()


def test_an_accreditation_for_another_scheme_does_not_count(world):
    application = application_in(world, S.COMPLETE)
    person = UserFactory()
    accredit(person, published_scheme(name="Kita schema", code="KS"))
    with pytest.raises(CertificationError, match="no valid evaluator accreditation"):
        assign(world, application, person)


def test_an_accreditation_valid_today_is_enough(world):
    application = application_in(world, S.COMPLETE)
    person = UserFactory()
    accredit(person, world.scheme, days_from=0, days_until=0)
    assign(world, application, person)
    assert selectors.current_evaluator(application) == person


def test_reassignment_ends_the_first_evaluators_assignment(world):
    application = application_in(world, S.ASSIGNED)
    assign(world, application, world.second_evaluator)
    assert selectors.current_evaluator(application) == world.second_evaluator
    assert Assignment.objects.filter(application=application, ended_at__isnull=False).count() == 1
    with pytest.raises(CertificationError):
        services.assessment_start(application=application, by=world.evaluator)


def test_the_applicants_members_cannot_assess_it(world):
    application = application_in(world, S.UNDER_ASSESSMENT)
    criterion = application.version.criteria.first()
    for person in (world.applicant, world.member_coordinator):
        with pytest.raises(CertificationError, match="assigned evaluator"):
            services.assessment_score(
                application=application, by=person, criterion=criterion, met=True
            )


def test_an_evaluator_who_declares_a_conflict_after_assignment_can_no_longer_assess(world):
    application = application_in(world, S.ASSIGNED)
    services.conflict_declare(evaluator=world.evaluator, actor=world.actor)
    with pytest.raises(CertificationError):
        services.assessment_start(application=application, by=world.evaluator)


def test_a_coordinator_of_another_lag_is_refused_everywhere(world):
    application = application_in(world, S.SUBMITTED)
    with pytest.raises(CertificationError):
        services.application_mark_complete(application=application, by=world.other_coordinator)
    with pytest.raises(Http404):
        selectors.application_for_user(world.other_coordinator, application.pk)


def test_a_panel_member_must_be_an_independent_coordinator_of_the_lag(world):
    application = application_in(world, S.ASSESSED)
    for outsider in (world.other_coordinator, world.member_coordinator, world.evaluator):
        with pytest.raises(CertificationError, match="cannot sit on this panel"):
            services.decision_take(
                application=application,
                by=world.coordinator,
                outcome=Outcome.APPROVED,
                reasons="Gerai.",
                panel=[outsider],
            )
    assert not Decision.objects.exists()
    decision = services.decision_take(
        application=application,
        by=world.coordinator,
        outcome=Outcome.APPROVED,
        reasons="Gerai.",
        panel=[world.second_coordinator],
    )
    assert set(decision.panel.all()) == {world.coordinator, world.second_coordinator}


def test_administrators_do_the_lags_office_work_but_not_the_panels_decision(world):
    application = application_in(world, S.SUBMITTED)
    services.application_mark_complete(application=application, by=world.admin)
    application = application_in(world, S.ASSESSED, actor=_second_actor(world))
    with pytest.raises(CertificationError, match="panel"):
        services.decision_take(
            application=application, by=world.admin, outcome=Outcome.APPROVED, reasons="Gerai."
        )


def _second_actor(world):
    from tests.factories import ActorFactory

    return ActorFactory(lag=world.lag, owners=[world.applicant])


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("applicant", True),
        ("member_coordinator", True),
        ("evaluator", True),
        ("coordinator", True),
        ("second_coordinator", True),
        ("admin", True),
        ("second_evaluator", False),
        ("stranger", False),
        ("other_coordinator", False),
    ],
)
def test_private_evidence_is_seen_only_by_the_applicant_evaluator_panel_and_admins(
    world, persona, sees
):
    application = application_in(world, S.DRAFT)
    evidence = services.evidence_add(
        application=application,
        by=world.applicant,
        file=SimpleUploadedFile("ataskaita.pdf", PDF, content_type="application/pdf"),
    )
    services.application_submit(application=application, by=world.applicant)
    services.application_mark_complete(application=application, by=world.coordinator)
    assign(world, application, world.evaluator)
    user = world.persona(persona)
    assert selectors.can_see_evidence(user, application) is sees
    if sees:
        assert selectors.evidence_for_user(user, evidence.pk) == evidence
        assert selectors.application_for_user(user, application.pk) == application
    else:
        with pytest.raises(Http404):
            selectors.evidence_for_user(user, evidence.pk)
        with pytest.raises(Http404):
            selectors.application_for_user(user, application.pk)


def test_an_anonymous_visitor_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    application = application_in(world, S.SUBMITTED)
    assert not selectors.can_see_evidence(AnonymousUser(), application)
    assert not rules.can_view_application(AnonymousUser(), application)
    with pytest.raises(Http404):
        selectors.application_for_user(AnonymousUser(), application.pk)


def test_a_missing_application_is_404_like_a_forbidden_one(world):
    with pytest.raises(Http404):
        selectors.application_for_user(world.admin, 999_999)


def test_only_the_actors_members_apply(world):
    with pytest.raises(CertificationError, match="members"):
        services.application_create(actor=world.actor, scheme=world.scheme, by=world.stranger)


def test_an_evidence_file_whose_content_is_not_what_its_name_says_is_refused(world):
    application = application_in(world, S.DRAFT)
    fake = SimpleUploadedFile("ataskaita.pdf", b"<html>not a pdf</html>")
    with pytest.raises(CertificationError, match="PDF"):
        services.evidence_add(application=application, by=world.applicant, file=fake)
    assert not application.evidence.exists()


def test_accreditation_is_granted_by_administrators_or_the_test_engine(world):
    today = datetime.date.today()
    kwargs = {
        "person": UserFactory(),
        "scheme": world.scheme,
        "valid_from": today,
        "valid_until": today,
        "basis": "Testas",
    }
    with pytest.raises(CertificationError):
        services.accreditation_grant(**kwargs, by=world.coordinator)
    assert services.accreditation_grant(**kwargs, by=world.admin).granted_by == world.admin
    assert services.accreditation_grant(**kwargs).granted_by is None


def test_the_refusals_are_in_lithuanian_for_lithuanian_pages(world):
    from django.utils import translation

    application = application_in(world, S.COMPLETE)
    with translation.override("lt"), pytest.raises(CertificationError) as refused:
        services.application_mark_complete(application=application, by=world.coordinator)
    assert "„" in str(refused.value) and "negalima" in str(refused.value)
