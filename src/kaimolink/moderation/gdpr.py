"""Reports the person made. Erasure: the reports stay for the moderators, without the name."""

from kaimolink.moderation.models import Report


def personal_data(user) -> dict:
    return {
        "reports_made": [
            {"reason": r.reason, "url": r.url, "status": r.status, "at": r.created_at.isoformat()}
            for r in Report.objects.filter(reporter=user).order_by("created_at")
        ]
    }


def erase(user) -> None:
    """Nothing beyond SET_NULL on the reporter: the report itself is not about the person."""
