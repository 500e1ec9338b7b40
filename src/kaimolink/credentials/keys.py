"""The platform's signing keys, its did:web identifier and the documents that publish them.

The issuer of every credential is `did:web:<host>` (the host of SITE_URL, its port written
`%3A`, as the did:web method asks). The DID document at /.well-known/did.json and the JWKS at
/.well-known/jwks.json list the public key of every key ever used (`kid` =
`did:web:<host>#key-<n>`), so a verifier finds the key that signed any credential, old
ones included. See docs/credentials.md.
"""

import hashlib
import logging
from urllib.parse import quote, urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from jwcrypto import jwk

from kaimolink.credentials.models import SigningKey

logger = logging.getLogger(__name__)


def issuer_did() -> str:
    """did:web of SITE_URL: "https://kaimolink.lt" -> "did:web:kaimolink.lt";
    "http://127.0.0.1:8000" -> "did:web:127.0.0.1%3A8000" (a path would add ":"-parts)."""
    url = urlsplit(settings.SITE_URL)
    host = quote(url.netloc.rsplit("@", 1)[-1].lower(), safe="")
    parts = [quote(part, safe="") for part in url.path.split("/") if part]
    return ":".join(["did:web", host, *parts])


def kid(number: int) -> str:
    return f"{issuer_did()}#key-{number}"


def _password() -> bytes:
    """The password of the stored private keys, derived from SECRET_KEY (never stored)."""
    return hashlib.sha256(
        b"kaimolink.credentials.signing-key:" + settings.SECRET_KEY.encode()
    ).digest()


def _public_jwk(private: Ed25519PrivateKey) -> dict:
    public = jwk.JWK.from_pyca(private.public_key())
    return {k: v for k, v in public.export_public(as_dict=True).items() if k in ("kty", "crv", "x")}


def _open(key: SigningKey) -> jwk.JWK | None:
    """The private key as a JWK, or None when it cannot be opened (SECRET_KEY changed)."""
    try:
        private = serialization.load_pem_private_key(key.private_pem.encode(), _password())
    except (ValueError, TypeError):
        return None
    return jwk.JWK.from_pyca(private)


def _create(number: int) -> SigningKey:
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_password()),
    ).decode()
    return SigningKey.objects.create(
        number=number, public_jwk=_public_jwk(private), private_pem=pem
    )


def _retire(keys) -> None:
    for key in keys:
        key.retired_at = key.retired_at or timezone.now()
        key.private_pem = ""  # only the public part is needed from now on
        key.save(update_fields=["retired_at", "private_pem"])


def signing_key_rotate() -> SigningKey:
    """Start signing with a new key; the old ones are retired but stay published.

    Run it when a key may have leaked, or from time to time (`kaimolink
    rotate_credentials_key`). Credentials signed before keep verifying.
    """
    with transaction.atomic():
        current = list(SigningKey.objects.select_for_update().filter(retired_at__isnull=True))
        highest = SigningKey.objects.aggregate(n=Max("number"))["n"] or 0
        _retire(current)
        return _create(highest + 1)


def signing_key() -> tuple[str, jwk.JWK]:
    """(kid, private JWK) of the key that signs now; made on first use.

    Two processes making the first key at once: the unique number lets one win and the
    other reads it. A key that cannot be opened (SECRET_KEY changed) is replaced.
    """
    for _attempt in range(3):
        key = SigningKey.objects.filter(retired_at__isnull=True).order_by("-number").first()
        if key is None:
            try:
                with transaction.atomic():
                    key = _create(1)
            except IntegrityError:
                continue
        opened = _open(key)
        if opened is not None:
            return kid(key.number), opened
        logger.warning("Credential signing key %s cannot be opened: rotating to a new one.", key)
        signing_key_rotate()
    raise RuntimeError("No credential signing key could be made.")


def public_keys() -> list[dict]:
    """The public JWK of every key ever used, oldest first, each with its `kid`."""
    return [
        {**key.public_jwk, "kid": kid(key.number), "alg": "EdDSA", "use": "sig"}
        for key in SigningKey.objects.order_by("number")
    ]


def jwks_document() -> dict:
    return {"keys": public_keys()}


def did_document() -> dict:
    """The DID document of did:web: every key as a JsonWebKey2020 verification method,
    each allowed to assert credentials (retired keys too: their credentials still stand)."""
    did = issuer_did()
    methods = [
        {
            "id": key["kid"],
            "type": "JsonWebKey2020",
            "controller": did,
            "publicKeyJwk": {k: key[k] for k in ("kty", "crv", "x")},
        }
        for key in public_keys()
    ]
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/suites/jws-2020/v1",
        ],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
