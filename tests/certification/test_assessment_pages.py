"""The evaluator's pages: my assessments, the conflict question before the evidence, the
start, scores, requests for evidence (answered on the applicant's page), site visits and
the summary; who may act (404 / 403, nothing changed); the mark on the actor's profile."""

import datetime

import pytest
from django.utils import timezone

from kaimolink.certification import services
from kaimolink.certification.enums import ApplicationState
from kaimolink.certification.models import (
    Application,
    AuditEntry,
    ConflictDeclaration,
    CriterionScore,
    EvidenceRequest,
    SiteVisit,
)
from tests.certification.factories import application_in, licensed, make_world
from tests.helpers.queries import count_queries

S = ApplicationState
pytestmark = pytest.mark.django_db
BASE = "/lt/certification/assessments/"


@pytest.fixture
def world():
    return make_world()


def _state(application):
    return Application.objects.get(pk=application.pk).state


def test_the_gate_asks_about_conflicts_before_showing_evidence(client, world):
    application = application_in(world, S.ASSIGNED)
    client.force_login(world.evaluator)
    listing = client.get(BASE).content.decode()
    assert f"{BASE}{application.pk}/" in listing
    page = client.get(f"{BASE}{application.pk}/").content.decode()
    assert "/conflict/" in page and "Atsakymas K1" not in page
    assert client.post(f"{BASE}{application.pk}/start/").status_code == 302
    assert _state(application) == S.UNDER_ASSESSMENT
    assert "Atsakymas K1" in client.get(f"{BASE}{application.pk}/").content.decode()


def test_a_declared_conflict_stops_the_evaluator(client, world):
    application = application_in(world, S.ASSIGNED)
    client.force_login(world.evaluator)
    response = client.post(f"{BASE}{application.pk}/conflict/", {"note": "Giminaitė"})
    assert response.status_code == 302
    assert ConflictDeclaration.objects.filter(evaluator=world.evaluator).exists()
    audits = AuditEntry.objects.count()
    assert client.get(f"{BASE}{application.pk}/").status_code == 403
    assert client.post(f"{BASE}{application.pk}/start/").status_code == 403
    assert _state(application) == S.ASSIGNED and AuditEntry.objects.count() == audits
    # The coordinator sees why and assigns another.
    client.force_login(world.coordinator)
    page = client.get(f"/lt/desk/certification/{application.pk}/").content.decode()
    assert 'class="cert-warning"' in page
    assert f'value="{world.evaluator.pk}"' not in page


def test_a_lost_accreditation_stops_the_evaluator(client, world):
    application = application_in(world, S.UNDER_ASSESSMENT)
    world.evaluator.certification_accreditations.update(withdrawn_at=timezone.now())
    client.force_login(world.evaluator)
    criterion = application.version.criteria.get(code="K1")
    response = client.post(
        f"{BASE}{application.pk}/score/{criterion.pk}/", {f"c{criterion.pk}-met": "no"}
    )
    assert response.status_code == 403
    assert CriterionScore.objects.get(criterion=criterion).met is True
    with pytest.raises(services.CertificationError):
        services.assessment_submit(application=application, by=world.evaluator, summary="x")


def test_others_find_no_assessment(client, world):
    application = application_in(world, S.UNDER_ASSESSMENT)
    for person in (world.second_evaluator, world.coordinator, world.applicant, world.stranger):
        client.force_login(person)
        assert client.get(f"{BASE}{application.pk}/").status_code == 404
        assert client.post(f"{BASE}{application.pk}/submit/", {"summary": "x"}).status_code == 404
    assert _state(application) == S.UNDER_ASSESSMENT


def test_applicants_own_members_cannot_be_assigned_or_assess(client, world):
    application = application_in(world, S.COMPLETE)
    from tests.certification.factories import accredit

    accredit(world.applicant, world.scheme)
    with pytest.raises(services.CertificationError):
        services.evaluator_assign(
            application=application, evaluator=world.applicant, by=world.coordinator
        )
    client.force_login(world.applicant)
    assert client.get(f"{BASE}{application.pk}/").status_code == 404


