"""Issuing and revoking credentials: the one write path for every app that issues them.

The apps that issue (certificates, certification) call these with a `source` of their own
("certificates.certificate:12"); this app knows nothing of them.
"""

import datetime
import hashlib
import secrets
from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimolink.credentials import statuslist, vc
from kaimolink.credentials.models import Credential
from kaimolink.credentials.vc import Achievement

__all__ = [
    "Achievement",
    "CredentialError",
    "credential_issue",
    "credential_jwt",
    "credential_revoke",
]

SOURCE_MAX = 120
REASON_MAX = 2000
# Random indexes are drawn from enough lists to keep them at most half full, so a draw
# rarely hits a taken bit; a clash (also with a rival transaction) draws again.
INDEX_ATTEMPTS = 30


class CredentialError(Exception):
    """A credential that cannot be issued or revoked; the message is for the person."""


def _achievement_json(achievement) -> dict:
    if isinstance(achievement, dict):
        try:
            achievement = Achievement(**achievement)
        except TypeError as exc:
            raise CredentialError(_("The achievement is not described correctly.")) from exc
    if not isinstance(achievement, Achievement):
        raise CredentialError(_("The achievement is not described correctly."))
    fields = asdict(achievement)
    if not all(isinstance(value, str) for value in fields.values()):
        raise CredentialError(_("The achievement is not described correctly."))
    if not (achievement.id.strip() and ":" in achievement.id and achievement.name.strip()):
        raise CredentialError(_("An achievement needs an identifier (a URI) and a name."))
    return achievement.as_json()


def _subject_fields(subject_identifier: str) -> dict:
    """An e-mail address becomes a salted SHA-256 hash (OB IdentityObject); a URI is the
    subject's id. The raw e-mail address is not kept."""
    identifier = (subject_identifier or "").strip()
    if not identifier:
        return {"subject_id": "", "subject_email_hash": "", "subject_email_salt": ""}
    try:
        validate_email(identifier)
    except ValidationError:
        if ":" not in identifier or any(c.isspace() for c in identifier) or len(identifier) > 500:
            raise CredentialError(
                _("The holder must be named by an e-mail address or a URI.")
            ) from None
        return {"subject_id": identifier, "subject_email_hash": "", "subject_email_salt": ""}
    salt = secrets.token_hex(16)
    digest = hashlib.sha256((identifier.lower() + salt).encode()).hexdigest()
    return {"subject_id": "", "subject_email_hash": f"sha256${digest}", "subject_email_salt": salt}


def _random_index() -> int:
    used = Credential.objects.count()
    lists = 1 + (2 * used) // statuslist.LIST_SIZE
    return secrets.randbelow(lists * statuslist.LIST_SIZE)


def _check_dates(valid_from, valid_until) -> None:
    if not isinstance(valid_from, datetime.datetime) or timezone.is_naive(valid_from):
        raise CredentialError(_("A credential needs the moment it is valid from."))
    if valid_until is not None:
        if not isinstance(valid_until, datetime.datetime) or timezone.is_naive(valid_until):
            raise CredentialError(_("The end of validity must be a moment in time."))
        if valid_until <= valid_from:
            raise CredentialError(_("A credential must end after it begins."))


