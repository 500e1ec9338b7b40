"""Virtual fairs: a LAG's fair of a season, its exhibitors' booths, questions, meetings.

A fair is open from `opens_at` to `closes_at` (its period, see `period`). An actor applies
to exhibit (ExhibitorApplication); when the coordinator accepts, the actor gets a Booth:
a presentation, a photo or a video link, products of its market catalogue, live hours.
Visitors who are signed in ask a booth questions (answered by the actor's members), keep
favourites and book meeting slots. A booth's visits are counted per day, without anyone's
data (BoothVisit). Every write goes through services.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimolink.core.uploads import PublicImageField, RandomName
from kaimolink.fairs.enums import ApplicationState, FairStatus, Period
from kaimolink.market.enums import Category
from kaimolink.market.models import unique_slug

PHOTO_SIDE = 1200


class FairQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=FairStatus.PUBLISHED)


class Fair(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True, editable=False)
    theme = models.CharField(
        _("theme"), max_length=200, blank=True, help_text=_("e.g. Christmas, autumn harvest")
    )
    description = models.TextField(_("description"), blank=True)
    lags = models.ManyToManyField("core.Lag", related_name="fairs", verbose_name=_("LAGs"))
    categories = models.JSONField(
        _("categories"),
        default=list,
        blank=True,
        help_text=_("The market categories the fair accepts; none chosen: all of them."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    settlement = models.ForeignKey(
        "core.Settlement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settlement of the live fair"),
    )
    address = models.CharField(_("address of the live fair"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FairStatus.choices, default=FairStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FairQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("virtual fair")
        verbose_name_plural = _("virtual fairs")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="fair_closes_after_opening"
            )
        ]
        indexes = [
            models.Index(fields=["status", "closes_at"], name="fair_status_closes"),
            models.Index(fields=["status", "opens_at"], name="fair_status_opens"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Fair, self.title, fallback="muge")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("fairs:fair", kwargs={"slug": self.slug})

    def period(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return Period.UPCOMING
        return Period.OPEN if now < self.closes_at else Period.PAST

    @property
    def is_open(self) -> bool:
        return self.status == FairStatus.PUBLISHED and self.period() == Period.OPEN

    @property
    def is_past(self) -> bool:
        return self.period() == Period.PAST

    @property
    def is_published(self) -> bool:
        return self.status == FairStatus.PUBLISHED

    def category_labels(self) -> list[str]:
        names = dict(Category.choices)
        return [str(names[c]) for c in self.categories if c in names]

    @property
    def is_hybrid(self) -> bool:
        return bool(self.settlement_id or self.address)


class LiveSession(models.Model):
    """A day and hours when the fair is live (online, or at its place for a hybrid fair)."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="sessions")
    day = models.DateField(_("day"))
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["day", "starts", "id"]
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="session_ends_later")
        ]
        indexes = [models.Index(fields=["fair", "day", "starts"], name="session_fair_day")]

    def __str__(self):
        return f"{self.day} {self.starts:%H:%M}–{self.ends:%H:%M}"


class ExhibitorApplication(models.Model):
    """An actor asks to exhibit at a fair; the fair's coordinator accepts or refuses."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="applications")
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="fair_applications"
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("note to the coordinator"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=ApplicationState.choices,
        default=ApplicationState.PENDING,
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("exhibitor application")
        verbose_name_plural = _("exhibitor applications")
        constraints = [
            models.UniqueConstraint(fields=["fair", "actor"], name="fair_application_once")
        ]
        indexes = [models.Index(fields=["fair", "state"], name="fair_application_state")]

    def __str__(self):
        return f"{self.actor} @ {self.fair}"


class Booth(models.Model):
    """An accepted exhibitor's stand at one fair."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="booths")
    actor = models.ForeignKey("actors.Actor", on_delete=models.CASCADE, related_name="booths")
    presentation = models.TextField(_("presentation"), blank=True)
    photo = PublicImageField(upload_to=RandomName("booths"), blank=True)
    photo_alt = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    video_url = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("A link to a video of you and your goods, starting with https://"),
    )
    live_hours = models.CharField(
        _("live hours"),
        max_length=300,
        blank=True,
        help_text=_("When someone is at the booth, e.g. Sat–Sun 10–14"),
    )
    products = models.ManyToManyField(
        "market.Product", related_name="booths", blank=True, verbose_name=_("products")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        constraints = [models.UniqueConstraint(fields=["fair", "actor"], name="booth_once")]

    def __str__(self):
        return f"{self.actor} @ {self.fair}"

    def get_absolute_url(self):
        return reverse("fairs:booth", kwargs={"slug": self.fair.slug, "booth_id": self.pk})


class BoothQuestion(models.Model):
    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("question"), max_length=2000)
    answer = models.TextField(_("answer"), blank=True, max_length=4000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("booth question")
        verbose_name_plural = _("booth questions")
        indexes = [models.Index(fields=["booth", "created_at"], name="booth_question_order")]

    def __str__(self):
        return self.text[:60]


class Favourite(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fair_favourites"
    )
    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["person", "booth"], name="favourite_once")]

    def __str__(self):
        return f"{self.person_id} ♥ {self.booth_id}"


class MeetingSlot(models.Model):
    """A time the booth offers for a meeting (a call, a video call, at the live fair)."""

    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("how or where"), max_length=300, blank=True, help_text=_("A phone call, a link, a place")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting time")
        verbose_name_plural = _("meeting times")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_slot_ends_later"
            )
        ]
        indexes = [models.Index(fields=["booth", "starts_at"], name="meeting_slot_booth")]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class MeetingBooking(models.Model):
    """A visitor's booking of a slot: one per slot (the unique `slot`), under a row lock."""

    slot = models.OneToOneField(MeetingSlot, on_delete=models.CASCADE, related_name="booking")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fair_meetings"
    )
    topic = models.CharField(_("what about"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["person", "created_at"], name="meeting_booking_person")]

    def __str__(self):
        return f"{self.slot} ({self.person_id})"


class BoothVisit(models.Model):
    """How many visits a booth had on a day: a number, nothing about who."""

    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="visits")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["booth", "day"], name="booth_visit_day")]

    def __str__(self):
        return f"{self.booth_id} {self.day}: {self.count}"
