"""The LAG's certification pages on the desk: the list by state, the application with the
steps allowed now (completeness, the evaluator, the decision, the licence), who may see
them (404 for others), bad input (400, nothing changed) and constant queries."""

import pytest

from kaimolink.certification import services
from kaimolink.certification.enums import ApplicationState, LicenceStatus
from kaimolink.certification.models import Application, AuditEntry, Decision, Licence
from tests.certification.factories import accredit, application_in, licensed, make_world
from tests.factories import ActorFactory, UserFactory
from tests.helpers.queries import count_queries

S = ApplicationState
pytestmark = pytest.mark.django_db
DESK = "/lt/desk/certification/"


@pytest.fixture
def world():
    return make_world()


def _state(application):
    return Application.objects.get(pk=application.pk).state


def test_the_list_counts_each_state_and_filters(client, world):
    application_in(world, S.SUBMITTED)
    application_in(world, S.ASSESSED, actor=ActorFactory(lag=world.lag, owners=[world.applicant]))
    application_in(world, S.DRAFT, actor=ActorFactory(lag=world.lag, owners=[world.applicant]))
    client.force_login(world.coordinator)
    page = client.get(DESK).content.decode()
    assert "Kaimo kepykla" in page
    assert page.count('class="cert-count">1<') == 2  # submitted, assessed; drafts not counted
    filtered = client.get(DESK + "?state=assessed").content.decode()
    assert "Kaimo kepykla" not in filtered and 'class="cert-count">2<' in filtered
    assert client.get(DESK + "?state=nonsense").status_code == 400
    assert client.get(DESK + "?lag=kita-vvg").status_code == 400  # not one of theirs


def test_the_list_is_for_coordinators_and_administrators_only(client, world):
    application_in(world, S.SUBMITTED)
    for person in (world.applicant, world.evaluator, world.stranger):
        client.force_login(person)
        assert client.get(DESK).status_code == 404
    client.force_login(world.other_coordinator)
    assert "Kaimo kepykla" not in client.get(DESK).content.decode()
    client.force_login(world.admin)
    assert "Kaimo kepykla" in client.get(DESK).content.decode()


def test_list_queries_do_not_grow(client, world):
    application_in(world, S.SUBMITTED)
    client.force_login(world.coordinator)
    one = count_queries(client, DESK)
    for n in range(4):
        actor = ActorFactory(lag=world.lag, owners=[world.applicant], name=f"Ūkis {n}")
        application_in(world, S.APPROVED if n % 2 else S.COMPLETE, actor=actor)
    assert count_queries(client, DESK) == one


def test_application_page_queries_do_not_grow_with_evaluators(client, world):
    application = application_in(world, S.COMPLETE)
    client.force_login(world.coordinator)
    url = f"{DESK}{application.pk}/"
    one = count_queries(client, url)
    for _n in range(3):
        accredit(UserFactory(), world.scheme)
    assert count_queries(client, url) == one


def test_completeness_incomplete_needs_a_reason_then_complete(client, world):
    application = application_in(world, S.SUBMITTED)
    client.force_login(world.coordinator)
    page = client.get(f"{DESK}{application.pk}/").content.decode()
    assert "Atsakymas K1" in page and 'id="audit-title"' in page
    audits = AuditEntry.objects.count()
    response = client.post(f"{DESK}{application.pk}/incomplete/", {"reason": "  "})
    assert response.status_code == 400 and _state(application) == S.SUBMITTED
    assert AuditEntry.objects.count() == audits
    assert client.post(f"{DESK}{application.pk}/complete/").status_code == 302
    assert _state(application) == S.COMPLETE
    # Not allowed any more in this state: refused with the table's message, nothing changed.
    response = client.post(f"{DESK}{application.pk}/incomplete/", {"reason": "Trūksta"})
    assert response.status_code == 400 and _state(application) == S.COMPLETE


def test_assign_offers_only_independent_accredited_evaluators(client, world):
    application = application_in(world, S.COMPLETE)
    services.conflict_declare(evaluator=world.second_evaluator, actor=world.actor)
    accredit(world.applicant, world.scheme)  # accredited, but a member of the applicant
    unaccredited = UserFactory(full_name="Neakredituotas")
    client.force_login(world.coordinator)
    url = f"{DESK}{application.pk}/"
    page = client.get(url).content.decode()
    assert f'value="{world.evaluator.pk}"' in page
    assert f'value="{world.second_evaluator.pk}"' not in page
    assert f'value="{world.applicant.pk}"' not in page
    refused = page.split('class="cert-refused"')[1].split("</ul>")[0]  # explained
    assert str(world.second_evaluator) in refused and str(world.applicant) in refused
    for person in (world.second_evaluator, world.applicant, unaccredited):
        response = client.post(url + "assign/", {"evaluator": person.pk})
        assert response.status_code == 400
        assert _state(application) == S.COMPLETE
    assert client.post(url + "assign/", {"evaluator": "x"}).status_code == 400
    assert client.post(url + "assign/", {"evaluator": world.evaluator.pk}).status_code == 302
    assert _state(application) == S.ASSIGNED
    # The evaluator's letter leads to their page of the application.
    from kaimolink.notifications.models import Notification

    letter = Notification.objects.filter(recipient=world.evaluator).latest("pk")
    assert letter.url == f"/lt/certification/assessments/{application.pk}/"


