"""The demo certification (demo/certification.py): the scheme, the staff's accreditation
tests, and community businesses in every state of the process, all through the services."""

import pytest
from django.utils import timezone

from kaimolink.accounts.models import User
from kaimolink.actors.models import Actor
from kaimolink.certification import selectors
from kaimolink.certification.enums import AccreditationRole, ApplicationState, Standing
from kaimolink.certification.models import (
    Accreditation,
    Application,
    AuditEntry,
    Decision,
    Licence,
    Scheme,
)
from kaimolink.demo.certification import BUSINESSES, SCHEME_SLUG, seed_demo_certification
from kaimolink.demo.seed_facts import actor_slug, demo_user_email
from kaimolink.quizzes.models import Attempt, Question

pytestmark = pytest.mark.django_db

STAFF = {
    "coordinator.kedainiai": AccreditationRole.LAG_STAFF,
    "coordinator.dzukija": AccreditationRole.LAG_STAFF,
    "coordinator.radviliskis": AccreditationRole.LAG_STAFF,
    "evaluator": AccreditationRole.EVALUATOR,
}


@pytest.fixture
def seeded(demo_seeded_once, db):
    """The demo (tests/demo/conftest.py seeds it once for the package)."""


def _application(outcome: str) -> Application:
    name = next(name for name, _l, _n, state, *_rest in BUSINESSES if state == outcome)
    return Application.objects.select_related("actor").get(actor__slug=actor_slug(name))


def _licence(outcome: str) -> Licence:
    return Licence.objects.get(application=_application(outcome))


def test_the_scheme_has_a_published_version_with_lithuanian_criteria(seeded):
    scheme = Scheme.objects.get(slug=SCHEME_SLUG)
    version = selectors.current_version(scheme)
    assert version.number == 1 and version.is_published
    criteria = list(selectors.criteria_of(version))
    assert [c.code for c in criteria] == ["K1", "K2", "K3", "K4", "K5"]
    assert {c.scoring for c in criteria} == {"met", "points"}
    assert {c.mandatory for c in criteria} == {True, False}
    assert all(c.evidence and c.requirement for c in criteria)
    assert "## 1. Kam skirtas ženklas" in version.rules


def test_every_state_of_the_process_is_present(seeded):
    assert _application("submitted").state == ApplicationState.SUBMITTED
    assert _application("assigned").state == ApplicationState.ASSIGNED
    assert _application("refused").state == ApplicationState.REFUSED
    assert "K2" in Decision.objects.get(application=_application("refused")).reasons
    conditional = _licence("approved_conditions")
    assert conditional.conditions and conditional.standing() == Standing.VALID
    assert _licence("approved").standing() == Standing.VALID
    assert _licence("expired").standing() == Standing.EXPIRED
    assert _licence("expired").expiry_recorded_at is not None  # licences_expire recorded it
    withdrawn = _licence("withdrawn")
    assert withdrawn.standing() == Standing.WITHDRAWN and withdrawn.status_reason
    # Dates relative to today, written as the process would have on its days.
    today = timezone.localdate()
    assert _licence("expired").valid_until < today
    assert _licence("approved").valid_from < today
    assert not Licence.objects.filter(application__state=ApplicationState.REFUSED).exists()


def test_every_step_went_through_the_services(seeded):
    for *_rest, outcome, _start, _numbers in BUSINESSES:
        application = _application(outcome)
        actions = list(
            AuditEntry.objects.filter(application=application)
            .order_by("at", "pk")
            .values_list("action", flat=True)
        )
        assert actions[:2] == ["create", "submit"], outcome
        if outcome not in ("submitted", "assigned"):
            assert {"mark_complete", "assign", "score", "submit_assessment"} <= set(actions)


def test_certified_actors_are_exactly_the_holders_of_a_licence_in_force(seeded):
    holders = set(
        selectors.licences_valid_on(timezone.localdate()).values_list("actor_id", flat=True)
    )
    certified = set(
        Actor.objects.filter(certification_status="certified").values_list("pk", flat=True)
    )
    assert (
        certified
        == holders
        == {
            _application("approved").actor_id,
            _application("approved_conditions").actor_id,
        }
    )


def test_the_four_staff_passed_their_test_and_are_accredited(seeded):
    scheme = Scheme.objects.get(slug=SCHEME_SLUG)
    for local, role in STAFF.items():
        person = User.objects.get(email=demo_user_email(local))
        accreditation = selectors.accreditation_valid(person=person, scheme=scheme, role=role)
        assert accreditation is not None, local
        assert accreditation.attempt.passed and accreditation.attempt.state == "submitted"
        assert accreditation.attempt.quiz.accreditation_for.role == role
    assert Accreditation.objects.count() == len(STAFF)  # granted only by passing
    assert Question.objects.filter(topic__bank__quizzes__slug__startswith=SCHEME_SLUG).exists()


def test_registry_and_verification_say_the_right_thing(seeded, client):
    html = client.get("/en/certification/registry/").content.decode()
    expected = {
        "approved": "This mark is genuine and valid.",
        "approved_conditions": "This mark is genuine and valid.",
        "expired": "Expired: it was valid until",
        "withdrawn": "Withdrawn on",
    }
    for outcome, says in expected.items():
        licence = _licence(outcome)
        assert licence.number in html
        page = client.get(f"/en/verify/{licence.number}/")
        assert page.status_code == 200
        text = page.content.decode()
        assert says in text and "Verify a mark licence" in text, outcome
        if outcome in ("expired", "withdrawn"):
            assert "This licence is not valid: the mark may not be used." in text
    lt = client.get(f"/lt/verify/{_licence('approved').number}/").content.decode()
    assert "Ženklo licencijos patikra" in lt


def test_an_accreditation_code_verifies(seeded, client):
    accreditation = Accreditation.objects.get(person__email=demo_user_email("evaluator"))
    text = client.get(f"/en/verify/{accreditation.printed_code}/").content.decode()
    assert "This accreditation is genuine and valid." in text
    assert "Verify an accreditation" in text and accreditation.person.full_name in text
    lt = client.get(f"/lt/verify/{accreditation.short_code.lower()}/").content.decode()
    assert "Akreditacijos patikra" in lt


def test_a_second_run_creates_nothing(seeded):
    models = (Scheme, Application, Decision, Licence, Accreditation, Attempt, AuditEntry, Question)
    before = {model: model.objects.count() for model in models}
    lines = []

    seed_demo_certification(log=lines.append)

    assert {model: model.objects.count() for model in models} == before
    assert lines[-1].endswith("Written: nothing new."), lines
