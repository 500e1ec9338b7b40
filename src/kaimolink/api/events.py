"""Public read endpoints of events: the list with filters and one event's page.

Glue only: parameters are validated by a form that extends the web event list's
`EventFilterForm`, so the page and the API accept the same LAG, kind and theme values. Only
public events that are published, held or cancelled are shown (`selectors.public_events`);
drafts and invited-only events answer 404 as if they did not exist.

Rows come from `events.selectors`, the one read path of events.
"""

import re

from django import forms
from django.core.exceptions import ValidationError as FormValidationError
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
from kaimolink.events import selectors
from kaimolink.events.forms import EventFilterForm
from kaimolink.events.models import EventSeries

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
    series = forms.ModelChoiceField(
        queryset=EventSeries.objects.all(), required=False, empty_label=_("All series")
    )

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
    qs = selectors.events_public_list(
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
    event = selectors.event_for_page(slug, public_only=True) if _SLUG.fullmatch(slug) else None
    if event is None:
        raise Http404(_("No public event with this slug."))
    return event
