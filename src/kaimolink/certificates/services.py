"""Issuing and revoking certificates: the one path for pages, admin and tasks."""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from kaimolink.certificates.models import Certificate
from kaimolink.core.links import absolute
from kaimolink.credentials.models import Credential
from kaimolink.credentials.selectors import credential_by_source
from kaimolink.credentials.services import (
    Achievement,
    CredentialError,
    credential_issue,
    credential_revoke,
)
from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.models import Attendance, Event, Registration
from kaimolink.events.rules import can_follow_event
from kaimolink.events.selectors import day_hours
from kaimolink.homework.selectors import person_accepted_all
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.services import notify

logger = logging.getLogger(__name__)

NUMBER_PREFIX = "KL"
# Each retry follows a commit by a rival issuer, so many attempts are only needed when
# many certificates are issued at the very same moment (the concurrency test: 12).
NUMBER_ATTEMPTS = 30


class CertificateError(Exception):
    """A certificate that cannot be issued; the message is for the person."""


def _next_number(year: int) -> str:
    """The next free number of the year ("KL-2026-000123").

    Two transactions may read the same maximum; the unique constraint on `number` then
    rejects the second insert, which `_create_numbered` retries with a fresh number.
    """
    prefix = f"{NUMBER_PREFIX}-{year}-"
    last = (
        Certificate.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:06d}"


def _create_numbered(**fields) -> Certificate:
    year = timezone.localdate().year
    for attempt in range(NUMBER_ATTEMPTS):
        try:
            with transaction.atomic():  # a savepoint: a clash rolls back only this insert
                return Certificate.objects.create(number=_next_number(year), **fields)
        except IntegrityError:
            existing = Certificate.objects.filter(
                registration=fields["registration"], kind=fields["kind"]
            ).first()
            if existing is not None:  # issued at the same moment by someone else
                return existing
            if attempt == NUMBER_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _event_is_over(event: Event) -> bool:
    if event.status == EventStatus.HELD:
        return True
    return (
        event.status == EventStatus.PUBLISHED
        and event.ends_at is not None
        and event.ends_at <= timezone.now()
    )


def _hours_attended(registration: Registration) -> Decimal:
    event = registration.event
    present = set(
        Attendance.objects.filter(registration=registration, present=True).values_list(
            "day", flat=True
        )
    )
    hours = day_hours(event, list(event.days.all()))
    return sum((hours[pk] for pk in present if pk in hours), Decimal(0)).quantize(Decimal("0.1"))


def attendance_refusal(registration: Registration) -> str | None:
    """Why this registration gets no certificate of attendance (None: it is eligible)."""
    event = registration.event
    if registration.status != RegistrationStatus.CONFIRMED:
        return _("Certificates are issued only for confirmed registrations.")
    if not _event_is_over(event):
        return _("Certificates are issued only after the event has taken place.")
    if not Attendance.objects.filter(registration=registration, present=True).exists():
        return _("The person was not present on any day of the event.")
    if event.requires_homework and not person_accepted_all(event=event, person=registration.person):
        return _("The person's homework has not been accepted yet.")
    return None


@transaction.atomic
def attendance_certificate_issue(*, registration: Registration, by) -> Certificate:
    """The certificate of attendance of this registration, issued now or earlier.

    For the event's coordinators and its trainer. Calling it again returns the same
    certificate (also when two people issue at once: the unique constraint decides).
    Raises CertificateError with the reason when the person is not eligible.
    """
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "person")
        .get(pk=registration.pk)
    )
    event = registration.event
    if not can_follow_event(by, event):
        raise CertificateError(_("You may not issue certificates for this event."))
    existing = Certificate.objects.filter(
        registration=registration, kind=Certificate.Kind.ATTENDANCE
    ).first()
    if existing is not None:
        return existing
    refusal = attendance_refusal(registration)
    if refusal:
        raise CertificateError(refusal)
    person = registration.person
    certificate = _create_numbered(
        kind=Certificate.Kind.ATTENDANCE,
        registration=registration,
        person=person,
        event=event,
        holder_name=(person.full_name or person.email)[:200],
        title=event.title[:200],
        hours=_hours_attended(registration),
        issued_by=by,
    )
    try:
        certificate_credential(certificate=certificate)
    except CredentialError:  # the certificate stands; its credential is made on download
        logger.exception("No verifiable credential for certificate %s", certificate.pk)
    return certificate


