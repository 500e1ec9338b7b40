"""Issuing is idempotent per source; bad input is refused with a reason; GDPR."""

import datetime

import pytest
from django.utils import timezone

from kaimolink.accounts import personal_data
from kaimolink.credentials import services
from kaimolink.credentials.models import Credential
from kaimolink.credentials.services import CredentialError, credential_issue, credential_revoke
from tests.credentials.conftest import ACHIEVEMENT, issue
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_issuing_the_same_source_again_returns_the_same_credential():
    first = issue()
    later = timezone.now() + datetime.timedelta(days=30)
    again = issue(valid_until=later)
    assert again.pk == first.pk
    assert again.uuid == first.uuid and again.status_index == first.status_index
    assert Credential.objects.get().valid_until == later
    assert Credential.objects.get().subject_email_hash == first.subject_email_hash


def test_reissuing_with_another_holder_identifier_replaces_it():
    first = issue()
    email_hash = first.subject_email_hash
    assert issue().subject_email_hash == email_hash  # the same address: nothing changes
    moved = issue(subject_identifier="https://example.org/people/3")
    assert (moved.subject_id, moved.subject_email_hash) == ("https://example.org/people/3", "")
    cleared = issue(subject_identifier="")
    assert (cleared.subject_id, cleared.subject_email_hash) == ("", "")
    assert issue(subject_identifier="kita@example.org").subject_email_hash not in ("", email_hash)


def test_a_revoked_credential_cannot_be_issued_again():
    credential = issue()
    credential_revoke(source=credential.source, reason="Klaida.")
    with pytest.raises(CredentialError, match="revoked"):
        issue()


def test_revoking_twice_keeps_the_first_reason():
    credential = issue()
    credential_revoke(credential=credential, reason="First.")
    credential_revoke(credential=credential, reason="Second.")
    credential.refresh_from_db()
    assert credential.revoke_reason == "First."


def test_revoking_an_unknown_source_is_nothing():
    assert credential_revoke(source="tests.none:1", reason="x") is None


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"source": ""}, "source"),
        ({"source": 12}, "text"),
        ({"subject_name": ["Ona"]}, "text"),
        ({"source": "x" * 121}, "source"),
        ({"subject_identifier": "not an address"}, "e-mail address or a URI"),
        ({"achievement": {"name": "no id"}}, "not described"),
        ({"achievement": {**ACHIEVEMENT.__dict__, "id": ""}}, "identifier"),
        ({"achievement": "text"}, "not described"),
        ({"valid_from": datetime.datetime(2026, 1, 1)}, "valid from"),
        ({"valid_until": timezone.now() - datetime.timedelta(days=30)}, "end after"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_is_stored(changes, message):
    with pytest.raises(CredentialError, match=message):
        issue(**changes)
    assert not Credential.objects.exists()


def test_revoke_needs_a_reason():
    credential = issue()
    with pytest.raises(CredentialError):
        credential_revoke(credential=credential, reason="  ")
    with pytest.raises(CredentialError):
        credential_revoke(credential=credential, reason="x" * 2001)
    credential.refresh_from_db()
    assert not credential.is_revoked


def test_a_taken_status_index_is_drawn_again(monkeypatch):
    draws = iter([7, 7, 11])
    monkeypatch.setattr(services, "_random_index", lambda: next(draws))
    first = issue(source="tests.thing:1")
    second = issue(source="tests.thing:2")
    assert (first.status_index, second.status_index) == (7, 11)


def test_achievement_as_a_dict_is_accepted():
    credential = credential_issue(
        source="tests.dict:1",
        subject_name="Jonas",
        subject_identifier="",
        achievement=dict(ACHIEVEMENT.__dict__),
        valid_from=timezone.now(),
    )
    assert credential.achievement["type"] == ["Achievement"]
    assert credential.achievement["achievementType"] == "Certificate"


def test_export_lists_the_persons_credentials():
    person = UserFactory()
    issue(person=person)
    issue(source="tests.other:1", person=UserFactory())
    (section,) = [s for s in personal_data.sections() if s.name == "credentials"]
    exported = section.export(person)["credentials"]
    assert len(exported) == 1
    assert exported[0]["achievement"]["name"] == ACHIEVEMENT.name
    assert exported[0]["download_jwt"].endswith(".jwt")


def test_erasure_keeps_the_status_bit_and_drops_what_names_the_person(client):
    person = UserFactory()
    credential = issue(person=person)
    credential_revoke(credential=credential, reason="About the person.")
    (section,) = [s for s in personal_data.sections() if s.name == "credentials"]
    section.erase(person)
    credential.refresh_from_db()
    assert credential.person is None
    assert credential.subject_name == credential.subject_email_hash == ""
    assert credential.revoke_reason == ""
    assert credential.is_revoked  # the revocation itself stays, and its bit
    assert client.get(f"/lt/credentials/{credential.uuid}.jwt").status_code == 404
