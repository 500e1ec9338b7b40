"""Credentials are OB 3.0 VC-JWTs that an independent implementation (PyJWT) verifies."""

import base64
import json

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kaimolink.credentials.keys import issuer_did, signing_key_rotate
from kaimolink.credentials.services import credential_jwt
from tests.credentials.conftest import issue, served_keys, verify

pytestmark = [pytest.mark.django_db]


def test_credential_jwt_verifies_with_pyjwt_and_the_served_jwks(client, site):
    credential = issue()
    token = credential_jwt(credential)
    header = pyjwt.get_unverified_header(token)
    assert header == {
        "alg": "EdDSA",
        "kid": "did:web:kaimolink.example%3A8443#key-1",
        "typ": "JWT",
    }
    claims = verify(client, token)
    assert claims["iss"] == "did:web:kaimolink.example%3A8443"
    assert claims["jti"] == f"urn:uuid:{credential.uuid}"
    assert claims["nbf"] == int(credential.valid_from.timestamp())
    assert "exp" not in claims
    for document in (claims, claims["vc"]):  # VCDM 2.0 payload, and the `vc` claim
        assert document["@context"] == [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ]
        assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
        assert document["issuer"]["id"] == claims["iss"]
        assert document["issuer"]["type"] == ["Profile"]
        assert document["id"] == claims["jti"]
        subject = document["credentialSubject"]
        assert subject["type"] == ["AchievementSubject"]
        assert subject["achievement"]["name"] == "Kaimo turizmo mokymai"
        assert subject["achievement"]["criteria"] == {"narrative": "Dalyvauti mokymuose."}
        status = document["credentialStatus"]
        assert status["type"] == "BitstringStatusListEntry"
        assert status["statusPurpose"] == "revocation"
        assert status["statusListIndex"] == str(credential.status_index)
        assert status["statusListCredential"].startswith("https://kaimolink.example:8443/lt/")


def test_credential_names_the_holder_and_hashes_the_email(client):
    credential = issue()
    identifiers = verify(client, credential_jwt(credential))["credentialSubject"]["identifier"]
    name, email = identifiers
    assert name == {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": False,
        "identityHash": "Ona Žemaitė",
    }
    assert email["hashed"] is True and email["identityType"] == "emailAddress"
    assert email["identityHash"].startswith("sha256$")
    assert "ona@example.org" not in json.dumps(identifiers)
    import hashlib

    digest = hashlib.sha256(("ona@example.org" + email["salt"]).encode()).hexdigest()
    assert email["identityHash"] == f"sha256${digest}"


def test_subject_uri_is_the_sub_claim_and_valid_until_is_exp(client):
    import datetime

    from django.utils import timezone

    until = timezone.now() + datetime.timedelta(days=365)
    credential = issue(subject_identifier="https://example.org/people/7", valid_until=until)
    claims = verify(client, credential_jwt(credential))
    assert claims["sub"] == "https://example.org/people/7"
    assert claims["credentialSubject"]["id"] == claims["sub"]
    assert claims["exp"] == int(until.timestamp())
    assert claims["validUntil"].endswith("Z")


def _tamper(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["vc"]["credentialSubject"]["achievement"]["name"] = "Kaimo turizmo mokymaI"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return ".".join([header, forged, signature])


def test_tampered_claims_fail_verification(client):
    token = credential_jwt(issue())
    verify(client, token)
    with pytest.raises(pyjwt.InvalidSignatureError):
        verify(client, _tamper(token))


def test_one_changed_character_of_the_payload_fails(client):
    token = credential_jwt(issue())
    header, payload, signature = token.split(".")
    position = len(payload) // 2
    swapped = "A" if payload[position] != "A" else "B"
    changed = payload[:position] + swapped + payload[position + 1 :]
    with pytest.raises(pyjwt.InvalidTokenError):
        verify(client, ".".join([header, changed, signature]))


def test_token_signed_by_another_key_fails(client):
    credential = issue()
    claims = verify(client, credential_jwt(credential))
    impostor = Ed25519PrivateKey.generate()
    kid = f"{issuer_did()}#key-1"  # claims to be ours
    forged = pyjwt.encode(claims, impostor, algorithm="EdDSA", headers={"kid": kid})
    with pytest.raises(pyjwt.InvalidSignatureError):
        verify(client, forged)


def test_rotation_keeps_old_credentials_verifiable(client):
    credential = issue()
    old_token = credential_jwt(credential)
    signing_key_rotate()
    new_token = credential_jwt(credential)
    assert pyjwt.get_unverified_header(old_token)["kid"].endswith("#key-1")
    assert pyjwt.get_unverified_header(new_token)["kid"].endswith("#key-2")
    assert set(served_keys(client)) == {f"{issuer_did()}#key-1", f"{issuer_did()}#key-2"}
    assert verify(client, old_token)["jti"] == verify(client, new_token)["jti"]


def test_retired_key_keeps_no_private_part():
    from kaimolink.credentials.models import SigningKey

    credential_jwt(issue())
    signing_key_rotate()
    old, new = SigningKey.objects.order_by("number")
    assert old.private_pem == "" and old.retired_at is not None
    assert new.private_pem.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")


def test_a_changed_secret_key_rotates_instead_of_failing(client, settings):
    credential = issue()
    credential_jwt(credential)
    settings.SECRET_KEY = "another secret key of the installation, long enough for tests"
    token = credential_jwt(credential)
    assert pyjwt.get_unverified_header(token)["kid"].endswith("#key-2")
    verify(client, token)


def test_signing_is_deterministic_for_the_same_credential():
    credential = issue()
    assert credential_jwt(credential) == credential_jwt(credential)


def test_rotate_command_starts_a_new_key(client):
    import io

    from django.core.management import call_command

    old_token = credential_jwt(issue())
    out = io.StringIO()
    call_command("rotate_credentials_key", stdout=out)
    assert out.getvalue().strip().endswith("#key-2")
    verify(client, old_token)
