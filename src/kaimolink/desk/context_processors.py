from kaimolink.desk.selectors import may_use_desk


def desk(request):
    """Whether the menu shows "Desk". A callable, so the template asks only where it is
    needed (the signed-in menu): no query for visitors and administrators, and for others
    the coordinations cached on the user, which permission checks of the page share."""
    user = getattr(request, "user", None)
    return {"may_use_desk": lambda: may_use_desk(user)}
