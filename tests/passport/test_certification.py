"""Certification's sections of the learning record: a person's accreditations, an actor's
marks (licences with their standing), in a fixed number of queries."""

import pytest
from django.test import TestCase

from kaimolink.certification import accreditation as accreditations
from kaimolink.certification import services
from kaimolink.certification.credentials_link import licence_credential
from kaimolink.certification.enums import ApplicationState
from kaimolink.passport import sections
from tests.certification.factories import accredit, application_in, make_world, published_scheme
from tests.factories import UserFactory
from tests.helpers.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_persons_accreditations_are_on_their_record(client):
    world = make_world()
    person = UserFactory()
    valid = accredit(person, world.scheme)
    accreditations.accreditation_credential_issue(valid)
    ended = accredit(person, world.scheme, days_from=-900, days_until=-10)
    record = sections.person_record(person)
    entries = record.section("accreditations").entries
    assert [(e.verify_code, e.revoked) for e in entries] == [
        (valid.printed_code, False),
        (ended.printed_code, True),
    ]
    assert entries[0].credential.source == valid.credential_source
    assert {t.label: t.value for t in record.totals}["Accreditations"] == 1
    client.force_login(person)
    html = client.get("/en/passport/").content.decode()
    assert 'id="record-accreditations"' in html
    assert f"/en/certification/accreditations/{valid.pk}/certificate.pdf" in html


def test_an_actors_marks_show_their_standing(client):
    world = make_world()
    with TestCase.captureOnCommitCallbacks(execute=True):
        licence = application_in(world, ApplicationState.APPROVED).licence
    entries = sections.actor_record(world.actor).section("marks").entries
    assert [(e.verify_code, e.revoked) for e in entries] == [(licence.printed_code, False)]
    assert entries[0].credential == licence_credential(licence)
    assert "Valid" in entries[0].detail
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.licence_withdraw(licence=licence, by=world.coordinator, reason="Pažeidimas.")
    entry = sections.actor_record(world.actor).section("marks").entries[0]
    assert entry.revoked and entry.credential is None and "Withdrawn" in entry.detail
    assert sections.person_record(world.applicant).section("marks") is None


def test_the_sections_cost_the_same_for_one_and_many(client):
    counts = []
    for n in (1, 4):
        person = UserFactory()
        for i in range(n):
            scheme = published_scheme(name=f"Schema {n}-{i}", code=f"S{'ABCDE'[n]}{'ABCDE'[i]}")
            accreditations.accreditation_credential_issue(accredit(person, scheme))
        client.force_login(person)
        counts.append(count_queries(client, "/en/passport/"))
    assert counts[0] == counts[1]
