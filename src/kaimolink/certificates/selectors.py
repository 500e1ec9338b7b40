"""Reads of certificates, and the registry the one verification page asks."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from kaimolink.certificates.models import SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH, Certificate
from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import Attendance, Event, Registration
from kaimolink.events.rules import can_follow_event
from kaimolink.events.selectors import is_over, of_lags, with_lags
from kaimolink.homework.selectors import accepted_all


@dataclass(frozen=True)
class Verified:
    """What the public verification page may show: nothing beyond name and event."""

    kind_label: str
    number: str
    holder_name: str
    title: str
    dates: str
    revoked: bool


# Every kind of document kaimolink certifies registers a lookup here: what the person
# typed -> Verified or None. /<lang>/verify/ asks them in turn, so later kinds
# (certification marks…) join without a new path; each kind's numbers carry their own
# prefix and its codes are random, so the kinds cannot collide.
VERIFIERS: list[Callable[[str], Verified | None]] = []

# Said over the phone or typed from paper: case, spaces and dashes do not matter.
_NOISE = re.compile(r"[\s\-‐‑‒–—_.]+")
_SHORT_CODE = re.compile(f"[{SHORT_CODE_ALPHABET}]{{{SHORT_CODE_LENGTH}}}")
# A certificate number without its dashes: "KL2026000001" (prefix, year, serial).
_NUMBER = re.compile(r"([A-Z]{2,4})(\d{4})(\d{1,6})")


def squeezed(typed: str) -> str:
    """What was typed, in capitals, without spaces and dashes ("k7qm 3xhp" -> "K7QM3XHP")."""
    return _NOISE.sub("", typed).upper()


def verifier(func):
    VERIFIERS.append(func)
    return func


def verify_code(code: str) -> Verified | None:
    for lookup in VERIFIERS:
        found = lookup(code)
        if found is not None:
            return found
    return None


def event_dates(event) -> str:
    days = [day.date for day in event.days.all()]
    if not days:
        return ""
    first, last = min(days), max(days)
    if first == last:
        return f"{first:%Y-%m-%d}"
    return f"{first:%Y-%m-%d} – {last:%Y-%m-%d}"


def certificate_for_verification(typed: str) -> Certificate | None:
    """The certificate whose printed code, number or (old links) long code was typed.

    The long code is compared as it is (it is case-sensitive and has dashes of its own);
    the printed code and the number in any case, with or without spaces and dashes.
    """
    match = Q(code=typed.strip())
    flat = squeezed(typed)
    if _SHORT_CODE.fullmatch(flat):
        match |= Q(short_code=flat)
    if number := _NUMBER.fullmatch(flat):
        prefix, year, serial = number.groups()
        match |= Q(number=f"{prefix}-{year}-{int(serial):06d}")
    return (
        Certificate.objects.select_related("event")
        .prefetch_related("event__days")
        .filter(match)
        .first()
    )


@verifier
def _attendance_certificate(code: str) -> Verified | None:
    certificate = certificate_for_verification(code)
    if certificate is None:
        return None
    return Verified(
        kind_label=str(certificate.get_kind_display()),
        number=certificate.number,
        holder_name=certificate.holder_name,
        title=certificate.title,
        dates=event_dates(certificate.event),
        revoked=certificate.is_revoked,
    )


def certificate_for_download(*, user, code: str) -> Certificate | None:
    """The certificate, when `user` organises/trains its event or holds it (while it is
    valid); else None."""
    if not user.is_authenticated:
        return None
    certificate = (
        Certificate.objects.select_related("event", "event__trainer")
        .prefetch_related("event__days", "event__lags")
        .filter(code=code)
        .first()
    )
    if certificate is None:
        return None
    if can_follow_event(user, certificate.event):
        return certificate
    # The holder gets no fresh copy of a revoked certificate (the organisers keep theirs).
    if certificate.person_id == user.pk and not certificate.is_revoked:
        return certificate
    return None


def certificate_of_registration(registration) -> Certificate | None:
    return Certificate.objects.filter(
        registration=registration, kind=Certificate.Kind.ATTENDANCE, revoked_at__isnull=True
    ).first()


def certificates_of_event(*, event) -> list[Certificate]:
    """Every certificate issued for the event (revoked ones too), by number, in one query."""
    return list(
        Certificate.objects.filter(event=event).select_related("issued_by").order_by("number")
    )


def certificate_for_revoking(*, user, pk) -> Certificate | None:
    """The certificate when `user` organises or trains its event (who may revoke it)."""
    if not user.is_authenticated:
        return None
    certificate = (
        Certificate.objects.select_related("event", "event__trainer")
        .prefetch_related("event__lags")
        .filter(pk=pk)
        .first()
    )
    if certificate is None or not can_follow_event(user, certificate.event):
        return None
    return certificate


def certificates_of_person(*, person) -> list[Certificate]:
    """The person's certificates, newest first (revoked ones too, marked), in one query."""
    return list(Certificate.objects.filter(person=person).order_by("-issued_at", "-id"))


def registrations_due_a_certificate(*, now=None) -> QuerySet:
    """Registrations that `certificates_issue_for_event` would give a certificate of
    attendance now: `services.attendance_refusal` says nothing against them (confirmed, the
    event over, present on a day, homework accepted when the event requires it) and none
    was issued yet (a revoked one counts as issued, as there)."""
    now = now or timezone.now()
    present = Attendance.objects.filter(registration=OuterRef("pk"), present=True)
    issued = Certificate.objects.filter(
        registration=OuterRef("pk"), kind=Certificate.Kind.ATTENDANCE
    )
    over = Event.objects.filter(is_over(now), pk=OuterRef("event"))
    return (
        Registration.objects.filter(status=RegistrationStatus.CONFIRMED)
        .filter(Exists(over), Exists(present), ~Exists(issued))
        .filter(Q(event__requires_homework=False) | accepted_all())
    )


def events_with_certificates_to_issue(*, lag_ids=None, now=None) -> list[Event]:
    """Events of these LAGs (all for None) that are over and have people due a certificate,
    each with `certificates_due`, latest first; two queries. No time limit: like homework
    waiting for review, an old event stays until its certificates are issued."""
    now = now or timezone.now()
    due = (
        registrations_due_a_certificate(now=now)
        .filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    events = (
        of_lags(Event.objects.filter(is_over(now)), lag_ids)
        .annotate(certificates_due=Subquery(due, output_field=IntegerField()))
        .filter(certificates_due__gt=0)
        .order_by("-ends_at", "id")
    )
    return list(with_lags(events))
