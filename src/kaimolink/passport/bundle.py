"""The bundle of a person's credentials: one zip with every credential they hold.

Each credential is a `.jwt` file (OB 3.0's file format for VC-JWT), `manifest.json` says
what each file is, `README.txt` how to verify them without asking kaimolink. Built in
memory and bounded: at most MAX_CREDENTIALS credentials (the newest), far more than a
person gathers, so one download can never grow without limit.
"""

import io
import json
import zipfile

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kaimolink.core.links import absolute
from kaimolink.core.text import fold
from kaimolink.credentials.keys import issuer_did
from kaimolink.credentials.models import Credential
from kaimolink.credentials.selectors import credentials_of_person
from kaimolink.credentials.services import credential_jwt

MAX_CREDENTIALS = 200


def held_credentials(person) -> list[Credential]:
    """The credentials the person holds: neither revoked nor erased, newest first."""
    return [
        c for c in credentials_of_person(person=person) if not c.is_revoked and c.erased_at is None
    ][:MAX_CREDENTIALS]


def _filename(credential: Credential, taken: set[str]) -> str:
    base = slugify(fold(credential.name))[:60] or "credential"
    name = f"{base}.jwt"
    if name in taken:
        name = f"{base}-{str(credential.uuid)[:8]}.jwt"
    taken.add(name)
    return name


def _readme(count: int) -> str:
    did = issuer_did()
    lines = [
        _("Verifiable credentials issued by %(site)s") % {"site": settings.SITE_NAME},
        "",
        ngettext(
            "This archive holds %(count)d credential (Open Badges 3.0, VC-JWT).",
            "This archive holds %(count)d credentials (Open Badges 3.0, VC-JWT).",
            count,
        )
        % {"count": count},
        _("manifest.json says what each .jwt file is."),
        "",
        _("How to verify a credential:"),
        _("1. The .jwt file is a signed JSON Web Token (EdDSA, Ed25519)."),
        _("2. The issuer is %(did)s; its public keys are in %(did_url)s and %(jwks)s.")
        % {
            "did": did,
            "did_url": absolute("/.well-known/did.json"),
            "jwks": absolute("/.well-known/jwks.json"),
        },
        _("3. Check the signature with the key named by the token's `kid` header."),
        _(
            "4. Check whether it was revoked: the credentialStatus entry names a status list "
            "(Bitstring Status List); the bit at statusListIndex is set when it was revoked."
        ),
        _("A wallet or the 1EdTech validator does all of this itself."),
        _("More: %(url)s") % {"url": absolute(reverse("verify_form"))},
        "",
    ]
    return "\n".join(lines)


def credentials_zip(person) -> bytes:
    """The zip of the person's credentials (signed now, with the current key)."""
    credentials = held_credentials(person)
    taken: set[str] = set()
    manifest = {
        "issuer": issuer_did(),
        "jwks": absolute("/.well-known/jwks.json"),
        "created": timezone.now().isoformat(timespec="seconds"),
        "credentials": [],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for credential in credentials:
            name = _filename(credential, taken)
            archive.writestr(name, credential_jwt(credential))
            manifest["credentials"].append(
                {
                    "file": name,
                    "id": credential.urn,
                    "name": credential.name,
                    "type": credential.achievement.get("achievementType", ""),
                    "valid_from": credential.valid_from.isoformat(),
                    "valid_until": (
                        credential.valid_until.isoformat() if credential.valid_until else None
                    ),
                    "download": absolute(
                        reverse("credentials:jwt", kwargs={"uuid": credential.uuid})
                    ),
                }
            )
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr("README.txt", _readme(len(credentials)))
    return buffer.getvalue()
