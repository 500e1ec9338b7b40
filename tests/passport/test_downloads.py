"""The record as a PDF and the credentials as a zip that verifies with any JOSE library."""

import io
import json
import zipfile

import pytest
from pypdf import PdfReader

from kaimolink.core.links import absolute
from kaimolink.credentials.models import Credential
from kaimolink.passport import bundle
from tests.credentials.conftest import verify
from tests.passport.conftest import FULL_TITLE, PARTIAL_TITLE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_pdf_has_the_totals_entries_and_verification_lines(world, client):
    client.force_login(world["person"])
    response = client.get("/en/passport/record.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    certificate = world["certificate"]
    for expected in (
        "Žydrūnė Šėtaitė",  # Lithuanian letters intact
        "Trainings and events attended: 2",
        "Hours attended: 12.3",
        "Homework accepted: 1",
        "Training certificates: 1",
        FULL_TITLE,
        PARTIAL_TITLE,
        "Verslo modelio aprašas",
        "4.3 h",
        absolute(certificate.get_absolute_url()),
        certificate.printed_code,
        "revoked: not counted",
    ):
        assert expected in text, expected
    # The revoked certificate gets no verification line of its own.
    assert world["revoked"].printed_code not in text


def test_actor_pdf_names_the_people_and_their_hours(world, client):
    client.force_login(world["coordinator"])
    response = client.get(f"/en/passport/actor/{world['actor'].slug}/record.pdf")
    text = pdf_text(response.content)
    assert "Šlapaberžės bendruomenė" in text
    assert "Jonas Ąžuolaitis: 1 event, 4.0 h" in text
    assert "Žydrūnė Šėtaitė: 2 events, 12.3 h" in text


def test_zip_holds_each_credential_that_verifies(world, client):
    client.force_login(world["person"])
    response = client.get("/en/passport/credentials.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    manifest = json.loads(archive.read("manifest.json"))
    readme = archive.read("README.txt").decode()
    jwts = [name for name in names if name.endswith(".jwt")]
    held = Credential.objects.get(source=f"certificates.certificate:{world['certificate'].pk}")
    assert len(jwts) == 1  # the revoked certificate's credential is not held any more
    assert [c["file"] for c in manifest["credentials"]] == jwts
    assert manifest["credentials"][0]["id"] == held.urn
    assert manifest["issuer"] in readme and "/.well-known/jwks.json" in readme
    claims = verify(client, archive.read(jwts[0]).decode())
    assert claims["jti"] == held.urn
    assert claims["credentialSubject"]["achievement"]["name"] == FULL_TITLE


def test_a_tampered_token_from_the_zip_does_not_verify(world, client):
    import base64

    import jwt as pyjwt

    client.force_login(world["person"])
    archive = zipfile.ZipFile(io.BytesIO(client.get("/en/passport/credentials.zip").content))
    token = archive.read(next(n for n in archive.namelist() if n.endswith(".jwt"))).decode()
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["achievement"]["name"] = "Kiti mokymai"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(pyjwt.InvalidSignatureError):
        verify(client, ".".join([header, forged, signature]))


def test_zip_carries_the_credential_of_an_older_certificate(world, client):
    Credential.objects.all().delete()  # as if issued before credentials existed
    client.force_login(world["person"])
    archive = zipfile.ZipFile(io.BytesIO(client.get("/en/passport/credentials.zip").content))
    jwts = [n for n in archive.namelist() if n.endswith(".jwt")]
    assert len(jwts) == 1  # the valid certificate's, made now; none for the revoked one
    claims = verify(client, archive.read(jwts[0]).decode())
    assert claims["credentialSubject"]["achievement"]["name"] == FULL_TITLE


def test_bundle_is_bounded(world, monkeypatch):
    monkeypatch.setattr(bundle, "MAX_CREDENTIALS", 0)
    archive = zipfile.ZipFile(io.BytesIO(bundle.credentials_zip(world["person"])))
    assert [n for n in archive.namelist() if n.endswith(".jwt")] == []


def test_empty_zip_for_a_person_without_credentials(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    archive = zipfile.ZipFile(io.BytesIO(client.get("/en/passport/credentials.zip").content))
    assert sorted(archive.namelist()) == ["README.txt", "manifest.json"]
