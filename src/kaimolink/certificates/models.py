import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaimolink.core import codes
from kaimolink.core.codes import SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH, grouped  # noqa: F401


def new_code() -> str:
    """A random, unguessable, URL-safe code (22 characters, 128 bits)."""
    return secrets.token_urlsafe(16)


def new_short_code() -> str:
    """The certificate's printed code (kaimolink.core.codes; named so by migration 0001)."""
    return codes.new_short_code()


class Certificate(models.Model):
    """A certificate kaimolink issued, verifiable at /<lang>/verify/<short code>/.

    `code` is long and random (the PDF's download address, and the verification links
    of certificates printed before the short code existed keep working with it);
    `short_code` is what the paper shows and people type; the number works too.

    Holder name, title and hours are copies taken when it was issued: a certificate says
    what was true then, even if the person or the event is renamed later.
    """

    class Kind(models.TextChoices):
        ATTENDANCE = "attendance", _("Certificate of attendance")

    code = models.CharField(_("code"), max_length=32, unique=True, default=new_code, editable=False)
    short_code = models.CharField(
        _("printed code"),
        max_length=SHORT_CODE_LENGTH,
        unique=True,
        default=new_short_code,
        editable=False,
    )
    number = models.CharField(_("number"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # Empty once the holder erased their account (see certificates/gdpr.py): the entry
    # stays in the registry so the verification page still answers for the paper.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("event"),
    )
    registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("registration"),
    )
    holder_name = models.CharField(_("holder's name"), max_length=200, blank=True)
    title = models.CharField(_("event title"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind"], name="certificate_one_per_registration"
            ),
        ]

    def __str__(self):
        return f"{self.number} · {self.holder_name}"

    def get_absolute_url(self):
        return reverse("verify", kwargs={"code": self.printed_code})

    @property
    def printed_code(self) -> str:
        return grouped(self.short_code)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def pdf_url(self):
        return reverse("certificates:pdf", kwargs={"code": self.code})

    def badge_url(self, fmt: str = "png"):
        """The certificate as an Open Badges credential: "png" (baked), "jwt" or "json"."""
        return reverse("certificates:badge", kwargs={"code": self.code, "fmt": fmt})
