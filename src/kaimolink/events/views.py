import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat, truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimolink.actors.exporting import xlsx_cell_text
from kaimolink.core.confirm import confirm_page, is_confirmed
from kaimolink.core.pagecache import cache_public_page
from kaimolink.events import selectors, services
from kaimolink.events.enums import EventStatus, RegistrationStatus, Visibility
from kaimolink.events.forms import (
    FIRST_YEAR,
    LAST_YEAR,
    AssistedRegistrationForm,
    CancelForm,
    CapacityForm,
    EventFilterForm,
    RegistrationForm,
)
from kaimolink.events.ical import calendar_file
from kaimolink.events.models import Event, EventDay, Registration

EVENTS_PAGE_SIZE = 20
# Column headings of the calendar, Monday first. Django's own short names are single letters
# in Lithuanian ("P" is both Monday and Friday), so the usual two-letter ones are here.
WEEKDAYS_SHORT = [
    gettext_lazy("Mo"),
    gettext_lazy("Tu"),
    gettext_lazy("We"),
    gettext_lazy("Th"),
    gettext_lazy("Fr"),
    gettext_lazy("Sa"),
    gettext_lazy("Su"),
]


def get_event_for_user(user, slug: str) -> Event:
    """The event, when this person may see it; 404 whether it is missing or forbidden."""
    event = selectors.event_for_page(slug)
    if event is None or not user.has_perm("events.view_event", event):
        raise Http404
    return event


def _query(params, **changes) -> str:
    """The query string of `params` (a QueryDict) with some keys set or, given None, removed."""
    params = params.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


def _advice_link(params, text, **changes) -> str:
    return format_html('<a href="?{}">{}</a>', _query(params, **changes), text)


def _clear_filter_advice(params, filters: dict) -> list[str]:
    """A link for each filter set that takes just that filter away."""
    advice = []
    if filters.get("theme") is not None:
        advice.append(_advice_link(params, _("Clear the theme filter"), theme=None))
    if filters.get("kind"):
        advice.append(_advice_link(params, _("Show every kind of event"), kind=None))
    if filters.get("lag") is not None:
        advice.append(_advice_link(params, _("Show the events of every LAG"), lag=None))
    return advice


def _no_events(params, filters: dict) -> tuple[str, list[str]]:
    """The empty list's title and advice, fitting the filters the visitor chose."""
    past = filters["when"] == "past"
    lag = filters.get("lag")
    narrowed = filters.get("theme") is not None or filters.get("kind") or filters.get("month")
    if narrowed:
        title = (
            _("No past events match these filters") if past else _("No events match these filters")
        )
    elif lag is not None:
        title = (
            _("No past events of %(lag)s") if past else _("No upcoming events of %(lag)s yet")
        ) % {"lag": lag.name}
    else:
        title = _("No past events yet") if past else _("No upcoming events yet")
    advice = _clear_filter_advice(params, filters)
    if filters.get("month"):
        advice.append(_advice_link(params, _("Show every month"), month=None))
    if past:
        advice.append(_advice_link(params, _("Look at upcoming events"), when=None))
    else:
        advice.append(_advice_link(params, _("Look at past events"), when="past"))
    return title, advice


