from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. Logs in with e-mail; roles come from flags and from `Coordination` rows.

    Roles: member of actors (actors.ActorMembership), LAG coordinator (Coordination),
    consultant and evaluator (flags), platform administrator (is_superuser).
    """

    username = None
    # Empty (NULL) for a person an organiser registered who has no e-mail address: such an
    # account has no usable password and cannot log in. NULLs never collide in the unique index.
    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    # E.164 ("+37061234567", accounts.phones): kept for people registered without e-mail,
    # so that registering them again by name and phone finds the same person.
    phone = models.CharField(_("phone"), max_length=16, blank=True, db_index=True)
    is_consultant = models.BooleanField(_("consultant / trainer"), default=False)
    is_evaluator = models.BooleanField(_("evaluator"), default=False)
    language = models.CharField(
        _("language of e-mails"), max_length=8, choices=settings.LANGUAGES, default="lt"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name or self.email or f"#{self.pk}"

    @property
    def public_name(self) -> str:
        """The name shown on public pages: never the e-mail address (which __str__ falls
        back to, for organisers and the admin)."""
        return self.full_name or gettext("a member")

    def coordinated_lag_ids(self) -> set[int]:
        """Ids of the LAGs this person coordinates, cached on the instance for one request."""
        if not self.is_authenticated:
            return set()
        if not hasattr(self, "_coordinated_lag_ids"):
            self._coordinated_lag_ids = set(self.coordinations.values_list("lag_id", flat=True))
        return self._coordinated_lag_ids


class Coordination(models.Model):
    """This person is a coordinator of this LAG: manages what belongs to it, nothing else."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="coordinations")
    lag = models.ForeignKey("core.Lag", on_delete=models.CASCADE, related_name="coordinations")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("LAG coordinator")
        verbose_name_plural = _("LAG coordinators")
        constraints = [models.UniqueConstraint(fields=["user", "lag"], name="coordination_unique")]

    def __str__(self):
        return f"{self.user} — {self.lag}"
