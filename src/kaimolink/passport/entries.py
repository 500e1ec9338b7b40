"""The sections kaimolink can fill today: events attended, homework accepted, training
certificates. Registered in PassportConfig.ready; each entry function makes a fixed
number of queries however many entries there are.

The certification app's accreditations and marks register their own sections the same
way (docs/passport.md).
"""

import logging
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaimolink.certificates.models import Certificate
from kaimolink.certificates.selectors import certificates_of_person
from kaimolink.certificates.services import certificate_credential, credential_source
from kaimolink.credentials.selectors import credentials_by_source
from kaimolink.credentials.services import CredentialError
from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.models import Attendance, EventDay, Registration
from kaimolink.events.selectors import day_hours, tenths
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.selectors import assignments_of_person
from kaimolink.passport import sections
from kaimolink.passport.sections import Entry, Link

logger = logging.getLogger(__name__)

ATTENDANCE = "attendance"
HOMEWORK = "homework"
CERTIFICATES = "certificates"


# --- Events attended -----------------------------------------------------------------


def attended_registrations(**filters) -> list[Registration]:
    """Confirmed registrations (of events neither drafts nor cancelled) marked present on
    at least one day, matching `filters`, each with `present_marks`; the event's days are
    prefetched. Three queries however many there are."""
    present = Attendance.objects.filter(registration=OuterRef("pk"), present=True)
    return list(
        Registration.objects.filter(status=RegistrationStatus.CONFIRMED, **filters)
        .exclude(event__status__in=(EventStatus.DRAFT, EventStatus.CANCELLED))
        .filter(Exists(present))
        .select_related("event", "person")
        .prefetch_related(
            Prefetch("event__days", queryset=EventDay.objects.order_by("date", "start_time")),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(present=True),
                to_attr="present_marks",
            ),
        )
        .order_by("-event__starts_at", "-id")
    )


def _attendance_entry(registration: Registration, *, with_person: bool) -> Entry:
    """The hours are the event's official hours shared out over its days
    (events.selectors.day_hours, the rule of the certificates and the figures), for the
    days the person was present."""
    event = registration.event
    days = list(event.days.all())
    hours = day_hours(event, days)
    present = {mark.day_id for mark in registration.present_marks}
    present_days = [day for day in days if day.pk in present]
    detail = _("%(kind)s · present on %(present)d of %(days)d days") % {
        "kind": event.get_kind_display(),
        "present": len(present_days),
        "days": len(days),
    }
    return Entry(
        kind=ATTENDANCE,
        title=event.title,
        date=present_days[0].date if present_days else None,
        hours=tenths(sum((hours[day.pk] for day in present_days), Decimal(0))),
        detail=detail,
        url=event.get_absolute_url(),
        person=registration.person if with_person else None,
    )


def person_attendance(person) -> list[Entry]:
    return [_attendance_entry(r, with_person=False) for r in attended_registrations(person=person)]


def actor_attendance(actor) -> list[Entry]:
    """What the people registered for the actor attended (a registration names the actor
    it was made for), each entry with its person."""
    return [_attendance_entry(r, with_person=True) for r in attended_registrations(actor=actor)]


# --- Homework accepted -----------------------------------------------------------------


def _accepted_at(assignment):
    return assignment.latest.reviewed_at or assignment.latest.submitted_at


def person_homework(person) -> list[Entry]:
    """Assignments whose latest hand-in was accepted, newest acceptance first."""
    accepted = [
        assignment
        for assignment in assignments_of_person(person=person)
        if assignment.latest is not None and assignment.latest.status == SubmissionStatus.ACCEPTED
    ]
    accepted.sort(key=_accepted_at, reverse=True)
    return [
        Entry(
            kind=HOMEWORK,
            title=assignment.title,
            date=timezone.localdate(_accepted_at(assignment)),
            detail=assignment.event.title,
            url=reverse("homework:event", kwargs={"slug": assignment.event.slug}),
        )
        for assignment in accepted
    ]


# --- Training certificates -------------------------------------------------------------


def _certificate_entry(certificate: Certificate, credential, *, for_holder: bool) -> Entry:
    """A certificate with its verification page; for its holder, while it is valid, the
    PDF and the verifiable credential too (who may download them: certificates' rule)."""
    links = ()
    if for_holder and not certificate.is_revoked:
        links = (
            Link(_("Certificate (PDF)"), certificate.pdf_url(), download=True),
            Link(_("Badge picture (PNG)"), certificate.badge_url("png"), download=True),
        )
    detail = _("No. %(number)s") % {"number": certificate.number}
    if certificate.is_revoked:
        detail += " · " + _("revoked %(date)s") % {
            "date": f"{timezone.localdate(certificate.revoked_at):%Y-%m-%d}"
        }
    return Entry(
        kind=CERTIFICATES,
        title=certificate.title,
        date=timezone.localdate(certificate.issued_at),
        hours=certificate.hours,
        detail=detail,
        credential=credential if for_holder and not certificate.is_revoked else None,
        verify_url=certificate.get_absolute_url(),
        verify_code=certificate.printed_code,
        links=links,
        revoked=certificate.is_revoked,
        person=None if for_holder else certificate.person,
    )


def person_certificates(person) -> list[Entry]:
    certificates = certificates_of_person(person=person)
    credentials = credentials_by_source(credential_source(c) for c in certificates)
    return [
        _certificate_entry(c, credentials.get(credential_source(c)), for_holder=True)
        for c in certificates
    ]


def certificate_credentials_issue(person) -> None:
    """Issue the missing credentials of the person's valid certificates (those issued before
    credentials existed get theirs on first download, as certificates' own downloads do),
    so the bundle carries every one. A failure leaves that certificate out of the bundle."""
    certificates = [c for c in certificates_of_person(person=person) if not c.is_revoked]
    existing = credentials_by_source(credential_source(c) for c in certificates)
    for certificate in certificates:
        if credential_source(certificate) not in existing:
            try:
                certificate_credential(certificate=certificate)
            except CredentialError:
                logger.exception("No credential for certificate %s", certificate.pk)


def actor_certificates(actor) -> list[Entry]:
    """Certificates of the trainings its people attended for it (the registration names
    the actor). Without the holder's downloads: those are the holder's to share."""
    certificates = (
        Certificate.objects.filter(registration__actor=actor)
        .select_related("person")
        .order_by("-issued_at", "-id")
    )
    return [_certificate_entry(c, None, for_holder=False) for c in certificates]


def register_sections() -> None:
    sections.register(
        ATTENDANCE,
        order=10,
        title=gettext_lazy("Trainings and events attended"),
        person_entries=person_attendance,
        actor_entries=actor_attendance,
        sums_hours=True,
    )
    sections.register(
        HOMEWORK,
        order=20,
        title=gettext_lazy("Homework accepted"),
        person_entries=person_homework,
    )
    sections.register(
        CERTIFICATES,
        order=30,
        title=gettext_lazy("Training certificates"),
        person_entries=person_certificates,
        actor_entries=actor_certificates,
    )
