import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SigningKey(models.Model):
    """One of the platform's Ed25519 keys that sign credentials (`kid` = DID + "#key-<number>").

    Kept in the database, not in a file of the data directory: application servers keep no
    state of their own (docs/deploy.md), so N servers behind a load balancer must sign with
    the same key, and a key must survive a server being replaced; the database is what they
    share and what is backed up. The private key is stored encrypted (PKCS#8 with a password
    derived from SECRET_KEY), so a database dump alone cannot sign; if SECRET_KEY changes,
    the key can no longer be opened and the next signature rotates to a new key (old
    credentials keep verifying with the old public key).

    The public key of every key ever used stays published (JWKS, did.json) so credentials
    signed with it keep verifying; a retired key's private part is wiped.
    """

    number = models.PositiveIntegerField(_("number"), unique=True)
    public_jwk = models.JSONField(_("public key (JWK)"))
    private_pem = models.TextField(_("private key (encrypted PEM)"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")

    def __str__(self):
        return f"key-{self.number}"

    @property
    def is_current(self) -> bool:
        return self.retired_at is None and bool(self.private_pem)


class Credential(models.Model):
    """A verifiable credential (Open Badges 3.0 OpenBadgeCredential) the platform issued.

    Another app chooses `source` ("certificates.certificate:12"): issuing the same source
    again finds this row. The JWT is not stored: it is rebuilt from these fields and signed
    again when downloaded (Ed25519 signatures are deterministic, so the same fields and key
    give the same token). Subject name and achievement are copies taken when issued.

    `status_index` is the credential's bit in the revocation status lists (list
    index // LIST_SIZE, bit index % LIST_SIZE): drawn at random (the Bitstring Status List
    recommends it, so neighbouring bits say nothing about each other) and unique.
    """

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    source = models.CharField(_("source"), max_length=120, unique=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credentials",
        verbose_name=_("holder"),
    )
    subject_name = models.CharField(_("holder's name"), max_length=200, blank=True)
    # A URI naming the holder (credentialSubject.id), or empty when the holder is named by
    # a hashed e-mail address (credentialSubject.identifier) instead.
    subject_id = models.CharField(_("holder's identifier"), max_length=500, blank=True)
    subject_email_hash = models.CharField(_("holder's e-mail hash"), max_length=80, blank=True)
    subject_email_salt = models.CharField(max_length=40, blank=True, editable=False)
    achievement = models.JSONField(_("achievement"))
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    status_index = models.PositiveIntegerField(_("status list index"), unique=True)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    # Set when the holder erased their account (credentials/gdpr.py): the entry and its
    # status bit stay, the personal data is gone and the credential is no longer served.
    erased_at = models.DateTimeField(_("holder's data erased"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("verifiable credential")
        verbose_name_plural = _("verifiable credentials")

    def __str__(self):
        return f"{self.source} · {self.achievement.get('name', '')}"

    @property
    def urn(self) -> str:
        return f"urn:uuid:{self.uuid}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def name(self) -> str:
        return self.achievement.get("name", "")