@require_GET
@cache_public_page(sections=("registrations",))
def event_list(request):
    """Upcoming events, soonest first, or (`?when=past`) the archive, the latest first.

    A LAG's archive is this list with `?lag=<slug>&when=past`.
    """
    form = EventFilterForm(request.GET)
    context = {"form": form, "page": None, "querystring": _query(request.GET)}
    status = 400
    if form.is_valid():
        status = 200
        filters = form.to_filter()
        paginator = Paginator(selectors.events_listed(**filters), EVENTS_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        empty_title, empty_advice = (
            _no_events(request.GET, filters) if not page.paginator.count else ("", [])
        )
        context.update(
            page=page,
            past=filters["when"] == "past",
            lag=filters["lag"],
            upcoming_query=_query(request.GET, when=None),
            past_query=_query(request.GET, when="past", month=None),
            empty_title=empty_title,
            empty_advice=empty_advice,
            now=timezone.now(),
        )
    template = "events/_results.html" if request.htmx else "events/list.html"
    return render(request, template, context, status=status)


@require_GET
@cache_public_page(sections=("registrations",))
def calendar(request):
    """A month of public events: a grid on wide screens, a list of days on phones.

    `?month=YYYY-MM` shows that month. Without it the calendar opens on this month if it
    has events, else on the next month that has some, and says so. `?lag=`, `?kind=`,
    `?theme=` filter as the list does. Invalid values answer 400 with the reason and a
    link to this month, never a 500.
    """
    form = EventFilterForm(request.GET)
    today = timezone.localdate()
    context = {"form": form, "today": today}
    if not form.is_valid():
        return render(request, "events/calendar.html", context, status=400)
    filters = form.to_filter()
    del filters["when"]  # the calendar shows past and coming days alike
    asked = filters.pop("month")
    this_month = today.replace(day=1)
    month, skipped = asked or this_month, None
    if asked is None:
        first = selectors.first_month_with_events(since=today, **filters)
        if first is not None and first != this_month:
            month, skipped = first, this_month
    month_calendar = selectors.month_calendar(month=month, today=today, **filters)

    def query(month):
        if not FIRST_YEAR <= month.year <= LAST_YEAR:
            return None
        return _query(request.GET, month=f"{month:%Y-%m}")

    context.update(
        calendar=month_calendar,
        skipped_month=skipped,
        weekdays=list(zip(month_calendar.weekdays, WEEKDAYS_SHORT, strict=True)),
        previous_query=query(month_calendar.previous),
        next_query=query(month_calendar.next),
        today_query=query(this_month) if month != this_month else None,
        list_query=query(month),
        lag=filters["lag"],
    )
    if not month_calendar.has_events:
        advice = _clear_filter_advice(request.GET, filters)
        advice.append(
            format_html(
                '<a href="{}">{}</a>',
                reverse("events:list") + "?when=past",
                _("Look at past events"),
            )
        )
        context.update(empty_advice=advice)
    return render(request, "events/calendar.html", context)


def _closed_reason(event: Event, now) -> str:
    """Why nobody can register right now, in a sentence (the event's page shows it)."""
    if event.status == EventStatus.CANCELLED:
        return _("This event is cancelled.")
    if event.status == EventStatus.DRAFT:
        return _("The event is not published yet.")
    if event.status == EventStatus.HELD or (event.ends_at is not None and now >= event.ends_at):
        return _("The event is over.")
    if event.starts_at is None:
        return _("Registration opens when the dates are announced.")
    if now >= event.starts_at:
        return _("The event has started: registration is closed.")
    if event.registration_opens and now < event.registration_opens:
        opens = timezone.localtime(event.registration_opens)
        return _("Registration opens on %(date)s at %(time)s.") % {
            "date": date_format(opens, "DATE_FORMAT"),
            "time": f"{opens:%H:%M}",
        }
    return _("Registration is closed.")


def _detail_context(request, event: Event, *, form=None, cancel_form=None, cancel_for=None) -> dict:
    """`cancel_form` with `cancel_for`: a refused cancellation, shown again in its row."""
    user = request.user
    now = timezone.now()
    registration_open = event.registration_is_open(now)
    over = event.status == EventStatus.HELD or (event.ends_at is not None and now >= event.ends_at)
    # A cancelled or finished event says so at the top of its page: no second reason below.
    said_at_top = over or event.status == EventStatus.CANCELLED
    context = {
        "event": event,
        "registration_open": registration_open,
        "closed_reason": "" if registration_open or said_at_top else _closed_reason(event, now),
        "self_registration": event.visibility == Visibility.PUBLIC,
        "started": event.starts_at is not None and now >= event.starts_at,
        "over": over,
        "when": selectors.programme_summary(list(event.days.all())),
    }
    if not user.is_authenticated:  # the cached public page: no forms, no CSRF token
        return context
    mine = selectors.live_registration(event=event, person=user)
    can_follow = user.has_perm("events.view_participants", event)
    context.update(
        my_registration=mine,
        waiting_position=(
            selectors.waiting_position(mine)
            if mine and mine.status == RegistrationStatus.WAITING
            else None
        ),
        form=form or RegistrationForm(event=event, user=user),
        cancel_form=cancel_form or CancelForm(),
        cancel_for=cancel_for,
        can_follow=can_follow,
        can_manage=user.has_perm("events.manage_registrations", event),
        participants=selectors.registrations_of_event(event=event) if can_follow else None,
    )
    return context


@require_GET
@cache_public_page(sections=("registrations",))
def event_detail(request, slug):
    event = get_event_for_user(request.user, slug)
    return render(request, "events/detail.html", _detail_context(request, event))


@login_required
@require_POST
def register(request, slug):
    event = get_event_for_user(request.user, slug)
    form = RegistrationForm(request.POST, event=event, user=request.user)
    if not form.is_valid():
        return render(
            request, "events/detail.html", _detail_context(request, event, form=form), status=400
        )
    try:
        registration = services.registration_create(
            event=event,
            person=request.user,
            actor=form.cleaned_data["actor"],
            answers=form.answers(),
        )
    except services.RegistrationError as exc:
        form.add_error(None, str(exc))
        return render(
            request, "events/detail.html", _detail_context(request, event, form=form), status=409
        )
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("You are registered. See you at the event!"))
    else:
        messages.info(
            request,
            _(
                "The event is full: you are on the waiting list and will get an e-mail "
                "when a place is yours."
            ),  # fmt: skip
        )
    return redirect(event)