@transaction.atomic
def credential_issue(
    *,
    source: str,
    subject_name: str,
    subject_identifier: str,
    achievement: Achievement | dict,
    valid_from: datetime.datetime,
    valid_until: datetime.datetime | None = None,
    person=None,
) -> Credential:
    """The credential of `source`, issued now or found from before.

    Idempotent per source: issuing the same source again returns the same credential (same
    identifier and status bit), with its holder, achievement and dates brought up to date
    when they changed (a renewed licence: a later `valid_until`); the holder downloads it
    again, an older copy still verifies. A revoked credential stays revoked: issuing its
    source again raises CredentialError (issue under a new source instead).
    `subject_identifier`: an e-mail address (published only as a salted hash) or a URI.
    Two callers issuing the same source at once get the same row (the unique source decides).
    """
    if not all(isinstance(v, str) for v in (source, subject_name or "", subject_identifier or "")):
        raise CredentialError(_("The source, the holder's name and identifier must be text."))
    source = (source or "").strip()
    if not source or len(source) > SOURCE_MAX:
        raise CredentialError(_("A credential needs a source of at most 120 characters."))
    _check_dates(valid_from, valid_until)
    fields = {
        "subject_name": (subject_name or "").strip()[:200],
        "achievement": _achievement_json(achievement),
        "valid_from": valid_from,
        "valid_until": valid_until,
        "person": person,
    }
    existing = Credential.objects.select_for_update().filter(source=source).first()
    if existing is None:
        created = _create(source=source, fields=fields, subject=_subject_fields(subject_identifier))
        if created is not None:
            return created
        existing = Credential.objects.select_for_update().get(source=source)
    return _update(existing, fields, subject_identifier)


def _create(*, source, fields, subject) -> Credential | None:
    """A new row with a free random status index; None when a rival created the source."""
    for attempt in range(INDEX_ATTEMPTS):
        try:
            with transaction.atomic():  # a savepoint: a clash rolls back only this insert
                return Credential.objects.create(
                    source=source, status_index=_random_index(), **fields, **subject
                )
        except IntegrityError:
            if Credential.objects.filter(source=source).exists():
                return None
            if attempt == INDEX_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _update(credential: Credential, fields: dict, subject_identifier: str) -> Credential:
    if credential.is_revoked:
        raise CredentialError(_("This credential has been revoked; it cannot be issued again."))
    changed = [name for name, value in fields.items() if getattr(credential, name) != value]
    subject = _subject_fields(subject_identifier)
    if subject["subject_email_hash"]:  # a fresh salt each time: compare the address itself
        subject_changed = bool(credential.subject_id) or not _same_email(
            credential, subject_identifier
        )
    else:
        subject_changed = (
            subject["subject_id"] != credential.subject_id or credential.subject_email_hash != ""
        )
    if subject_changed:
        changed += list(subject)
        fields = {**fields, **subject}
    if changed:
        for name in changed:
            setattr(credential, name, fields[name])
        credential.save(update_fields=[*changed, "updated_at"])
    return credential


def _same_email(credential: Credential, email: str) -> bool:
    digest = hashlib.sha256((email.strip().lower() + credential.subject_email_salt).encode())
    return credential.subject_email_hash == f"sha256${digest.hexdigest()}"


@transaction.atomic
def credential_revoke(*, reason: str, source: str = "", credential: Credential | None = None):
    """Revoke a credential (by `source` or the row): its status bit is set, so anyone who
    checks the status list sees it. Revoking is final; revoking again changes nothing and
    keeps the first reason (callers such as certificates have their own "already revoked"
    check). Returns the credential, or None when the source has none (nothing to revoke).
    """
    if credential is None and not source:
        raise CredentialError(_("Say which credential to revoke."))
    reason = (reason or "").strip()
    if not reason:
        raise CredentialError(_("Write why the credential is revoked."))
    if len(reason) > REASON_MAX:
        raise CredentialError(
            _("The reason may be at most %(max)d characters long.") % {"max": REASON_MAX}
        )
    rows = Credential.objects.select_for_update()
    found = rows.filter(pk=credential.pk) if credential is not None else rows.filter(source=source)
    credential = found.first()
    if credential is None or credential.is_revoked:
        return credential
    credential.revoked_at = timezone.now()
    credential.revoke_reason = reason
    credential.save(update_fields=["revoked_at", "revoke_reason", "updated_at"])
    return credential


def credential_jwt(credential: Credential) -> str:
    """The compact VC-JWT of the credential, signed with the platform's current key."""
    return vc.sign(vc.credential_document(credential))
