"""Computed figures go stale when the records they count change.

Events, certificates, actors and partnership posts already make every cached public page
stale (their apps' signals). The records below change more often and are shown on few
public pages, so they make only the project pages' section stale (projects.results).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from kaimolink.consultations.models import Answer, Booking
from kaimolink.core.pagecache import public_pages_changed
from kaimolink.events.models import Attendance, Registration
from kaimolink.homework.models import Submission
from kaimolink.indicators.models import IndicatorRule
from kaimolink.messaging.models import Conversation
from kaimolink.projects.results import SECTION


def _results_changed(sender, **kwargs):
    public_pages_changed(SECTION)


def _rule_changed(sender, **kwargs):
    public_pages_changed()


def connect() -> None:
    for model in (Attendance, Registration, Submission, Answer, Booking, Conversation):
        label = model._meta.label
        post_save.connect(_results_changed, sender=model, dispatch_uid=f"results-save-{label}")
        post_delete.connect(_results_changed, sender=model, dispatch_uid=f"results-del-{label}")
    post_save.connect(_rule_changed, sender=IndicatorRule, dispatch_uid="results-rule-save")
    post_delete.connect(_rule_changed, sender=IndicatorRule, dispatch_uid="results-rule-delete")
    for name in ("lags", "series"):
        through = getattr(IndicatorRule, name).through
        m2m_changed.connect(_rule_changed, sender=through, dispatch_uid=f"results-rule-{name}")
