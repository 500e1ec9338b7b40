"""The person's notifications and e-mail choices, for the GDPR export (erasure: CASCADE)."""

from kaimolink.notifications.models import DeliveryChoice, Notification


def personal_data(user) -> dict:
    return {
        "notifications": [
            {
                "kind": n.kind,
                "title": n.title,
                "url": n.url,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in Notification.objects.filter(recipient=user).order_by("created_at")
        ],
        "notification_email_choices": dict(
            DeliveryChoice.objects.filter(user=user).values_list("kind", "delivery")
        ),
    }


def erase(user) -> None:
    """Nothing beyond the CASCADE of the account."""
