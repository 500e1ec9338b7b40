import datetime
import itertools
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kaimolink.core.text import fold
from kaimolink.events.enums import EventKind, EventStatus, RegistrationStatus, Visibility

# Paths under /events/ that an event's slug must never take.
RESERVED_SLUGS = {"calendar", "new"}


def event_slug_candidates(title: str) -> Iterator[str]:
    base = slugify(fold(title))[:200] or "renginys"
    if base in RESERVED_SLUGS:
        base = f"{base}-renginys"
    yield base
    yield from (f"{base}-{n}" for n in itertools.count(2))


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """A programme time is wall-clock time of the platform (Europe/Vilnius)."""
    return datetime.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def validate_questions(value) -> None:
    if not isinstance(value, list) or not all(isinstance(q, str) and q.strip() for q in value):
        raise ValidationError(_("Questions must be a list of texts."))


class EventSeries(models.Model):
    """A programme that groups events, e.g. "11 trainings per LAG"."""

    title = models.CharField(_("title"), max_length=200)
    lags = models.ManyToManyField(
        "core.Lag", related_name="event_series", blank=True, verbose_name=_("LAGs")
    )
    theme = models.ForeignKey(
        "core.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("theme or training topic"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self):
        return self.title


class Event(models.Model):
    """A training, conference, workshop or meeting that people register for.

    `starts_at` and `ends_at` are copies of the first start and the last end of the
    programme days (kept by events.signals whenever a day changes): lists filter and sort
    on them with an index instead of joining the days.
    """

    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    lags = models.ManyToManyField("core.Lag", related_name="events", verbose_name=_("LAGs"))
    theme = models.ForeignKey(
        "core.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("theme or training topic"),
    )
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    settlement = models.ForeignKey(
        "core.Settlement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("settlement"),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    capacity = models.PositiveIntegerField(_("places"))
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events_trained",
        verbose_name=_("trainer or lecturer"),
    )
    registration_opens = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Empty: as soon as the event is published."),
    )
    registration_closes = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: when the event starts."),
    )
    questions = models.JSONField(
        _("questions to participants"),
        default=list,
        blank=True,
        help_text=_('Optional, a list of texts, e.g. ["Dietary needs"].'),
        validators=[validate_questions],
    )
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    requires_homework = models.BooleanField(
        _("certificate requires accepted homework"), default=False
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True, editable=False)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=0), name="event_capacity_not_negative"
            ),
            models.CheckConstraint(condition=Q(hours__gte=0), name="event_hours_not_negative"),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True)
                | Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="event_position_valid",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gt=F("registration_opens")),
                name="event_registration_window_valid",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "visibility", "starts_at"], name="event_status_start"),
            models.Index(fields=["status", "visibility", "ends_at"], name="event_status_end"),
            models.Index(fields=["kind", "starts_at"], name="event_kind_start"),
            models.Index(fields=["series", "starts_at"], name="event_series_start"),
            models.Index(fields=["trainer", "starts_at"], name="event_trainer_start"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            taken = Event.objects.all()
            self.slug = next(
                s for s in event_slug_candidates(self.title) if not taken.filter(slug=s).exists()
            )
        if self.settlement_id and (self.lat is None or self.lon is None):
            self.lat, self.lon = self.settlement.lat, self.settlement.lon
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def refresh_dates(self) -> None:
        """Copy the first start and the last end of the programme days onto the event."""
        days = list(self.days.order_by("date", "start_time"))
        self.starts_at = local_datetime(days[0].date, days[0].start_time) if days else None
        last = max(days, key=lambda d: (d.date, d.end_time)) if days else None
        self.ends_at = local_datetime(last.date, last.end_time) if last else None
        Event.objects.filter(pk=self.pk).update(starts_at=self.starts_at, ends_at=self.ends_at)

    @property
    def lag_ids(self) -> set[int]:
        """Ids of the organising LAGs (uses the prefetched LAGs when there are any)."""
        return {lag.pk for lag in self.lags.all()}

    @property
    def places_left(self) -> int:
        """Free places; reads `confirmed_count` when a selector annotated it."""
        confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        return max(self.capacity - confirmed, 0)

    @property
    def registration_closes_at(self):
        return self.registration_closes or self.starts_at

    def registration_is_open(self, now) -> bool:
        if self.status != EventStatus.PUBLISHED:
            return False
        if self.registration_opens and now < self.registration_opens:
            return False
        closes = self.registration_closes_at
        return closes is not None and now < closes


class EventDay(models.Model):
    """One day of an event's programme, in the platform's local time."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    programme = models.TextField(_("programme"), blank=True)

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("event day")
        verbose_name_plural = _("event days")
        constraints = [
            models.UniqueConstraint(fields=["event", "date"], name="event_day_unique"),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="event_day_ends_after_start",
                violation_error_message=_("A day must end after it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def starts_at(self):
        return local_datetime(self.date, self.start_time)

    @property
    def ends_at(self):
        return local_datetime(self.date, self.end_time)


class Registration(models.Model):
    """A person's place (or place in the queue) at an event.

    A person holds at most one live (confirmed or waiting) registration per event; a
    cancelled one stays for the record and does not stop them registering again.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("on behalf of"),
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    consent_recorded = models.BooleanField(
        _("consent recorded"),
        default=False,
        help_text=_("For a registration made by a coordinator: the person agreed to it."),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_live_per_person",
                violation_error_message=_("This person is already registered for this event."),
            ),
        ]
        indexes = [
            # Counting places and finding the next person on the waiting list.
            models.Index(fields=["event", "status", "created_at"], name="registration_queue"),
            models.Index(fields=["person", "-created_at"], name="registration_person"),
        ]

    def __str__(self):
        return f"{self.person} — {self.event} ({self.get_status_display()})"

    @property
    def is_live(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED


class RegistrationLogEntry(models.Model):
    """Audit trail of a registration: created, promoted, cancelled; capacity changes."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Registered")
        PROMOTED = "promoted", _("Promoted from the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        CAPACITY = "capacity", _("Capacity changed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="log_entries")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, null=True, blank=True, related_name="log_entries"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_status = models.CharField(max_length=10, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("registration log entry")
        verbose_name_plural = _("registration log entries")

    def __str__(self):
        return f"{self.event} · {self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class Attendance(models.Model):
    """Whether a confirmed participant was present on one day of the event.

    One row per registration and day, written by `services.attendance_mark` (an upsert):
    no row means "not marked yet", which the lists and figures treat as not present.
    """

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("registration"),
    )
    day = models.ForeignKey(
        EventDay, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("day")
    )
    present = models.BooleanField(_("present"), default=False)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )
    marked_at = models.DateTimeField(_("marked"), default=timezone.now)

    class Meta:
        ordering = ["day", "registration"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="attendance_unique"),
        ]
        indexes = [
            # The day's list and the event's figures: present rows of some days.
            models.Index(fields=["day", "present"], name="attendance_day_present"),
        ]

    def __str__(self):
        return f"{self.registration.person} · {self.day.date:%Y-%m-%d} · {self.present}"
