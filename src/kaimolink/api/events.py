"""Public read endpoints of events: the list with filters and one event's page.

Glue only: parameters are validated by a form that extends the web event list's
`EventFilterForm`, so the page and the API accept the same LAG, kind and theme values. Only
public events that are published, held or cancelled are shown (`selectors.public_events`);
drafts and invited-only events answer 404 as if they did not exist.

The querysets are written here rather than in `events.selectors` (which another change is
editing at the same time): the list needs every public event, past ones included, ordered
by start, which no selector there offers. They follow `selectors.public_events` and
`selectors.with_counts`; moving them into the selectors later changes no behaviour.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError as FormValidationError
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router

from kaimolink.api.query import valid_or_422
from kaimolink.api.schemas import (
    ErrorOut,
    EventDetail,
    EventFilters,
    EventPage,
    Page,
    ValidationErrorOut,
)
from kaimolink.core.models import Lag
from kaimolink.events.enums import VISIBLE_STATUSES, RegistrationStatus, Visibility
from kaimolink.events.forms import EventFilterForm
from kaimolink.events.models import Event, EventDay, EventSeries, Registration

router = Router()

# What Event.slug can hold; anything else is answered 404 without asking the database
# (PostgreSQL refuses to compare text holding a NUL character: a 500 otherwise).
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")
# Dates far outside the platform's life are typing mistakes; refusing them also keeps the
# "day after `to`" arithmetic away from datetime's year 9999 limit.
MIN_YEAR, MAX_YEAR = 2000, 2100


class EventApiFilterForm(EventFilterForm):
    """The web list's filters without `month`, plus `series` and a `from`–`to` period."""

    month = None  # the API filters by a period instead
    series = forms.ModelChoiceField(queryset=EventSeries.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these two fields cannot be class attributes.
        for name in ("from", "to"):
            self.fields[name] = forms.DateField(
                required=False,
                input_formats=["%Y-%m-%d"],
                error_messages={"invalid": gettext_lazy("Give the date as YYYY-MM-DD.")},
            )

    def _clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise FormValidationError(
                _("Give a date between the years %(min)d and %(max)d.")
                % {"min": MIN_YEAR, "max": MAX_YEAR},
                code="out_of_range",
            )
        return value

    def clean_from(self):
        return self._clean_date("from")

    def clean_to(self):
        return self._clean_date("to")

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            self.add_error(
                "to", FormValidationError(_("The end date is before the start date."), "order")
            )
        return data


def _filters(filters: EventFilters) -> dict:
    """The validated filters, or a 422 naming each refused parameter and the reason."""
    form = EventApiFilterForm(filters.form_data())
    valid_or_422(form)
    return form.cleaned_data


def _public_events() -> QuerySet:
    """Events every visitor may see listed: public and not drafts (as selectors.public_events)."""
    return Event.objects.filter(status__in=VISIBLE_STATUSES, visibility=Visibility.PUBLIC)


def _count_of(status: str):
    """Registrations of one status per event, as a subquery (joins would multiply rows)."""
    rows = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _with_counts(qs: QuerySet) -> QuerySet:
    """`confirmed_count` and `waiting_count` on each event, in the same query."""
    return qs.annotate(
        confirmed_count=_count_of(RegistrationStatus.CONFIRMED),
        waiting_count=_count_of(RegistrationStatus.WAITING),
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=ZoneInfo(settings.TIME_ZONE))


def events_public_list(*, lag=None, kind=None, series=None, theme=None, start=None, end=None):
    """Public events, by start (those without a programme last), counts annotated.

    `start`/`end` (dates) keep the events that are on in that period: still going on the
    `start` day and starting no later than the `end` day.
    """
    qs = _public_events()
    if lag is not None:
        qs = qs.filter(lags=lag)
    if kind:
        qs = qs.filter(kind=kind)
    if series is not None:
        qs = qs.filter(series=series)
    if theme is not None:
        qs = qs.filter(theme=theme)
    if start is not None:
        qs = qs.filter(ends_at__gte=_day_start(start))
    if end is not None:
        qs = qs.filter(starts_at__lt=_day_start(end + datetime.timedelta(days=1)))
    return (
        _with_counts(qs)
        .select_related("theme")
        .prefetch_related(Prefetch("lags", queryset=Lag.objects.order_by("name_sort")))
        .order_by(F("starts_at").asc(nulls_last=True), "id")
    )


def event_public_page(slug: str) -> Event | None:
    """One public, visible event with everything its page shows; None when there is none."""
    qs: QuerySet = (
        _with_counts(_public_events().filter(slug=slug))
        .select_related("theme", "series", "settlement", "trainer")
        .prefetch_related(
            Prefetch("lags", queryset=Lag.objects.order_by("name_sort")),
            Prefetch("days", queryset=EventDay.objects.order_by("date", "start_time")),
        )
    )
    return qs.first()


@router.get(
    "/events", response={200: EventPage, 422: ValidationErrorOut}, tags=["events"],
    summary="Public events", operation_id="events_list",
)  # fmt: skip
def events_list(request, filters: Query[EventFilters], page: Query[Page]):
    """Public events (published, held or cancelled), ordered by start, one page at a time.

    Past events are included: use `from` for those still to come. A refused value answers
    422 with `detail[].loc` naming the parameter and `detail[].msg` the reason.
    """
    data = _filters(filters)
    qs = events_public_list(
        lag=data.get("lag"),
        kind=data.get("kind") or None,
        series=data.get("series"),
        theme=data.get("theme"),
        start=data.get("from"),
        end=data.get("to"),
    )
    return {"count": qs.count(), "items": list(qs[page.offset : page.offset + page.limit])}


@router.get(
    "/events/{slug}", response={200: EventDetail, 404: ErrorOut}, tags=["events"],
    summary="A public event's page", operation_id="events_detail",
)  # fmt: skip
def events_detail(request, slug: str):
    """One public event with its days and venue; 404 for drafts and invited-only events."""
    event = event_public_page(slug) if _SLUG.fullmatch(slug) else None
    if event is None:
        raise Http404(_("No public event with this slug."))
    return event
