"""A person's learning record: exactly what they earned, on their page only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kaimolink.passport import sections
from kaimolink.passport.entries import ATTENDANCE, CERTIFICATES, HOMEWORK
from tests.factories import UserFactory
from tests.passport.conftest import EXPECTED_HOURS, FULL_TITLE, PARTIAL_TITLE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
URL = "/en/passport/"


def test_record_holds_exactly_what_the_person_earned(world):
    record = sections.person_record(world["person"])
    attended = record.section(ATTENDANCE).entries
    assert [(e.title, e.hours) for e in attended] == [
        (PARTIAL_TITLE, Decimal("4.3")),  # one day of three, by its share of the hours
        (FULL_TITLE, Decimal("8.0")),  # both days: the event's official hours
    ]
    assert "present on 1 of 3 days" in attended[0].detail
    homework = record.section(HOMEWORK).entries
    assert [e.title for e in homework] == ["Verslo modelio aprašas"]  # not returned, waiting
    certificates = record.section(CERTIFICATES).entries
    assert [(e.title, e.revoked) for e in certificates] == [
        (PARTIAL_TITLE, True),
        (FULL_TITLE, False),
    ]
    assert record.hours == EXPECTED_HOURS
    totals = {t.label: t.value for t in record.totals}
    assert totals == {
        "Trainings and events attended": 2,
        "Hours attended": EXPECTED_HOURS,
        "Homework accepted": 1,
        "Training certificates": 1,  # the revoked one is shown, not counted
        "Accreditations": 0,  # certification's section (tests/passport/test_certification.py)
    }


def test_revoked_certificate_offers_no_downloads(world):
    record = sections.person_record(world["person"])
    revoked, valid = record.section(CERTIFICATES).entries
    assert revoked.links == () and revoked.credential is None
    assert valid.credential is not None and not valid.credential.is_revoked
    assert valid.verify_code == world["certificate"].printed_code


def test_page_shows_totals_entries_and_their_links(world, client):
    client.force_login(world["person"])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    certificate = world["certificate"]
    for text in (
        FULL_TITLE,
        PARTIAL_TITLE,
        "Verslo modelio aprašas",
        "12.3",
        "4.3",
        world["full"].get_absolute_url(),
        certificate.pdf_url(),
        certificate.get_absolute_url(),
        certificate.printed_code,
        reverse("passport:mine_pdf"),
        reverse("passport:mine_credentials"),
        "Revoked: not counted",
    ):
        assert text in html, text
    credential = sections.person_record(world["person"]).section(CERTIFICATES).entries[1].credential
    assert reverse("credentials:jwt", kwargs={"uuid": credential.uuid}) in html
    for absent in ("Grąžinta užduotis", "Laukia vertinimo", "Renginys, kuriame nedalyvavo"):
        assert absent not in html
    assert "Atšaukta registracija" not in html  # a cancelled registration counts for nothing
    assert world["revoked"].pdf_url() not in html


def test_record_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    for url in ("/en/passport/record.pdf", "/en/passport/credentials.zip"):
        assert client.get(url).status_code == 302


def test_another_person_sees_only_their_own_empty_record(world, client):
    client.force_login(UserFactory())
    html = client.get(URL).content.decode()
    assert FULL_TITLE not in html and "Žydrūnė" not in html
    assert "Your record fills as you take part" in html


def test_the_persons_page_links_to_the_record_and_their_actors_records(world, client):
    client.force_login(world["person"])
    html = client.get("/en/me/").content.decode()
    assert 'id="me-passport"' in html
    assert reverse("passport:mine") in html
    assert reverse("passport:actor", kwargs={"slug": world["actor"].slug}) in html
