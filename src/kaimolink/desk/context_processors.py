from kaimolink.desk.selectors import may_use_desk


def desk(request):
    """Whether the menu shows "Desk". A callable, so only the signed-in menu asks.

    No query for visitors, administrators and people who are not staff: coordinators are
    staff (they work in the admin too), so an ordinary member is answered from the user
    row already loaded; a staff member costs the coordinations, cached on the user and
    shared with the page's permission checks. A coordinator without the staff flag still
    reaches the desk from "My page".
    """
    user = getattr(request, "user", None)

    def shown() -> bool:
        if not (user and user.is_authenticated):
            return False
        return user.is_superuser or (user.is_staff and may_use_desk(user))

    return {"may_use_desk": shown}