def test_decision_validation_and_approval(client, world):
    application = application_in(world, S.ASSESSED)
    client.force_login(world.coordinator)
    url = f"{DESK}{application.pk}/decide/"
    bad = [
        {"outcome": "approved", "reasons": ""},
        {"outcome": "approved_conditions", "reasons": "Gerai", "conditions": ""},
        {"outcome": "approved", "reasons": "Gerai", "conditions": "Sąlyga"},
        {"outcome": "maybe", "reasons": "Gerai"},
    ]
    for data in bad:
        assert client.post(url, data).status_code == 400, data
    assert not Decision.objects.exists() and _state(application) == S.ASSESSED
    assert client.post(url, {"outcome": "approved", "reasons": "Atitinka"}).status_code == 302
    licence = Licence.objects.get(application=application)
    page = client.get(f"{DESK}{application.pk}/").content.decode()
    assert licence.number in page


def test_a_member_coordinator_sees_no_actions(client, world):
    application = application_in(world, S.SUBMITTED)
    client.force_login(world.member_coordinator)
    page = client.get(f"{DESK}{application.pk}/").content.decode()
    assert "/complete/" not in page
    assert client.post(f"{DESK}{application.pk}/complete/").status_code == 400
    assert _state(application) == S.SUBMITTED


def test_suspend_reinstate_and_withdraw_through_the_confirm_page(client, world):
    licence = licensed(world)
    client.force_login(world.coordinator)
    base = f"{DESK}licences/{licence.pk}/"
    assert client.post(base + "suspend/", {"reason": ""}).status_code == 400
    assert Licence.objects.get(pk=licence.pk).status == LicenceStatus.ACTIVE
    assert client.post(base + "suspend/", {"reason": "Skundas"}).status_code == 302
    assert Licence.objects.get(pk=licence.pk).status == LicenceStatus.SUSPENDED
    assert client.post(base + "reinstate/", {"reason": ""}).status_code == 302
    assert Licence.objects.get(pk=licence.pk).status == LicenceStatus.ACTIVE
    confirm = client.get(base + "withdraw/")
    assert confirm.status_code == 200 and licence.number in confirm.content.decode()
    # Without the confirm page's mark, or without a reason: asked again, nothing changed.
    assert client.post(base + "withdraw/", {"reason": "Pažeidimai"}).status_code == 200
    assert client.post(base + "withdraw/", {"confirmed": "1", "reason": ""}).status_code == 400
    assert Licence.objects.get(pk=licence.pk).status == LicenceStatus.ACTIVE
    response = client.post(base + "withdraw/", {"confirmed": "1", "reason": "Pažeidimai"})
    assert response.status_code == 302
    assert Licence.objects.get(pk=licence.pk).status == LicenceStatus.WITHDRAWN
    assert client.get(base + "withdraw/").status_code == 404  # nothing left to withdraw


def test_private_evidence_is_404_for_others(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = application_in(world, S.DRAFT)
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    evidence = services.evidence_add(
        application=application,
        by=world.applicant,
        file=SimpleUploadedFile("ataskaita.pdf", pdf, content_type="application/pdf"),
    )
    services.application_submit(application=application, by=world.applicant)
    url = f"/lt/certification/evidence/{evidence.pk}/"
    for person in (world.coordinator, world.applicant, world.admin):
        client.force_login(person)
        assert client.get(url).status_code == 200
    for person in (world.other_coordinator, world.stranger, world.second_evaluator):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(world.coordinator)
    assert url in client.get(f"{DESK}{application.pk}/").content.decode()


def test_the_desk_home_shows_what_waits(client, world):
    application_in(world, S.SUBMITTED)
    client.force_login(world.coordinator)
    page = client.get("/lt/desk/").content.decode()
    assert f"{DESK}?state=submitted" in page
    client.force_login(world.other_coordinator)
    assert f"{DESK}?state=submitted" not in client.get("/lt/desk/").content.decode()


def test_an_administrator_withdraws_an_accreditation(client, world):
    from kaimolink.certification.models import Accreditation

    accreditation = Accreditation.objects.get(person=world.evaluator)
    url = f"/lt/certification/accreditations/{accreditation.pk}/withdraw/"
    for person in (world.coordinator, world.evaluator, world.stranger):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"confirmed": "1", "reason": "x"}).status_code == 404
    client.force_login(world.admin)
    assert url in client.get("/lt/certification/accreditations/").content.decode()
    assert client.post(url, {"confirmed": "1", "reason": ""}).status_code == 400
    assert Accreditation.objects.get(pk=accreditation.pk).withdrawn_at is None
    assert client.post(url, {"confirmed": "1", "reason": "Pažeidė etiką"}).status_code == 302
    assert Accreditation.objects.get(pk=accreditation.pk).withdrawn_at is not None
    assert client.get(url).status_code == 404
