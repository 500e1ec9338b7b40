from django.db.models import Count

from kaimolink.moderation.models import Report


def reports_visible_to(user, *, open_only: bool = False):
    """Administrators see every report; coordinators the reports of their LAGs."""
    reports = Report.objects.select_related("content_type", "reporter", "lag")
    if open_only:
        reports = reports.filter(status=Report.Status.OPEN)
    if user.is_superuser:
        return reports
    return reports.filter(lag_id__in=user.coordinated_lag_ids())


def can_moderate_reports(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(user.coordinated_lag_ids()))


def open_report_counts(*, lag_ids=None) -> dict[int | None, int]:
    """{LAG id: open reports} for these LAGs, one query; the LAG-less reports (only
    administrators handle them) come under None when every LAG is asked for (None)."""
    reports = Report.objects.filter(status=Report.Status.OPEN)
    if lag_ids is not None:
        reports = reports.filter(lag_id__in=lag_ids)
    rows = reports.order_by().values("lag_id").annotate(n=Count("pk")).values_list("lag_id", "n")
    return dict(rows)
