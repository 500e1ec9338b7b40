"""A person's certificates, for the GDPR export and erasure.

Export (`personal_data`): `certificates`: number, kind, event title, hours, when issued,
whether and when revoked (with the reason), and the address of its verification page.

Erasure (`erase`, before the account row is deleted): the certificates stay in the
registry, without the person. A certificate is a document the person may keep on paper
and show to an employer or a paying agency after leaving the platform, so its
verification page must still answer: it keeps the number, the event, the dates, the
hours and whether it was revoked (the programme's figures still count it). The holder's
name is emptied (the page then says it was removed at the holder's request, so a reader
compares the number, event and dates with the document), the links to the account and
the registration are emptied, and a revocation reason (which is about the person) is
dropped while the revocation itself stays.
"""

from django.db import transaction

from kaimolink.certificates.models import Certificate


def _at(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    return {
        "certificates": [
            {
                "number": c.number,
                "kind": c.kind,
                "event": c.title,
                "holder_name": c.holder_name,
                "hours": str(c.hours),
                "issued_at": _at(c.issued_at),
                "revoked_at": _at(c.revoked_at),
                "revoke_reason": c.revoke_reason,
                "verify_url": c.get_absolute_url(),
            }
            for c in Certificate.objects.filter(person=user).order_by("issued_at", "id")
        ]
    }


@transaction.atomic
def erase(user) -> None:
    """Keep the registry entries, without the name, the reason and the links to the person."""
    for certificate in Certificate.objects.select_for_update().filter(person=user):
        certificate.holder_name = ""
        certificate.person = None
        certificate.registration = None
        certificate.revoke_reason = ""
        # save() (not a bulk update) so the cached verification pages are made stale.
        certificate.save(update_fields=["holder_name", "person", "registration", "revoke_reason"])
