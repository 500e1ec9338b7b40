"""Reads of certificates, and the registry the one verification page asks."""

from collections.abc import Callable
from dataclasses import dataclass

from kaimolink.certificates.models import Certificate
from kaimolink.events.rules import can_follow_event


@dataclass(frozen=True)
class Verified:
    """What the public verification page may show: nothing beyond name and event."""

    kind_label: str
    number: str
    holder_name: str
    title: str
    dates: str
    revoked: bool


# Every kind of document kaimolink certifies registers a lookup here: code -> Verified or
# None. /<lang>/verify/<code>/ asks them in turn, so later kinds (certification marks…)
# join without a new path. Codes are random and long, so the kinds cannot collide.
VERIFIERS: list[Callable[[str], Verified | None]] = []


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


def certificate_for_verification(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("event")
        .prefetch_related("event__days")
        .filter(code=code)
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