def _cancel_confirmation(event: Event, registration: Registration, *, own: bool, reason: str):
    """core.confirm.confirm_page's arguments: what cancelling this registration will do."""
    started = event.starts_at is not None and timezone.now() >= event.starts_at
    passes_on = (
        registration.status == RegistrationStatus.CONFIRMED and event.waiting_count and not started
    )
    details = []
    if own:
        question = _("Cancel your registration for “%(event)s”?") % {"event": event.title}
        if registration.status == RegistrationStatus.WAITING:
            details.append(
                _("You leave the waiting list (you are number %(n)d).")
                % {"n": selectors.waiting_position(registration)}
            )
        elif passes_on:
            details.append(
                _("Your place goes to the first person on the waiting list, who gets an e-mail.")
            )
        else:
            details.append(_("Your place becomes free for others."))
        details.append(_("To come after all, you would have to register again."))
        back_url = event.get_absolute_url()
    else:
        person = str(registration.person)
        question = _("Cancel the registration of %(person)s for “%(event)s”?") % {
            "person": person,
            "event": event.title,
        }
        details.append(_("Reason: %(reason)s") % {"reason": reason})
        if registration.status == RegistrationStatus.WAITING:
            details.append(_("%(person)s leaves the waiting list.") % {"person": person})
        elif passes_on:
            details.append(
                _("The place goes to the first person on the waiting list, who gets an e-mail.")
            )
        back_url = event.get_absolute_url() + "#participants"
    return {
        "title": _("Cancel the registration"),
        "question": question,
        "details": details,
        "button_label": _("Yes, cancel the registration"),
        "back_url": back_url,
        "hidden": {"reason": reason} if reason else {},
    }


@login_required
@require_http_methods(["GET", "POST"])
def cancel_registration(request, slug, pk):
    """Cancel a registration, only after a confirmation page (works without JavaScript).

    GET, and a POST without `confirmed=1` (the participants table's form with its reason,
    an old form, a script), answer the confirmation page; only its POST with `confirmed=1`
    cancels. Someone else's registration (organisers only) needs a reason, written in the
    participants table, so a GET for one leads there.
    """
    event = get_event_for_user(request.user, slug)
    registration = selectors.registration_for_user(user=request.user, event=event, pk=pk)
    if registration is None:
        raise Http404
    if not registration.is_live:
        messages.info(request, _("This registration is already cancelled."))
        return redirect(event)
    own = registration.person_id == request.user.pk
    if request.method == "GET" and not own:
        return redirect(event.get_absolute_url() + "#participants")
    posted = request.POST if request.method == "POST" else None  # an empty POST is bound too
    form = CancelForm(posted, require_reason=not own)
    if request.method == "POST" and not form.is_valid():
        context = _detail_context(request, event, cancel_form=form, cancel_for=registration.pk)
        return render(request, "events/detail.html", context, status=400)
    reason = form.cleaned_data["reason"].strip() if form.is_bound else ""
    if not is_confirmed(request):
        return confirm_page(
            request, **_cancel_confirmation(event, registration, own=own, reason=reason)
        )
    try:
        services.registration_cancel(registration=registration, by=request.user, reason=reason)
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
        event = get_event_for_user(request.user, slug)  # fresh counts for the page
        # The form comes back bound: the reason the organiser wrote is not lost.
        context = _detail_context(request, event, cancel_form=form, cancel_for=registration.pk)
        return render(request, "events/detail.html", context, status=409)
    messages.success(request, _("The registration is cancelled."))
    return redirect(event)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@cache_public_page
