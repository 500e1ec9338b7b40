"""Destructive actions confirm without JavaScript (docs/design-system.md).

The action's button is a link to the action's URL. A GET there renders core/confirm.html;
its form POSTs back with `confirmed=1`, and only that POST acts. A POST without it (an old
inline form, a bot, a double click on a stale page) also gets the confirm page, so nothing
is ever deleted or cancelled by a single request that did not pass through the question.
"""

from django.shortcuts import render

CONFIRMED = "confirmed"


def is_confirmed(request) -> bool:
    """True when this request is the POST sent from the confirm page."""
    return request.method == "POST" and request.POST.get(CONFIRMED) == "1"


def confirm_page(
    request,
    *,
    title,
    question,
    button_label,
    back_url,
    details=(),
    hidden=None,
    form=None,
    status=200,
):
    """The confirm page for the action at this request's own URL.

    `form` (optional) holds fields the action needs, e.g. a reason; a bound form with
    errors is shown with its error summary. The caller checks permission before calling.
    """
    context = {
        "title": title,
        "question": question,
        "details": list(details),
        "action_url": request.get_full_path(),
        "button_label": button_label,
        "back_url": back_url,
        "hidden": hidden or {},
        "form": form,
    }
    return render(request, "core/confirm.html", context, status=status)
