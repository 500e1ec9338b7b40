"""A person's credentials, for the GDPR export and erasure.

Export (`personal_data`): `credentials`: what each says (achievement, dates), whether and
when it was revoked, and the addresses to download it.

Erasure (`erase`, before the account row is deleted): the credential is NOT revoked. The
holder may have kept it in a wallet to show after leaving the platform (as they keep a
certificate on paper), and a verifier checks it with nothing but our public key and the
status list, so its status bit stays as it is. What goes is what names the person: the
link to the account, the name, the e-mail hash and its salt, a subject URI, and the
revocation reason (about the person; the revocation itself stays). The credential is no
longer served (its download answers 404: we could no longer say whose it is).
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kaimolink.core.links import absolute
from kaimolink.credentials.models import Credential


def _at(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    return {
        "credentials": [
            {
                "id": c.urn,
                "source": c.source,
                "achievement": c.achievement,
                "subject_name": c.subject_name,
                "valid_from": _at(c.valid_from),
                "valid_until": _at(c.valid_until),
                "issued_at": _at(c.issued_at),
                "revoked_at": _at(c.revoked_at),
                "revoke_reason": c.revoke_reason,
                "download_jwt": absolute(reverse_credential("credentials:jwt", c)),
                "download_json": absolute(reverse_credential("credentials:json", c)),
            }
            for c in Credential.objects.filter(person=user).order_by("issued_at", "id")
        ]
    }


def reverse_credential(viewname: str, credential: Credential) -> str:
    return reverse(viewname, kwargs={"uuid": credential.uuid})


@transaction.atomic
def erase(user) -> None:
    """Keep the entries and their status bits, without anything that names the person."""
    Credential.objects.filter(person=user).update(
        person=None,
        subject_name="",
        subject_id="",
        subject_email_hash="",
        subject_email_salt="",
        revoke_reason="",
        erased_at=timezone.now(),
    )