def calendar_ics(request):
    """All public events (`?lag=<slug>` for one LAG's) as a calendar to subscribe to."""
    lag = None
    if request.GET.get("lag"):
        lag = selectors.lag_by_slug(request.GET["lag"])
        if lag is None:
            raise Http404
    events = selectors.events_for_calendar(lag=lag)
    name = f"kaimolink · {lag}" if lag else "kaimolink"
    content = calendar_file(
        events, name=name, url_for=lambda e: request.build_absolute_uri(e.get_absolute_url())
    )
    if lag is not None:
        return _ics_response(content, f"kaimolink-{lag.slug}.ics")
    return _ics_response(content, "kaimolink.ics")


@require_GET
@cache_public_page
def event_ics(request, slug):
    """The "add to calendar" file of one event."""
    event = get_event_for_user(request.user, slug)
    content = calendar_file(
        [event],
        name=event.title,
        url_for=lambda e: request.build_absolute_uri(e.get_absolute_url()),
    )
    return _ics_response(content, f"{event.slug}.ics")


# Organisers' pages: registering someone who is not online, and the number of places.


def get_managed_event(user, slug: str) -> Event:
    """The event when this person may manage its registrations; 404 for everyone else."""
    event = get_event_for_user(user, slug)
    if not user.has_perm("events.manage_registrations", event):
        raise Http404
    return event


def _assisted_result_message(result: services.AssistedRegistration, email: str) -> str:
    registration = result.registration
    person = str(registration.person)
    if registration.status == RegistrationStatus.CONFIRMED:
        text = _("%(person)s is registered: the place is confirmed.") % {"person": person}
    else:
        text = _("The event is full: %(person)s is on the waiting list (number %(position)d).") % {
            "person": person,
            "position": selectors.waiting_position(registration),
        }
    if result.person_created and email:
        text += " " + _(
            "A new account was made for them: they can start using it by choosing "
            "“Forgot password” with %(email)s."
        ) % {"email": email}
    elif result.person_created:
        text += " " + _("A new account without an e-mail address was made for them.")
    elif result.person_found:
        text += " " + _(
            "They were registered before without an e-mail address: the same name and phone "
            "found that record, so no second one was made."
        )
    return text


@login_required
@require_http_methods(["GET", "POST"])
def register_someone(request, slug):
    """An organiser registers a person by e-mail or name, recording the person's consent."""
    event = get_managed_event(request.user, slug)
    posted = request.POST if request.method == "POST" else None  # an empty POST is bound too
    form = AssistedRegistrationForm(posted, event=event)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.assisted_registration_create(
                    event=event,
                    by=request.user,
                    email=data["email"],
                    full_name=data["full_name"],
                    phone=data["phone"],
                    actor=data["actor"],
                    answers=form.answers(),
                    consent=data["consent"],
                )
            except services.RegistrationError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(request, _assisted_result_message(result, data["email"]))
                return redirect("events:register_someone", slug=event.slug)
    context = {
        "event": event,
        "form": form,
        "registration_open": event.registration_is_open(timezone.now()),
    }
    return render(request, "events/register_someone.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def capacity(request, slug):
    """The number of places: never below the confirmed ones; raising it promotes people."""
    event = get_managed_event(request.user, slug)
    posted = request.POST if request.method == "POST" else None
    form = CapacityForm(posted, initial={"capacity": event.capacity})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                change = services.event_change_capacity(
                    event=event, capacity=form.cleaned_data["capacity"], by=request.user
                )
            except services.RegistrationError as exc:
                form.add_error("capacity", str(exc))
            else:
                places = change.event.capacity
                messages.success(
                    request,
                    ngettext(
                        "The event now has %(count)d place.",
                        "The event now has %(count)d places.",
                        places,
                    )
                    % {"count": places},
                )
                if change.promoted:
                    count = len(change.promoted)
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d person was moved from the waiting list to a confirmed "
                            "place.",
                            "%(count)d people were moved from the waiting list to confirmed "
                            "places.",
                            count,
                        )
                        % {"count": count},
                    )
                return redirect("events:capacity", slug=event.slug)
    return render(request, "events/capacity.html", {"event": event, "form": form}, status=status)