def test_scores_validation_request_visit_and_submit(client, world):
    application = application_in(world, S.ASSIGNED)
    client.force_login(world.evaluator)
    url = f"{BASE}{application.pk}/"
    client.post(url + "start/")
    k1, k2, k3 = application.version.criteria.order_by("order")
    for data in ({f"c{k2.pk}-points": "11"}, {f"c{k2.pk}-points": "daug"}, {}):
        assert client.post(f"{url}score/{k2.pk}/", data).status_code == 400
    assert client.post(f"{url}score/{k1.pk}/", {f"c{k1.pk}-met": "maybe"}).status_code == 400
    assert not CriterionScore.objects.exists()
    # Sending before every criterion is scored is refused.
    assert client.post(url + "submit/", {"summary": "Atitinka"}).status_code == 400
    for criterion, data in ((k1, {"met": "yes"}), (k2, {"points": "7"}), (k3, {"met": "no"})):
        data = {f"c{criterion.pk}-{k}": v for k, v in data.items()}
        assert client.post(f"{url}score/{criterion.pk}/", data).status_code == 302
    assert CriterionScore.objects.get(criterion=k2).points == 7
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert (
        client.post(url + "visit/", {"visited_on": tomorrow, "notes": "Aplankyta"}).status_code
        == 400
    )
    assert client.post(url + "visit/", {"visited_on": "vakar", "notes": "x"}).status_code == 400
    today = timezone.localdate().isoformat()
    assert (
        client.post(url + "visit/", {"visited_on": today, "notes": "Aplankyta"}).status_code == 302
    )
    assert SiteVisit.objects.count() == 1
    assert client.post(url + "request/", {"question": ""}).status_code == 400
    response = client.post(url + "request/", {"criterion": k1.pk, "question": "Sutartis?"})
    assert response.status_code == 302 and _state(application) == S.EVIDENCE_REQUESTED

    # The applicant answers on their application page.
    asked = EvidenceRequest.objects.get()
    client.force_login(world.applicant)
    own = f"/lt/certification/applications/{application.pk}/"
    assert "Sutartis?" in client.get(own).content.decode()
    answer_url = f"{own}requests/{asked.pk}/answer/"
    assert client.post(answer_url, {f"r{asked.pk}-answer": ""}).status_code == 400
    client.force_login(world.stranger)
    assert client.post(answer_url, {f"r{asked.pk}-answer": "Štai"}).status_code == 404
    client.force_login(world.applicant)
    assert client.post(answer_url, {f"r{asked.pk}-answer": "Štai"}).status_code == 302
    assert _state(application) == S.UNDER_ASSESSMENT

    client.force_login(world.evaluator)
    assert client.post(url + "submit/", {"summary": ""}).status_code == 400
    assert client.post(url + "submit/", {"summary": "Atitinka"}).status_code == 302
    assert _state(application) == S.ASSESSED


def test_my_assessments_queries_do_not_grow(client, world):
    from tests.factories import ActorFactory

    application_in(world, S.ASSIGNED)
    client.force_login(world.evaluator)
    one = count_queries(client, BASE)
    for n in range(3):
        actor = ActorFactory(lag=world.lag, owners=[world.applicant], name=f"Ūkis {n}")
        application_in(world, S.UNDER_ASSESSMENT, actor=actor)
    assert count_queries(client, BASE) == one


def test_the_mark_on_the_profile_while_the_licence_is_in_force(client, world):
    licence = licensed(world)
    profile = f"/lt/actors/{world.actor.slug}/"
    mark = f"/lt/certification/holders/{world.actor.slug}/mark.svg"
    page = client.get(profile).content.decode()
    assert mark in page
    svg = client.get(mark)
    assert svg["Content-Type"] == "image/svg+xml" and licence.number in svg.content.decode()
    entry = client.get(f"/lt/certification/holders/{world.actor.slug}/")
    assert entry["Location"] == f"/lt/certification/registry/{licence.number}/"
    services.licence_withdraw(licence=licence, by=world.coordinator, reason="Pažeidimai")
    assert mark not in client.get(profile).content.decode()
    assert client.get(mark).status_code == 404
