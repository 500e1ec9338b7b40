"""The wiring of certification to quizzes (accreditation tests), credentials (licences and
accreditations as Open Badges) and the holders' pages."""

import datetime
import io
import random

import pytest
from django.test import TestCase
from django.utils import timezone
from pypdf import PdfReader

from kaimolink.actors.enums import MemberRole
from kaimolink.actors.models import ActorMembership
from kaimolink.certification import accreditation as accreditations
from kaimolink.certification import services
from kaimolink.certification.credentials_link import licence_credential
from kaimolink.certification.enums import AccreditationRole, ApplicationState
from kaimolink.certification.models import Accreditation, AccreditationQuiz, Licence
from kaimolink.certification.selectors import accreditation_valid, current_version
from kaimolink.credentials import statuslist
from kaimolink.credentials.baking import unbake_png, unbake_svg
from kaimolink.credentials.models import Credential
from kaimolink.quizzes import eligibility
from kaimolink.quizzes import services as quiz_services
from tests.certification.factories import accredit, application_in, make_world
from tests.credentials.conftest import verify
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries
from tests.quizzes.factories import answers_for, make_bank, make_quiz

pytestmark = pytest.mark.django_db


# --- Accreditation tests -----------------------------------------------------------------


def accreditation_quiz(scheme, role=AccreditationRole.EVALUATOR, slug="vertintoju-testas"):
    bank, topics = make_bank({"Taisyklės": 4}, title=f"Bankas {slug}")
    quiz = make_quiz(bank, {topics["Taisyklės"]: 3}, slug=slug)
    AccreditationQuiz.objects.create(version=current_version(scheme), role=role, quiz=quiz)
    return quiz


def take(quiz, person, *, right=True):
    attempt = quiz_services.attempt_start(quiz=quiz, person=person, rng=random.Random(1))
    return quiz_services.attempt_submit(
        attempt=attempt, person=person, answers=answers_for(attempt, right=right)
    )


def test_passing_the_test_accredits_for_three_years_with_the_attempt_as_basis():
    world = make_world()
    evaluator = UserFactory(is_evaluator=True, full_name="Rūta Vertintoja")
    quiz = accreditation_quiz(world.scheme)
    attempt = take(quiz, evaluator)
    assert attempt.passed
    accreditation = Accreditation.objects.get(person=evaluator)
    assert accreditation.attempt == attempt
    assert accreditation.scheme == world.scheme
    assert accreditation.role == AccreditationRole.EVALUATOR
    today = timezone.localdate()
    assert accreditation.valid_from == today
    assert accreditation.valid_until.year == today.year + 3
    assert accreditation.valid_until < today.replace(year=today.year + 3) + datetime.timedelta(1)
    assert quiz.title in accreditation.basis
    credential = Credential.objects.get(source=f"certification.accreditation:{accreditation.pk}")
    assert credential.person == evaluator
    assert not credential.is_revoked


def test_failing_the_test_accredits_nobody():
    world = make_world()
    evaluator = UserFactory(is_evaluator=True)
    attempt = take(accreditation_quiz(world.scheme), evaluator, right=False)
    assert attempt.passed is False
    assert not Accreditation.objects.filter(person=evaluator).exists()


def test_a_quiz_certification_does_not_own_accredits_nobody_and_is_open_to_all():
    bank, topics = make_bank({"Bendra": 3})
    quiz = make_quiz(bank, {topics["Bendra"]: 3}, slug="kitas")
    person = UserFactory()
    assert accreditations.eligible(quiz, person) is True
    assert take(quiz, person).passed
    assert not Accreditation.objects.filter(person=person).exists()


def test_only_evaluators_take_the_evaluators_test_and_only_coordinators_the_staffs():
    world = make_world()
    evaluators = accreditation_quiz(world.scheme)
    staff = accreditation_quiz(world.scheme, AccreditationRole.LAG_STAFF, slug="vvg-testas")
    evaluator = UserFactory(is_evaluator=True)
    coordinator = make_coordinator(LagFactory())
    plain = UserFactory()
    assert eligibility.refusal(evaluators, evaluator) is None
    assert "evaluators" in eligibility.refusal(evaluators, plain)
    assert "evaluators" in eligibility.refusal(evaluators, coordinator)
    assert eligibility.refusal(staff, coordinator) is None
    assert "coordinators" in eligibility.refusal(staff, evaluator)
    with pytest.raises(quiz_services.QuizError):
        quiz_services.attempt_start(quiz=evaluators, person=plain)
    assert take(staff, coordinator).passed
    assert Accreditation.objects.get(person=coordinator).role == AccreditationRole.LAG_STAFF


