"""People registered without an e-mail address, on the desk: the LAG's list with likely
duplicates, and merging two records of one person (events.services.offline_people_merge).

A coordinator sees the people registered for their LAGs' events; an administrator every
person without e-mail. Anyone else, and any other person, gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from kaimolink.accounts.phones import phone_display
from kaimolink.accounts.selectors import likely_duplicate_groups
from kaimolink.accounts.services import PeopleMergeError
from kaimolink.core.confirm import confirm_page, is_confirmed
from kaimolink.core.text import lt_sort_key
from kaimolink.desk import selectors
from kaimolink.desk.forms import PersonMergeForm
from kaimolink.events.selectors import offline_people_registered
from kaimolink.events.services import offline_people_merge


def _people(user):
    """The people without e-mail this desk user may see and merge; 404 for anyone else."""
    if not selectors.may_use_desk(user):
        raise Http404
    lag_ids = None if user.is_superuser else user.coordinated_lag_ids()
    return offline_people_registered(lag_ids=lag_ids)


@login_required
@require_GET
def people_list(request):
    """The people registered without e-mail, by name, and the groups that look like one
    person (the same name without case and accents, no two different phones)."""
    people = sorted(_people(request.user), key=lambda p: (lt_sort_key(p.full_name), p.pk))
    for person in people:
        person.phone_shown = phone_display(person.phone)
    context = {
        "people": people,
        "duplicates": likely_duplicate_groups(people),
        "empty_advice": [
            _(
                "When an organiser registers someone who has no e-mail address, the person "
                "appears here."
            )
        ],
    }
    return render(request, "desk/people/list.html", context)


def _summary(person) -> str:
    phone = phone_display(person.phone) if person.phone else _("no phone")
    count = ngettext(
        "%(count)d registration", "%(count)d registrations", person.registration_count
    ) % {"count": person.registration_count}
    return f"{person.full_name} · {phone} · {count}"


@login_required
@require_http_methods(["GET", "POST"])
def person_merge(request, pk):
    """Choose the person to keep, confirm, then merge `pk` into them (and delete `pk`)."""
    people = _people(request.user)
    duplicate = get_object_or_404(people, pk=pk)
    posted = request.POST if request.method == "POST" else None  # an empty POST is bound too
    initial = None if posted else {"keep": request.GET.get("keep")}
    form = PersonMergeForm(posted, initial=initial, duplicate=duplicate, people=people)
    list_url = reverse("desk:people")
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["keep"]
        if not is_confirmed(request):
            return confirm_page(
                request,
                title=_("Merge two records of one person"),
                question=_(
                    "Move everything of %(duplicate)s to %(keep)s and delete the record "
                    "%(duplicate)s?"
                )
                % {"duplicate": _summary(duplicate), "keep": _summary(keep)},
                details=[
                    _(
                        "Registrations, attendance, homework and certificates move to the "
                        "person you keep."
                    ),
                    _(
                        "Where both are registered for the same event, one registration is "
                        "kept and the other is cancelled."
                    ),
                ],
                button_label=_("Yes, merge and delete the other record"),
                back_url=list_url,
                hidden={"keep": keep.pk},
            )
        try:
            result = offline_people_merge(keep=keep, drop=duplicate, by=request.user)
        except PeopleMergeError as exc:
            form.add_error(None, str(exc))
        else:
            text = _("The two records are now one: %(person)s.") % {"person": result.kept}
            if result.doubled:
                text += " " + _(
                    "Both were registered for %(events)s: one registration was kept, the "
                    "other cancelled."
                ) % {"events": ", ".join(f"“{event.title}”" for event in result.doubled)}
            messages.success(request, text)
            return redirect(list_url)
    context = {
        "duplicate": duplicate,
        "duplicate_phone": phone_display(duplicate.phone),
        "form": form,
    }
    status = 400 if form.is_bound else 200
    return render(request, "desk/people/merge.html", context, status=status)
