"""Writes of a project's indicators and their rules (the desk's one path)."""

from django.db import transaction

from kaimolink.indicators.models import IndicatorRule
from kaimolink.projects.models import Indicator

RULE_FIELDS = (
    "measure", "scope", "event_kind", "period_start", "period_end", "min_hours", "per_event",
    "actor_type", "theme",
)  # fmt: skip


@transaction.atomic
def indicator_save(*, indicator: Indicator, rule: dict | None) -> Indicator:
    """Save `indicator` (its project set, validated by the caller) and make it computed by
    `rule` (a RuleForm's cleaned data) or manual (`rule` None: its rule, if any, removed).
    A computed indicator keeps no typed achieved value."""
    if rule is not None:
        indicator.achieved = None
    if indicator.pk is None and indicator.position == 0:
        last = Indicator.objects.filter(project=indicator.project).order_by("-position").first()
        indicator.position = last.position + 1 if last else 0
    indicator.save()
    if rule is None:
        IndicatorRule.objects.filter(indicator=indicator).delete()
        return indicator
    values = {name: rule[name] for name in RULE_FIELDS}
    saved, _created = IndicatorRule.objects.update_or_create(indicator=indicator, defaults=values)
    saved.lags.set(rule.get("lags") or [])
    saved.series.set(rule.get("series") or [])
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> None:
    """Delete the indicator and its rule."""
    indicator.delete()