# Attendance: marked on a phone at the door, exported for the paying agency's reports.

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PRESENT_MARK = "✓"


def get_followed_event(user, slug: str) -> Event:
    """The event when this person organises it or trains at it; 404 for everyone else."""
    event = get_event_for_user(user, slug)
    if not user.has_perm("events.view_participants", event):
        raise Http404
    return event


def _posted_id(value) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


def _attendance_url(event: Event, mark=None) -> str:
    url = reverse("events:attendance", kwargs={"slug": event.slug})
    if mark is not None:
        url += f"#mark-{mark.day.pk}-{mark.registration.pk}"
    return url


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, slug):
    """Each day's confirmed participants, one tap each to mark them present or not.

    A tap posts one mark: with htmx only that row (and the day's count) is swapped in;
    without JavaScript the same form posts and the page comes back at that row.
    """
    event = get_followed_event(request.user, slug)
    if request.method == "POST":
        return _attendance_post(request, event)
    sheet = selectors.attendance_sheet(event=event)
    context = {"event": event, "sheet": sheet, "days": sheet.by_day()}
    return render(request, "events/attendance.html", context)


def _attendance_post(request, event: Event):
    registration_id = _posted_id(request.POST.get("registration"))
    day_id = _posted_id(request.POST.get("day"))
    present = request.POST.get("present")
    if registration_id is None or day_id is None or present not in ("0", "1"):
        return HttpResponseBadRequest(
            _("The attendance mark could not be read."), content_type="text/plain; charset=utf-8"
        )
    registration = selectors.registration_of_event(event=event, pk=registration_id)
    day = selectors.event_day(day_id)
    if registration is None or day is None:
        raise Http404
    error = None
    try:
        services.attendance_mark(
            registration=registration, day=day, present=present == "1", by=request.user
        )
    except services.RegistrationError as exc:
        error = str(exc)
    # On an error the row stays as the person saw it: the opposite of what they asked for.
    mark = selectors.AttendanceMark(
        registration=registration, day=day, present=(present == "1") != bool(error)
    )
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_attendance_url(event, mark))
    # htmx swaps only 2xx answers, so a refusal comes back as a 200 row that shows it.
    context = {"event": event, "mark": mark, "error": error}
    if not error:  # the day's heading says how many are present: sent along out of band
        context["day_count"] = selectors.day_attendance_count(day=day)
    return render(request, "events/attendance_row.html", context)


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # names and e-mail addresses
    return response


def _day_label(day: EventDay) -> str:
    return f"{day.date:%Y-%m-%d}"


def _person_name(registration: Registration) -> str:
    return registration.person.full_name or registration.person.email or ""


@login_required
@require_GET
def attendance_xlsx(request, slug):
    """The attendance list as a spreadsheet: one row per confirmed person, ✓ per day."""
    event = get_followed_event(request.user, slug)
    sheet = selectors.attendance_sheet(event=event)
    buffer = io.BytesIO()
    _write_attendance_xlsx(sheet, buffer)
    return _download(
        buffer.getvalue(), content_type=XLSX_CONTENT_TYPE, filename=f"{event.slug}-attendance.xlsx"
    )


def _write_attendance_xlsx(sheet: selectors.AttendanceSheet, file) -> None:
    """No., name, e-mail, actor, a ✓ column per day, hours attended; a totals row at the end.

    Texts go through `xlsx_cell_text` (formula injection escaped, control characters
    removed); numbers stay numbers so the office can sum them.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    ws = workbook.active
    title = "".join(ch for ch in sheet.event.title if ch not in "[]:*?/\\")[:31]
    ws.title = title or "Sheet"
    workbook.properties.title = sheet.event.title[:255]
    workbook.properties.creator = "kaimolink"
    header = [_("No."), _("Name"), _("E-mail"), _("On behalf of")]
    header += [_day_label(day) for day in sheet.days]
    header.append(_("Hours attended"))
    ws.append([xlsx_cell_text(str(label)) for label in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for number, registration in enumerate(sheet.registrations, start=1):
        row = [
            number,
            xlsx_cell_text(_person_name(registration)),
            xlsx_cell_text(registration.person.email or ""),
            xlsx_cell_text(registration.actor.name) if registration.actor else None,
        ]
        row += [PRESENT_MARK if sheet.is_present(registration, d) else None for d in sheet.days]
        row.append(sheet.hours_attended(registration))
        ws.append(row)
    if sheet.registrations:
        days = sheet.by_day()
        total = sum((sheet.hours_attended(r) for r in sheet.registrations), 0)
        ws.append([None, _("Total present"), None, None, *(d.count.present for d in days), total])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
    widths = [6, 32, 32, 32, *([12] * len(sheet.days)), 14]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    center = Alignment(horizontal="center")
    for row in ws.iter_rows(min_row=2, min_col=5, max_col=4 + len(sheet.days)):
        for cell in row:
            cell.alignment = center
    ws.freeze_panes = "C2"
    workbook.save(file)


@login_required
@require_GET
def attendance_pdf(request, slug):
    """A printable list to sign: the event's facts, then one row per person, a box per day."""
    event = get_followed_event(request.user, slug)
    sheet = selectors.attendance_sheet(event=event)
    return _download(
        _attendance_pdf(sheet),
        content_type="application/pdf",
        filename=f"{event.slug}-attendance.pdf",
    )


