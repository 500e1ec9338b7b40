"""What the public sees of certification: the scheme pages, the registry of licences and
the verification of a number or printed code.

Everything here is public by design: a licence's number, holder, scheme, version, dates
and standing. Reasons of suspension and withdrawal and the application behind a licence
stay private (selectors.licence_for_user); the public sees only the date of the change.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimolink.certification.enums import Action, LicenceStatus, Standing
from kaimolink.certification.models import (
    Accreditation,
    AuditEntry,
    Licence,
    Scheme,
    SchemeVersion,
)
from kaimolink.core.codes import SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH
from kaimolink.core.search import search_terms

# What was typed from paper: case, spaces and dashes do not matter.
_NOISE = re.compile(r"[\s\-‐‑‒–—_.]+")
_SHORT_CODE = re.compile(f"[{SHORT_CODE_ALPHABET}]{{{SHORT_CODE_LENGTH}}}")
# A licence number without its dashes: "BV20260001" (prefix, year, serial).
_NUMBER = re.compile(r"([A-Z]{1,6})(\d{4})(\d{1,6})")
NOT_IN_REGISTRY = _("No licence has this number.")
_PRINTED_NUMBER = re.compile(r"[A-Z]{1,6}-\d{4}-\d{4,7}")
STATUS_ACTIONS = (Action.SUSPEND, Action.REINSTATE, Action.WITHDRAW)


def squeezed(typed: str) -> str:
    return _NOISE.sub("", typed or "").upper()


# --- Schemes -----------------------------------------------------------------------------


def public_schemes() -> QuerySet:
    """Schemes with at least one published version, by name: the public page lists them."""
    return Scheme.objects.filter(versions__published_at__isnull=False).distinct().order_by("name")


def public_schemes_with_versions() -> QuerySet:
    """public_schemes, each with `published_versions` (newest first), in two queries."""
    published = SchemeVersion.objects.filter(published_at__isnull=False).order_by("-number")
    return public_schemes().prefetch_related(
        Prefetch("versions", queryset=published, to_attr="published_versions")
    )


def published_version(scheme: Scheme, number: int) -> SchemeVersion | None:
    """One published version of the scheme (a draft is not public: None)."""
    return (
        scheme.versions.filter(number=number, published_at__isnull=False)
        .prefetch_related("criteria")
        .first()
    )


def scheme_by_slug(slug: str) -> Scheme | None:
    return public_schemes().filter(slug=slug).first()


# --- The registry ------------------------------------------------------------------------


def standing_condition(standing: str, day: datetime.date) -> Q:
    """The database's form of Licence.standing(day) == standing (the same order of rules:
    withdrawn, then expired, then suspended, then not yet valid, then valid)."""
    alive = ~Q(status=LicenceStatus.WITHDRAWN) & Q(valid_until__gte=day)
    return {
        Standing.WITHDRAWN: Q(status=LicenceStatus.WITHDRAWN),
        Standing.EXPIRED: ~Q(status=LicenceStatus.WITHDRAWN) & Q(valid_until__lt=day),
        Standing.SUSPENDED: alive & Q(status=LicenceStatus.SUSPENDED),
        Standing.NOT_YET_VALID: alive & Q(status=LicenceStatus.ACTIVE, valid_from__gt=day),
        Standing.VALID: alive & Q(status=LicenceStatus.ACTIVE, valid_from__lte=day),
    }[standing]


def _with_public_fields(qs: QuerySet) -> QuerySet:
    """The related rows a registry row shows, and the day of the last suspension,
    reinstatement or withdrawal (`status_changed_at`), in the same query."""
    last_change = AuditEntry.objects.filter(
        licence=OuterRef("pk"), action__in=STATUS_ACTIONS
    ).order_by("-at", "-pk")
    return qs.select_related("actor", "scheme", "version", "lag").annotate(
        status_changed_at=Subquery(last_change.values("at")[:1])
    )


def registry(
    *, lag=None, scheme=None, standing: str = "", actor=None, q: str = "", day=None
) -> QuerySet:
    """Every licence ever issued, newest first, filtered. Withdrawn and expired licences
    stay listed (with their standing): whoever checks a mark on a shop window must be able
    to find out that it was withdrawn."""
    day = day or timezone.localdate()
    qs = Licence.objects.all()
    if lag is not None:
        qs = qs.filter(lag=lag)
    if scheme is not None:
        qs = qs.filter(scheme=scheme)
    if actor is not None:
        qs = qs.filter(actor=actor)
    if standing:
        qs = qs.filter(standing_condition(standing, day))
    if q:
        qs = qs.filter(_search(q))
    return _with_public_fields(qs).order_by("-valid_from", "-pk")


def _typed_code(typed: str) -> Q:
    """The licence whose number or printed code this is, as typed from paper; an empty Q
    when it is neither."""
    flat = squeezed(typed)
    match = Q()
    if number := _NUMBER.fullmatch(flat):
        prefix, year, serial = number.groups()
        match |= Q(number=f"{prefix}-{year}-{int(serial):04d}")
    if _SHORT_CODE.fullmatch(flat):
        match |= Q(short_code=flat)
    return match


def _search(q: str) -> Q:
    """A number (with or without dashes), a printed code, or words of the holder's name
    (case and Lithuanian accents ignored: the actors' folded `search_name`)."""
    match = Q(number__iexact=q.strip()) | _typed_code(q)
    words = Q()
    for term in search_terms(q):
        words &= Q(actor__search_name__contains=term)
    if words:
        match |= words
    return match


def licence_by_number(number: str) -> Licence | None:
    """The registry entry of one number (as printed: "BV-2026-0001"); None if unknown.
    What cannot be a number (any other character, too long) is not looked up."""
    if not _PRINTED_NUMBER.fullmatch(number or ""):
        return None
    return _with_public_fields(Licence.objects.filter(number=number)).first()


def newer_licence(licence: Licence) -> Licence | None:
    """The licence that renews this one (not withdrawn), for "renewed: see …"."""
    return licence.renewed_by.exclude(status=LicenceStatus.WITHDRAWN).order_by("-pk").first()


# --- Verification ------------------------------------------------------------------------


@dataclass(frozen=True)
class LicenceVerified:
    """What the verification page says of a licence: the standing and its day."""

    licence: Licence
    standing: str
    standing_label: str
    since: datetime.date | None  # suspended / withdrawn on; expired: the last valid day
    newer: Licence | None

    @property
    def is_valid(self) -> bool:
        return self.standing == Standing.VALID


def licence_for_verification(typed: str, *, day=None) -> LicenceVerified | None:
    """The licence whose number or printed code was typed (any case, with or without
    spaces and dashes), with its standing today; None when there is none."""
    match = _typed_code(typed)
    if not match:
        return None
    licence = _with_public_fields(Licence.objects.filter(match)).first()
    if licence is None:
        return None
    day = day or timezone.localdate()
    standing = licence.standing(day)
    since = None
    if standing == Standing.EXPIRED:
        since = licence.valid_until
    elif standing in (Standing.SUSPENDED, Standing.WITHDRAWN) and licence.status_changed_at:
        since = timezone.localdate(licence.status_changed_at)
    return LicenceVerified(
        licence=licence,
        standing=standing,
        standing_label=str(Standing(standing).label),
        since=since,
        newer=newer_licence(licence) if standing != Standing.VALID else None,
    )


@dataclass(frozen=True)
class AccreditationVerified:
    """What the verification page says of an accreditation's certificate: valid (until),
    not valid yet, expired (its last day) or withdrawn (on)."""

    accreditation: Accreditation
    standing: str
    standing_label: str
    since: datetime.date | None

    @property
    def is_valid(self) -> bool:
        return self.standing == Standing.VALID


def accreditation_for_verification(typed: str, *, day=None) -> AccreditationVerified | None:
    """The accreditation whose printed code (on its certificate) was typed, any case, with
    or without spaces and dashes; None when there is none."""
    flat = squeezed(typed)
    if not _SHORT_CODE.fullmatch(flat):
        return None
    accreditation = (
        Accreditation.objects.select_related("person", "scheme").filter(short_code=flat).first()
    )
    if accreditation is None:
        return None
    day = day or timezone.localdate()
    if accreditation.withdrawn_at is not None:
        standing, since = Standing.WITHDRAWN, timezone.localdate(accreditation.withdrawn_at)
    elif day < accreditation.valid_from:
        standing, since = Standing.NOT_YET_VALID, accreditation.valid_from
    elif day > accreditation.valid_until:
        standing, since = Standing.EXPIRED, accreditation.valid_until
    else:
        standing, since = Standing.VALID, accreditation.valid_until
    return AccreditationVerified(
        accreditation=accreditation,
        standing=standing,
        standing_label=str(Standing(standing).label),
        since=since,
    )
