from django.db.models import F

from kaimolink.notifications.models import Notification


def notifications_for(user):
    """The person's notifications, unread first, then newest first."""
    return Notification.objects.filter(recipient=user).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-pk"
    )


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