def _attendance_pdf(sheet: selectors.AttendanceSheet) -> bytes:
    from kaimolink.core.pdf import fit_text, new_pdf

    event = sheet.event
    days = sheet.days
    pdf = new_pdf(
        title=event.title,
        orientation="landscape" if len(days) > 2 else "portrait",
        footer=truncatechars(event.title, 90),
    )
    pdf.add_page()
    pdf.set_font(style="B", size=14)
    pdf.multi_cell(0, 7, event.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(style="", size=11)
    pdf.cell(0, 7, _("Attendance list"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    venue = ", ".join(
        part for part in (event.address, event.settlement.name if event.settlement else "") if part
    )
    facts = [
        (_("Organised by"), ", ".join(lag.name for lag in event.lags.all())),
        (
            _("Dates"),
            "; ".join(f"{_day_label(d)} {d.start_time:%H:%M}–{d.end_time:%H:%M}" for d in days),
        ),
        (_("Venue"), venue or event.online_url),
        (_("Trainer"), str(event.trainer) if event.trainer else ""),
        (_("Hours"), floatformat(event.hours, -1) if event.hours else ""),
    ]
    pdf.set_font(size=10)
    label_width = 32
    for label, value in facts:
        if not value:
            continue
        pdf.set_font(style="B")
        pdf.cell(label_width, 6, f"{label}:")
        pdf.set_font(style="")
        pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    number_width, name_width, actor_width = 10, 58, 48
    columns = max(len(days), 1)
    sign_width = (pdf.epw - number_width - name_width - actor_width) / columns
    row_height = 11

    def table_header():
        top = pdf.get_y()
        pdf.set_font(style="B", size=9)
        pdf.cell(number_width, 12, _("No."), border=1, align="C")
        pdf.cell(name_width, 12, _("Name"), border=1)
        pdf.cell(actor_width, 12, _("On behalf of"), border=1)
        pdf.cell(sign_width * columns, 6, _("Signature"), border=1, align="C")
        pdf.set_xy(pdf.l_margin + number_width + name_width + actor_width, top + 6)
        for day in days or [None]:
            pdf.cell(sign_width, 6, _day_label(day) if day else "", border=1, align="C")
        pdf.set_xy(pdf.l_margin, top + 12)
        pdf.set_font(style="", size=10)

    table_header()
    for number, registration in enumerate(sheet.registrations, start=1):
        if pdf.will_page_break(row_height):
            pdf.add_page()
            table_header()
        actor = registration.actor.name if registration.actor else ""
        pdf.cell(number_width, row_height, str(number), border=1, align="C")
        pdf.cell(
            name_width, row_height, fit_text(pdf, _person_name(registration), name_width), border=1
        )
        pdf.set_font(size=8)
        pdf.cell(actor_width, row_height, fit_text(pdf, actor, actor_width), border=1)
        pdf.set_font(size=10)
        for _day in days or [None]:
            pdf.cell(sign_width, row_height, "", border=1)
        pdf.ln(row_height)
    if not sheet.registrations:
        pdf.cell(0, row_height, _("Nobody has registered yet."), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    if pdf.will_page_break(20):
        pdf.add_page()
    line = "_" * 30
    trainer = str(event.trainer) if event.trainer else line
    pdf.cell(0, 8, f"{_('Trainer or lecturer')}: {trainer}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, f"{_('Signature')}: {line}")
    return bytes(pdf.output())
