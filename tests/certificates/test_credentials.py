"""A certificate of attendance is also an Open Badges 3.0 credential: issued and revoked
with it, downloadable by whoever may download its PDF."""

import pytest

from kaimolink.certificates.services import certificate_credential, certificate_revoke
from kaimolink.credentials import statuslist
from kaimolink.credentials.baking import unbake_png
from kaimolink.credentials.models import Credential
from tests.certificates.test_certificates import issue, present, world  # noqa: F401
from tests.credentials.conftest import verify
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_issuing_a_certificate_issues_its_credential(world, client):  # noqa: F811
    present(world)
    certificate = issue(world)
    credential = Credential.objects.get(source=f"certificates.certificate:{certificate.pk}")
    assert credential.person == world["person"]
    assert credential.subject_name == "Žydrūnė Šėtaitė"
    assert credential.valid_from == certificate.issued_at
    achievement = credential.achievement
    assert achievement["name"] == "Vietos tapatumo mokymai"
    assert f"{certificate.hours} " in achievement["description"]  # the hours attended
    assert achievement["id"].endswith(f"/lt/events/{world['event'].slug}/")  # one language
    assert achievement["achievementType"] == "Certificate"
    assert issue(world) == certificate  # issuing again makes no second credential
    assert Credential.objects.count() == 1


def _status_bit(client, credential) -> bool:
    token = client.get(f"/lt/credentials/{credential.uuid}.jwt").content.decode()
    entry = verify(client, token)["credentialStatus"]
    list_path = "/" + entry["statusListCredential"].split("/", 3)[3]
    status = verify(client, client.get(list_path).content.decode())
    bits = statuslist.decode(status["credentialSubject"]["encodedList"])
    return statuslist.is_set(bits, int(entry["statusListIndex"]))


def test_revoking_a_certificate_sets_its_credential_bit(world, client):  # noqa: F811
    present(world)
    certificate = issue(world)
    credential = Credential.objects.get()
    assert not _status_bit(client, credential)
    certificate_revoke(certificate=certificate, reason="Klaida.", by=world["coordinator"])
    credential.refresh_from_db()
    assert credential.is_revoked
    assert _status_bit(client, credential)


def test_an_older_certificate_gets_its_credential_when_downloaded(world, client):  # noqa: F811
    present(world)
    certificate = issue(world)
    Credential.objects.all().delete()  # as if issued before credentials existed
    client.force_login(world["person"])
    response = client.get(f"/lt/certificates/{certificate.code}/badge.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    claims = verify(client, unbake_png(response.content))
    assert claims["credentialSubject"]["achievement"]["name"] == certificate.title
    assert Credential.objects.count() == 1


def test_revoked_older_certificate_gets_a_revoked_credential(world):  # noqa: F811
    present(world)
    certificate = issue(world)
    certificate_revoke(certificate=certificate, reason="Klaida.", by=world["coordinator"])
    Credential.objects.all().delete()
    certificate.refresh_from_db()
    assert certificate_credential(certificate=certificate).is_revoked


@pytest.mark.parametrize("fmt", ["jwt", "json"])
def test_holder_downloads_jwt_and_json(world, client, fmt):  # noqa: F811
    present(world)
    certificate = issue(world)
    client.force_login(world["person"])
    response = client.get(f"/lt/certificates/{certificate.code}/badge.{fmt}", follow=True)
    assert response.status_code == 200
    assert str(Credential.objects.get().uuid) in response.redirect_chain[-1][0]


def test_others_get_404_for_badges(world, client):  # noqa: F811
    present(world)
    certificate = issue(world)
    client.force_login(UserFactory())
    assert client.get(f"/lt/certificates/{certificate.code}/badge.png").status_code == 404
    client.force_login(world["person"])
    assert client.get(f"/lt/certificates/{certificate.code}/badge.gif").status_code == 404
    assert client.get("/lt/certificates/nonsense/badge.png").status_code == 404


def test_my_page_offers_the_credential_downloads(world, client):  # noqa: F811
    present(world)
    certificate = issue(world)
    client.force_login(world["person"])
    page = client.get("/en/me/").content.decode()
    assert "Download as a verifiable credential (Open Badges)" in page
    assert f"/en/certificates/{certificate.code}/badge.png" in page


def test_organisers_get_no_badge_of_a_holder_who_erased_their_account(world, client):  # noqa: F811
    from kaimolink.accounts import personal_data

    present(world)
    certificate = issue(world)
    for section in reversed(personal_data.sections()):
        if section.name in ("certificates", "credentials"):
            section.erase(world["person"])
    client.force_login(world["coordinator"])
    assert client.get(f"/lt/certificates/{certificate.code}/badge.png").status_code == 404
    assert client.get(f"/lt/certificates/{certificate.code}.pdf").status_code == 200