def credential_source(certificate: Certificate) -> str:
    return f"certificates.certificate:{certificate.pk}"


@transaction.atomic
def certificate_credential(*, certificate: Certificate) -> Credential:
    """The certificate's Open Badges 3.0 credential, issued now or earlier.

    Issued with every new certificate; certificates older than the credentials get theirs
    when first downloaded. A revoked certificate's credential is revoked too. The text is in
    the site's language (it is signed once and read anywhere).
    """
    existing = credential_by_source(credential_source(certificate))
    if existing is not None:
        return existing
    event = certificate.event
    with override(settings.LANGUAGE_CODE):
        achievement = Achievement(
            id=absolute(event.get_absolute_url()),
            name=certificate.title,
            description=_("Certificate of attendance of the training “%(title)s”: %(hours)s hours.")
            % {"title": certificate.title, "hours": certificate.hours},
            criteria=_(
                "Attend the training in person; participants present at it (with their "
                "homework accepted, when the training requires homework) get a certificate."
            ),
            achievement_type="Certificate",
        )
        revoked_reason = _("The certificate was revoked.")
    person = certificate.person
    email = person.email if person and person.email else ""
    credential = credential_issue(
        source=credential_source(certificate),
        # A holder without a name is named by their address, which is published only hashed.
        subject_name="" if certificate.holder_name == email else certificate.holder_name,
        subject_identifier=email,
        achievement=achievement,
        valid_from=certificate.issued_at,
        person=person,
    )
    if certificate.is_revoked:
        credential = credential_revoke(
            credential=credential, reason=certificate.revoke_reason or revoked_reason
        )
    return credential


@dataclass(frozen=True)
class IssueCounts:
    issued: int  # new certificates
    existing: int  # had one already
    refused: int  # confirmed but not eligible


def certificates_issue_for_event(*, event: Event, by) -> IssueCounts:
    """Issue certificates of attendance to every eligible confirmed participant."""
    if not can_follow_event(by, event):
        raise CertificateError(_("You may not issue certificates for this event."))
    if not _event_is_over(event):
        raise CertificateError(_("Certificates are issued only after the event has taken place."))
    had = set(
        Certificate.objects.filter(event=event, kind=Certificate.Kind.ATTENDANCE).values_list(
            "registration", flat=True
        )
    )
    issued = existing = refused = 0
    for registration in Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ).order_by("pk"):
        if registration.pk in had:
            existing += 1
            continue
        try:
            attendance_certificate_issue(registration=registration, by=by)
        except CertificateError:
            refused += 1
        else:
            issued += 1
    return IssueCounts(issued=issued, existing=existing, refused=refused)


MAX_REASON_LENGTH = 2000


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, by) -> Certificate:
    """Mark a certificate as no longer valid; the verification page then says so.

    For the event's coordinators and its trainer (as issuing). A reason is required (it is
    kept for the organisers and the holder, never shown on the public page). Revoking is
    final: a revoked certificate cannot be revoked again (the first reason stays). Locks
    the certificate row, so of two people revoking at once one wins and the other is told.
    """
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=certificate.pk)
    )
    if not can_follow_event(by, certificate.event):
        raise CertificateError(_("You may not revoke this certificate."))
    if certificate.revoked_at is not None:
        raise CertificateError(_("This certificate has already been revoked."))
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Write why the certificate is revoked."))
    if len(reason) > MAX_REASON_LENGTH:
        raise CertificateError(
            _("The reason may be at most %(max)d characters long.") % {"max": MAX_REASON_LENGTH}
        )
    certificate.revoked_at = timezone.now()
    certificate.revoke_reason = reason
    certificate.save(update_fields=["revoked_at", "revoke_reason"])
    # Its verifiable credential too: the status list then says so to any verifier.
    credential_revoke(source=credential_source(certificate), reason=reason)
    if certificate.person_id:  # the holder learns it from us, not from someone checking it
        notify(
            recipients=[certificate.person],
            kind=Kind.CERTIFICATE,
            title=gettext_noop("Your certificate %(number)s for “%(event)s” was revoked"),
            params={"number": certificate.number, "event": certificate.event.title},
            url=certificate.event.get_absolute_url(),
            exclude=by,
        )
    return certificate