def test_a_withdrawn_accreditation_ends_and_its_credential_is_revoked():
    world = make_world()
    person = UserFactory(is_evaluator=True)
    accreditation = accredit(person, world.scheme)  # granted directly: its credential now
    accreditations.accreditation_credential_issue(accreditation)
    with pytest.raises(services.CertificationError):
        accreditations.accreditation_withdraw(
            accreditation=accreditation, by=world.coordinator, reason="Pažeidimas."
        )
    accreditations.accreditation_withdraw(
        accreditation=accreditation, by=world.admin, reason="Pažeidimas."
    )
    accreditation.refresh_from_db()
    assert not accreditation.is_valid_on(timezone.localdate())
    assert Credential.objects.get(source=accreditation.credential_source).is_revoked
    assert accreditation_valid(person=person, scheme=world.scheme) is None


# --- The certificate of accreditation and "My accreditations" -----------------------------


def test_the_certificate_names_the_person_scheme_and_validity(client):
    world = make_world()
    evaluator = UserFactory(is_evaluator=True, full_name="Žydrūnė Šėtaitė")
    take(accreditation_quiz(world.scheme), evaluator)
    accreditation = Accreditation.objects.get(person=evaluator)
    client.force_login(evaluator)
    page = client.get("/lt/certification/accreditations/mine/")
    assert page.status_code == 200
    assert accreditation.printed_code in page.content.decode()
    response = client.get(f"/lt/certification/accreditations/{accreditation.pk}/certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Žydrūnė Šėtaitė" in text
    assert world.scheme.name in text
    assert f"{accreditation.valid_until:%Y-%m-%d}" in text
    assert accreditation.printed_code in text


def test_another_persons_certificate_is_404(client):
    world = make_world()
    accreditation = accredit(world.evaluator, world.scheme)
    client.force_login(world.second_evaluator)
    url = f"/lt/certification/accreditations/{accreditation.pk}/certificate.pdf"
    assert client.get(url).status_code == 404
    assert client.get("/lt/certification/accreditations/999999/certificate.pdf").status_code == 404


# --- Licences as credentials -------------------------------------------------------------


def issued_licence(world) -> Licence:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return application_in(world, ApplicationState.APPROVED).licence


def _status_bit(client, token: str) -> bool:
    entry = verify(client, token)["credentialStatus"]
    list_path = "/" + entry["statusListCredential"].split("/", 3)[3]
    status = verify(client, client.get(list_path).content.decode())
    bits = statuslist.decode(status["credentialSubject"]["encodedList"])
    return statuslist.is_set(bits, int(entry["statusListIndex"]))


def test_a_licence_credential_verifies_and_is_revoked_after_withdrawal(client):
    world = make_world()
    licence = issued_licence(world)
    credential = licence_credential(licence)
    assert credential is not None
    assert credential.source == f"certification.licence:{licence.pk}"
    token = client.get(f"/lt/credentials/{credential.uuid}.jwt").content.decode()
    claims = verify(client, token)
    subject = claims["credentialSubject"]
    assert licence.number in subject["achievement"]["description"]
    assert subject["achievement"]["achievementType"] == "License"
    assert claims["exp"] == int(
        timezone.make_aware(
            datetime.datetime.combine(licence.valid_until + datetime.timedelta(1), datetime.time())
        ).timestamp()
    )
    assert not _status_bit(client, token)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.licence_withdraw(licence=licence, by=world.coordinator, reason="Pažeidimas.")
    assert _status_bit(client, token)
    assert licence_credential(licence) is None


def test_suspension_revokes_and_reinstatement_issues_a_new_credential(client):
    world = make_world()
    licence = issued_licence(world)
    first = licence_credential(licence)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.licence_suspend(licence=licence, by=world.coordinator, reason="Patikra.")
    first.refresh_from_db()
    assert first.is_revoked
    assert licence_credential(licence) is None
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.licence_reinstate(licence=Licence.objects.get(pk=licence.pk), by=world.coordinator)
    second = licence_credential(licence)
    assert second is not None and second.pk != first.pk
    assert second.source == f"certification.licence:{licence.pk}:2"
    first.refresh_from_db()
    assert first.is_revoked  # a revoked bit is never unset


# --- The holder's mark download ----------------------------------------------------------


def test_the_holders_page_offers_the_mark_and_the_credential(client):
    world = make_world()
    licence = issued_licence(world)
    client.force_login(world.applicant)
    page = client.get(f"/lt/certification/licences/{licence.pk}/mark/")
    assert page.status_code == 200
    body = page.content.decode()
    assert licence.number in body
    assert f"/lt/credentials/{licence_credential(licence).uuid}.jwt" in body
    svg = client.get(f"/lt/certification/licences/{licence.pk}/mark/mono.svg")
    assert svg.status_code == 200
    assert licence.number in svg.content.decode()
    assert "attachment" in svg["Content-Disposition"]
    png = client.get(f"/lt/certification/licences/{licence.pk}/mark/colour.png?size=256")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")


def test_the_baked_mark_carries_a_verifiable_credential(client):
    world = make_world()
    licence = issued_licence(world)
    client.force_login(world.applicant)
    base = f"/lt/certification/licences/{licence.pk}/mark/"
    png = client.get(base + "colour-credential.png")
    assert png.status_code == 200
    claims = verify(client, unbake_png(png.content))
    assert claims["jti"] == licence_credential(licence).urn
    svg = client.get(base + "mono-white-credential.svg")
    assert svg.status_code == 200
    assert licence.number in svg.content.decode()
    assert verify(client, unbake_svg(svg.content.decode()))["jti"] == claims["jti"]


def test_the_mark_download_is_404_for_non_members(client):
    world = make_world()
    licence = issued_licence(world)
    for person in (world.stranger, world.coordinator, world.evaluator):
        client.force_login(person)
        assert client.get(f"/lt/certification/licences/{licence.pk}/mark/").status_code == 404
        url = f"/lt/certification/licences/{licence.pk}/mark/colour.svg"
        assert client.get(url).status_code == 404
    client.force_login(world.applicant)
    assert client.get("/lt/certification/licences/999999/mark/").status_code == 404


def test_an_expired_or_withdrawn_licence_refuses_the_mark(client):
    world = make_world()
    licence = issued_licence(world)
    client.force_login(world.applicant)
    Licence.objects.filter(pk=licence.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
        valid_from=timezone.localdate() - datetime.timedelta(days=400),
    )
    page = client.get(f"/en/certification/licences/{licence.pk}/mark/")
    assert page.status_code == 410
    assert "expired" in page.content.decode()
    assert client.get(f"/lt/certification/licences/{licence.pk}/mark/colour.svg").status_code == 404
    Licence.objects.filter(pk=licence.pk).update(
        valid_until=timezone.localdate() + datetime.timedelta(days=400)
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.licence_withdraw(licence=licence, by=world.coordinator, reason="Pažeidimas.")
    page = client.get(f"/en/certification/licences/{licence.pk}/mark/")
    assert page.status_code == 410
    assert "withdrawn" in page.content.decode()
    baked = f"/lt/certification/licences/{licence.pk}/mark/colour-credential.png"
    assert client.get(baked).status_code == 404


# --- The coordinators' list --------------------------------------------------------------


def _lag_people(lag, n, scheme):
    """`n` accredited people of `lag`: half coordinators, half members of its actors."""
    for i in range(n):
        if i % 2:
            person = make_coordinator(lag)
        else:
            person = UserFactory(is_evaluator=True)
            ActorFactory(lag=lag, owners=[person])
        accredit(person, scheme)


def test_coordinators_see_only_their_lags_people(client):
    world = make_world()
    lag = world.lag
    member = UserFactory(is_evaluator=True, full_name="Narė Vertintoja")
    ActorMembership.objects.create(actor=world.actor, user=member, role=MemberRole.EDITOR)
    accredit(member, world.scheme)
    outsider = UserFactory(is_evaluator=True, full_name="Svetima Vertintoja")
    ActorFactory(lag=LagFactory(), owners=[outsider])
    accredit(outsider, world.scheme)
    expired = make_coordinator(lag, full_name="Pasibaigusi Koordinatorė")
    accredit(expired, world.scheme, days_from=-800, days_until=-1)
    client.force_login(world.coordinator)
    body = client.get("/lt/certification/accreditations/").content.decode()
    assert "Narė Vertintoja" in body and "Pasibaigusi Koordinatorė" in body
    assert "Svetima Vertintoja" not in body
    assert "Vertintoja</td>" not in body.replace("Narė Vertintoja</td>", "")  # world's evaluators
    valid = client.get("/lt/certification/accreditations/?standing=valid").content.decode()
    assert "Narė Vertintoja" in valid and "Pasibaigusi Koordinatorė" not in valid
    gone = client.get("/lt/certification/accreditations/?standing=expired").content.decode()
    assert "Pasibaigusi Koordinatorė" in gone and "Narė Vertintoja" not in gone
    client.force_login(world.admin)
    assert "Svetima Vertintoja" in client.get("/lt/certification/accreditations/").content.decode()


def test_the_list_is_404_for_people_who_coordinate_nothing(client):
    world = make_world()
    client.force_login(world.evaluator)
    assert client.get("/lt/certification/accreditations/").status_code == 404
    client.logout()
    assert client.get("/lt/certification/accreditations/").status_code == 302


def test_the_list_costs_the_same_queries_for_one_and_many(client):
    world = make_world()
    lag = LagFactory()
    coordinator = make_coordinator(lag)
    _lag_people(lag, 1, world.scheme)
    client.force_login(coordinator)
    one = count_queries(client, "/lt/certification/accreditations/")
    _lag_people(lag, 12, world.scheme)
    many = count_queries(client, "/lt/certification/accreditations/")
    assert one == many
