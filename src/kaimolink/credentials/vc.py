"""The Open Badges 3.0 documents and their VC-JWT signatures.

Names follow the specification exactly (OB 3.0 §8.2 "JSON Web Token Proof Format", the W3C
VC Data Model 2.0 and Bitstring Status List v1.0). The JWT payload is the credential itself
with the registered claims `iss`, `jti`, `nbf`, `sub` (when the subject has an `id`) and
`exp` (when it has `validUntil`), as OB 3.0 on VCDM 2.0 defines it; the same credential is
also in the `vc` claim, where verifiers written for VCDM 1.1-style VC-JWT look for it (the
OB 3.0 verification steps read either). The JOSE header is `alg` EdDSA, `kid` (a DID URL
that resolves to the public JWK through did.json) and `typ` "JWT", nothing else (OB 3.0
allows no other headers).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override
from jwcrypto import jwt

from kaimolink.core.links import absolute
from kaimolink.credentials import keys, statuslist

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


@dataclass(frozen=True)
class Achievement:
    """What the holder achieved (OB 3.0 `Achievement`): the same for every holder of it.

    `id` is a URI naming the achievement (the training's page, the scheme's page);
    `achievement_type` one of OB 3.0's AchievementType values ("Certificate", "License",
    "Certification", "Badge"…) or empty; `image_url` an absolute URL or empty.
    """

    id: str
    name: str
    description: str
    criteria: str
    achievement_type: str = ""
    image_url: str = ""

    def as_json(self) -> dict:
        data = {
            "id": self.id,
            "type": ["Achievement"],
            "name": self.name,
            "description": self.description,
            "criteria": {"narrative": self.criteria},
        }
        if self.achievement_type:
            data["achievementType"] = self.achievement_type
        if self.image_url:
            data["image"] = {"id": self.image_url, "type": "Image"}
        return data


def timestamp(moment: datetime.datetime) -> str:
    """XML Schema dateTime in UTC, whole seconds: "2026-05-04T09:00:00Z" (nbf must equal it)."""
    return moment.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def status_list_url(number: int) -> str:
    """The public address of status list `number`, in the site's default language (the
    address is signed into credentials, so it must not depend on who downloaded it)."""
    with override(settings.LANGUAGE_CODE):
        return absolute(reverse("credentials:status_list", kwargs={"number": number}))


def issuer_profile() -> dict:
    return {
        "id": keys.issuer_did(),
        "type": ["Profile"],
        "name": settings.SITE_NAME,
        "url": settings.SITE_URL,
    }


def credential_document(credential) -> dict:
    """The OpenBadgeCredential of a Credential row (unsigned)."""
    identifiers = []
    if credential.subject_name:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": credential.subject_name,
            }
        )
    if credential.subject_email_hash:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": credential.subject_email_hash,
                "salt": credential.subject_email_salt,
            }
        )
    subject = {"type": ["AchievementSubject"]}
    if credential.subject_id:
        subject["id"] = credential.subject_id
    if identifiers:
        subject["identifier"] = identifiers
    subject["achievement"] = credential.achievement
    number, index = statuslist.position(credential.status_index)
    list_url = status_list_url(number)
    document = {
        "@context": CONTEXT,
        "id": credential.urn,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(),
        "validFrom": timestamp(credential.valid_from),
        "name": credential.achievement.get("name", ""),
        "credentialSubject": subject,
        "credentialStatus": {
            "id": f"{list_url}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": list_url,
        },
    }
    if credential.valid_until:
        document["validUntil"] = timestamp(credential.valid_until)
    return document


def status_list_document(number: int, revoked_indexes, valid_from: datetime.datetime) -> dict:
    """The BitstringStatusListCredential of list `number` (unsigned)."""
    url = status_list_url(number)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": keys.issuer_did(),
        "validFrom": timestamp(valid_from),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": statuslist.encode(revoked_indexes),
        },
    }


def _seconds(value: str) -> int:
    return int(datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())


def sign(document: dict) -> str:
    """The compact VC-JWT of a credential document, signed with the current key."""
    issuer = document["issuer"]
    claims = dict(document)
    claims["iss"] = issuer["id"] if isinstance(issuer, dict) else issuer
    claims["jti"] = document["id"]
    claims["nbf"] = _seconds(document["validFrom"])
    subject_id = document["credentialSubject"].get("id")
    if subject_id:
        claims["sub"] = subject_id
    if "validUntil" in document:
        claims["exp"] = _seconds(document["validUntil"])
    claims["vc"] = document
    key_id, key = keys.signing_key()
    token = jwt.JWT(header={"alg": "EdDSA", "kid": key_id, "typ": "JWT"}, claims=claims)
    token.make_signed_token(key)
    return token.serialize()
