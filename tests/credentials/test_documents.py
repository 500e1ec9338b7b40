"""did.json, jwks.json, the status lists and the downloads, through the test client."""

import json
import uuid

import jwt as pyjwt
import pytest

from kaimolink.credentials import statuslist
from kaimolink.credentials.keys import signing_key_rotate
from kaimolink.credentials.services import credential_jwt, credential_revoke
from tests.credentials.conftest import issue, verify

pytestmark = [pytest.mark.django_db]


def test_did_document_lists_every_key_as_an_assertion_method(client, site):
    credential_jwt(issue())  # signed with key-1, made on first use
    signing_key_rotate()
    response = client.get("/.well-known/did.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    document = json.loads(response.content)
    did = "did:web:kaimolink.example%3A8443"
    assert document["id"] == did
    assert "https://www.w3.org/ns/did/v1" in document["@context"]
    ids = [method["id"] for method in document["verificationMethod"]]
    assert ids == [f"{did}#key-1", f"{did}#key-2"]
    assert document["assertionMethod"] == ids
    for method in document["verificationMethod"]:
        assert method["type"] == "JsonWebKey2020"
        assert method["controller"] == did
        assert method["publicKeyJwk"]["kty"] == "OKP"
        assert method["publicKeyJwk"]["crv"] == "Ed25519"
        assert "d" not in method["publicKeyJwk"]


def test_did_document_on_a_fresh_site_already_has_a_key(client):
    document = json.loads(client.get("/.well-known/did.json").content)
    assert len(document["verificationMethod"]) == 1


def test_jwks_holds_public_keys_only(client):
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    (key,) = json.loads(response.content)["keys"]
    assert set(key) == {"kty", "crv", "x", "kid", "alg", "use"}
    assert key["alg"] == "EdDSA" and key["use"] == "sig"


def test_jwks_answers_304_to_a_client_that_has_it(client):
    first = client.get("/.well-known/jwks.json")
    again = client.get("/.well-known/jwks.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def _status_bits(client, url: str) -> tuple[dict, bytes]:
    response = client.get(url)
    assert response.status_code == 200
    claims = verify(client, response.content.decode())
    return claims, statuslist.decode(claims["credentialSubject"]["encodedList"])


def test_revocation_sets_the_bit_in_the_served_status_list(client):
    credential = issue()
    keep = issue(source="tests.thing:2")
    claims = verify(client, client.get(f"/lt/credentials/{credential.uuid}.jwt").content.decode())
    entry = claims["credentialStatus"]
    url = entry["statusListCredential"].removeprefix("http://127.0.0.1:8000")
    index = int(entry["statusListIndex"])

    list_claims, bits = _status_bits(client, url)
    assert list_claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = list_claims["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    assert subject["encodedList"].startswith("u")
    assert len(bits) * 8 >= 131_072
    assert not statuslist.is_set(bits, index)

    credential_revoke(credential=credential, reason="Išduota per klaidą.")
    _claims, bits = _status_bits(client, url)
    assert statuslist.is_set(bits, index)
    assert not statuslist.is_set(bits, keep.status_index % statuslist.LIST_SIZE)
    assert sum(bin(byte).count("1") for byte in bits) == 1


def test_status_bits_are_counted_from_the_most_significant_bit():
    bits = statuslist.decode(statuslist.encode([0, 9]))
    assert bits[0] == 0b1000_0000
    assert bits[1] == 0b0100_0000


def test_status_list_that_holds_nothing_is_404(client):
    assert client.get("/lt/credentials/status/2/").status_code == 404
    assert client.get("/lt/credentials/status/0/").status_code == 404
    assert client.get("/lt/credentials/status/99999999999999999999/").status_code == 404
    assert client.get("/lt/credentials/status/-1/").status_code == 404


def test_downloads_of_a_credential(client):
    credential = issue()
    token_response = client.get(f"/lt/credentials/{credential.uuid}.jwt")
    assert token_response.status_code == 200
    assert token_response["Content-Type"].startswith("text/plain")
    assert ".jwt" in token_response["Content-Disposition"]
    token = token_response.content.decode()
    verify(client, token)

    envelope = json.loads(client.get(f"/lt/credentials/{credential.uuid}.json").content)
    assert envelope["type"] == "EnvelopedVerifiableCredential"
    assert envelope["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    media, enveloped = envelope["id"].split(",", 1)
    assert media == "data:application/vc+jwt"
    assert enveloped == token


def test_unknown_or_malformed_credential_is_404(client):
    for path in (
        f"/lt/credentials/{uuid.uuid4()}.jwt",
        f"/lt/credentials/{uuid.uuid4()}.json",
        f"/lt/credentials/{uuid.uuid4()}.png",
        "/lt/credentials/not-a-uuid.jwt",
        "/lt/credentials/%00.json",
    ):
        assert client.get(path).status_code == 404, path


def test_only_get_is_allowed(client):
    credential = issue()
    assert client.post(f"/lt/credentials/{credential.uuid}.jwt").status_code == 405
    assert client.post("/.well-known/did.json").status_code == 405


def test_revoked_credential_still_downloads_and_says_where_to_check(client):
    credential = issue()
    credential_revoke(credential=credential, reason="Klaida.")
    token = client.get(f"/lt/credentials/{credential.uuid}.jwt").content.decode()
    assert pyjwt.decode(token, options={"verify_signature": False})["credentialStatus"]
