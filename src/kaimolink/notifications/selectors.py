from django.db.models import F

from kaimolink.notifications.models import DeliveryChoice, Notification


def notifications_for(user):
    """The person's notifications, unread first, then newest first."""
    return Notification.objects.filter(recipient=user).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-pk"
    )


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def delivery_choices(user) -> dict[str, str]:
    """The person's chosen delivery of each kind they chose one for (kind -> delivery)."""
    return dict(DeliveryChoice.objects.filter(user=user).values_list("kind", "delivery"))
