"""How a project indicator is counted from the platform's records (when it is not typed in).

An indicator with an `IndicatorRule` is *computed*: its achieved value is the rule's measure
(indicators.measures) over the records that pass the rule's filter. Without one it is
*manual*: `Indicator.achieved` as typed (projects app).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.enums import ActorType
from kaimolink.events.enums import EventKind


def measure_choices():
    # Late import: the registry names model classes of the apps below.
    from kaimolink.indicators.measures import measure_choices as choices

    return choices()


class Scope(models.TextChoices):
    PROJECT = "project", _("The project's LAGs")
    ANY = "any", _("Every LAG on the platform")


class IndicatorRule(models.Model):
    """The measure and filter of a computed indicator.

    Scope "project" keeps the records of the LAGs that lead or partner the project (those
    on the platform); "any" keeps every LAG's. `lags`, when chosen, narrows either to those
    LAGs. The period (both ends included, Vilnius dates) applies to the date of each record
    the measure counts: an event's first day, an actor's creation, a post's or a
    conversation's start, an answer, a consultation's time.
    """

    indicator = models.OneToOneField(
        "projects.Indicator", on_delete=models.CASCADE, related_name="rule",
        verbose_name=_("indicator"),
    )  # fmt: skip
    measure = models.CharField(_("measure"), max_length=40, choices=measure_choices)
    scope = models.CharField(
        _("whose records"), max_length=10, choices=Scope.choices, default=Scope.PROJECT
    )
    lags = models.ManyToManyField(
        "core.Lag", blank=True, related_name="+", verbose_name=_("only these LAGs"),
        help_text=_("Leave empty for all the LAGs of the chosen scope."),
    )  # fmt: skip
    series = models.ManyToManyField(
        "events.EventSeries", blank=True, related_name="+", verbose_name=_("only these series"),
        help_text=_("Events only: leave empty for events of any series or of none."),
    )  # fmt: skip
    event_kind = models.CharField(
        _("kind of event"), max_length=12, choices=EventKind.choices, blank=True,
        help_text=_("Events only: leave empty for every kind."),
    )  # fmt: skip
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    min_hours = models.DecimalField(
        _("at least this many hours"), max_digits=6, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.1"), _("Give a number of hours above zero."))],
        help_text=_("For “participants who attended at least N hours”."),
    )  # fmt: skip
    per_event = models.BooleanField(
        _("average per event"), default=False,
        help_text=_("For attendance: the average number of participants per event held."),
    )  # fmt: skip
    actor_type = models.CharField(
        _("actor type"), max_length=24, choices=ActorType.choices, blank=True,
        help_text=_("Actors only: leave empty for every type."),
    )  # fmt: skip
    theme = models.ForeignKey(
        "core.Theme", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("theme"),
        help_text=_("Events, actors, partnership posts and questions: leave empty for any."),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator rule")
        verbose_name_plural = _("indicator rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="indicator_rule_period_ordered",
                violation_error_message=_("The period ends before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(min_hours__isnull=True) | Q(min_hours__gt=0),
                name="indicator_rule_hours_positive",
                violation_error_message=_("Give a number of hours above zero."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.get_measure_display()}"

    def clean(self):
        from kaimolink.indicators.measures import MEASURES

        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period ends before it starts.")
        measure = MEASURES.get(self.measure)
        if measure is not None and measure.needs_hours and self.min_hours is None:
            errors["min_hours"] = _("Give the number of hours a participant must attend.")
        if measure is not None and self.per_event and not measure.averages:
            errors["per_event"] = _("Only attendance can be averaged per event.")
        if errors:
            raise ValidationError(errors)
