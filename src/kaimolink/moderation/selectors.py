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
