"""The learning record's certification sections: a person's accreditations (order 40) and
an actor's certification marks, its licences with their standing (order 50).

Each entry function reads certification in a fixed number of queries (one for the rows,
one for their credentials, one for the reinstatements that name a licence's current
credential). A withdrawn accreditation and a suspended, withdrawn or expired licence are
shown, marked, and counted in no total.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaimolink.certification.accreditation import accreditation_title, accreditations_of_person
from kaimolink.certification.credentials_link import licence_credential_sources
from kaimolink.certification.enums import Standing
from kaimolink.certification.selectors import licences_of_actor
from kaimolink.credentials.selectors import credentials_by_source
from kaimolink.passport import sections
from kaimolink.passport.sections import Entry, Link

ACCREDITATIONS = "accreditations"
MARKS = "marks"


def _usable(credential):
    if credential is None or credential.is_revoked or credential.erased_at is not None:
        return None
    return credential


def person_accreditations(person) -> list[Entry]:
    accreditations = accreditations_of_person(person=person)
    credentials = credentials_by_source(a.credential_source for a in accreditations)
    today = timezone.localdate()
    return [
        Entry(
            kind=ACCREDITATIONS,
            title=accreditation_title(a),
            date=a.valid_from,
            detail=_("valid until %(date)s") % {"date": f"{a.valid_until:%Y-%m-%d}"},
            url=reverse("certification:my_accreditations"),
            credential=_usable(credentials.get(a.credential_source)),
            verify_code=a.printed_code,
            links=(
                Link(
                    _("Certificate of accreditation (PDF)"),
                    reverse("certification:accreditation_certificate", args=[a.pk]),
                    download=True,
                ),
            ),
            revoked=not a.is_valid_on(today),
        )
        for a in accreditations
    ]


def actor_marks(actor) -> list[Entry]:
    licences = list(licences_of_actor(actor).order_by("-valid_from", "-pk"))
    sources = licence_credential_sources(licences)
    credentials = credentials_by_source(sources.values())
    today = timezone.localdate()
    entries = []
    for licence in licences:
        standing = licence.standing(today)
        valid = standing == Standing.VALID
        entries.append(
            Entry(
                kind=MARKS,
                title=f"{licence.scheme.name} {licence.number}",
                date=licence.valid_from,
                detail=_("%(standing)s, valid until %(date)s")
                % {"standing": Standing(standing).label, "date": f"{licence.valid_until:%Y-%m-%d}"},
                credential=_usable(credentials.get(sources[licence.pk])) if valid else None,
                verify_code=licence.printed_code,
                revoked=not valid,
            )
        )
    return entries


def register_sections() -> None:
    sections.register(
        ACCREDITATIONS,
        order=40,
        title=gettext_lazy("Accreditations"),
        person_entries=person_accreditations,
    )
    sections.register(
        MARKS,
        order=50,
        title=gettext_lazy("Certification marks"),
        actor_entries=actor_marks,
    )
