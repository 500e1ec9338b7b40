"""Reports of spam and abuse: made by members, handled by coordinators or administrators."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from kaimolink.moderation.models import Report
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.services import notify

EXCERPT_LENGTH = 1000


def moderators_for(lag) -> list:
    """Who handles a report: the LAG's coordinators and the administrators (or only these)."""
    people = Q(is_superuser=True)
    if lag is not None:
        people |= Q(coordinations__lag=lag)
    return list(get_user_model().objects.filter(people, is_active=True).distinct())


def report_create(*, reporter, target, reason: str, excerpt: str, url: str = "", lag=None):
    """Record the report and tell the moderators. A second open report of the same thing by
    the same person returns the first one unchanged."""
    content_type = ContentType.objects.get_for_model(target)
    existing = Report.objects.filter(
        content_type=content_type, object_id=target.pk, reporter=reporter, status=Report.Status.OPEN
    ).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            report = Report.objects.create(
                content_type=content_type,
                object_id=target.pk,
                reporter=reporter,
                reason=reason.strip()[:1000],
                excerpt=excerpt[:EXCERPT_LENGTH],
                url=url,
                lag=lag,
            )
    except IntegrityError:  # the same person, twice at once
        return Report.objects.get(
            content_type=content_type,
            object_id=target.pk,
            reporter=reporter,
            status=Report.Status.OPEN,
        )
    notify(
        recipients=moderators_for(lag),
        kind=Kind.MODERATION,
        title=gettext_noop("A new report waits for a moderator: %(reason)s"),
        params={"reason": report.reason[:80]},
        url=_queue_url(),
        exclude=reporter,
    )
    return report


def _queue_url() -> str:
    from django.urls import reverse
    from django.utils.translation import override

    with override("lt"):
        return reverse("moderation:queue")


def report_handle(*, report: Report, by, acted: bool, note: str = "") -> Report:
    report.status = Report.Status.ACTED if acted else Report.Status.DISMISSED
    report.handled_by = by
    report.handled_at = timezone.now()
    report.handling_note = note.strip()[:2000]
    report.save(update_fields=["status", "handled_by", "handled_at", "handling_note"])
    return report
