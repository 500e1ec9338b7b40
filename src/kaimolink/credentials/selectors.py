"""Reads of credentials: the one read path for views, other apps and the API."""

from django.db.models import Max
from django.utils import timezone

from kaimolink.credentials import statuslist, vc
from kaimolink.credentials.models import Credential

MAX_STATUS_INDEX = 2**31 - 1  # a PositiveIntegerField on every database


def credential_for_download(uuid) -> Credential | None:
    """The credential with this identifier, unless its holder's data was erased.

    Public: whoever has the identifier (the holder shares it) may download the credential.
    """
    return Credential.objects.filter(uuid=uuid, erased_at__isnull=True).first()


def credentials_of_person(*, person) -> list[Credential]:
    """The person's credentials, newest first (revoked ones too), in one query."""
    return list(Credential.objects.filter(person=person).order_by("-issued_at", "-id"))


def credentials_by_source(sources) -> dict[str, Credential]:
    """{source: credential} for those of `sources` that have one, in one query (for pages
    that list many documents, each with its credential)."""
    return {c.source: c for c in Credential.objects.filter(source__in=list(sources))}


def credential_by_source(source: str) -> Credential | None:
    return Credential.objects.filter(source=source).first()


def status_list_exists(number: int) -> bool:
    """Whether list `number` is one the platform uses (list 1 always is)."""
    if number == 1:
        return True
    low = (number - 1) * statuslist.LIST_SIZE
    if number < 1 or low > MAX_STATUS_INDEX:  # beyond what the column can hold: no query
        return False
    return Credential.objects.filter(status_index__gte=low).exists()


def status_list_jwt(number: int) -> str:
    """The signed BitstringStatusListCredential of list `number` (1, 2, …).

    validFrom is the last change of the list (its newest revocation or credential), so
    the token, signed deterministically, stays the same until the list changes.
    """
    low = (number - 1) * statuslist.LIST_SIZE
    in_list = Credential.objects.filter(
        status_index__gte=low, status_index__lt=low + statuslist.LIST_SIZE
    )
    indexes = [
        i - low
        for i in in_list.filter(revoked_at__isnull=False).values_list("status_index", flat=True)
    ]
    moments = in_list.aggregate(revoked=Max("revoked_at"), issued=Max("issued_at"))
    changes = [moment for moment in moments.values() if moment is not None]
    since = max(changes) if changes else timezone.now().replace(hour=0, minute=0, second=0)
    return vc.sign(vc.status_list_document(number, indexes, since))
