from kaimolink.notifications.selectors import unread_count


def notifications(request):
    """The unread count next to "Notifications" in the menu (one query, signed-in only)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
