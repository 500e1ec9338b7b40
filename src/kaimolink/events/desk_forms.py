"""The organisers' forms of an event and a series (the coordinator's desk).

Nothing here is typed as a coordinator would not say it: the slug is made from the title,
the questions are one per line (stored as the list the registration form reads), the
position comes from the settlement or a map (two typed coordinates only as a fallback).
What the services check again (events/editing.py) is checked here first, so the message
stands beside the field.
"""

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.accounts.models import User
from kaimolink.actors.forms import SettlementSelect, lags_of_districts, settlement_groups
from kaimolink.core.forms import (
    DATE_INVALID,
    DATETIME_INVALID,
    EMAIL_INVALID,
    TIME_INVALID,
    FilterForm,
    number_messages,
)
from kaimolink.core.models import Lag, Settlement, Theme
from kaimolink.core.settlement_forms import (
    latitude_field,
    longitude_field,
    note_swapped_coordinates,
)
from kaimolink.events.editing import EDITABLE_STATUSES, EVENT_FIELDS, DayPlan, choosable_lag_ids
from kaimolink.events.enums import EventKind, EventStatus, Visibility
from kaimolink.events.forms import MAX_CAPACITY
from kaimolink.events.models import Event, EventSeries
from kaimolink.events.selectors import series_choices

MAX_QUESTIONS = 20
MAX_QUESTION_LENGTH = 300
MAX_HOURS = 999
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _lags_field(help_text) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("LAGs"),
        queryset=Lag.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={
            "required": _("Choose at least one LAG."),
            "invalid_choice": _("Choose only LAGs you coordinate."),
        },
    )


def _lag_choices(form, user, kept) -> None:
    """The LAGs this person may choose (their own, the ones kept; any for an administrator);
    one own LAG is ticked for a new event or series."""
    allowed = choosable_lag_ids(user, kept=kept)
    lags = Lag.objects.order_by("name_sort", "pk")
    if allowed is not None:
        lags = lags.filter(pk__in=allowed)
    form.fields["lags"].queryset = lags
    own = sorted(user.coordinated_lag_ids()) if not kept else []
    if len(own) == 1 and not form.is_bound:
        form.initial.setdefault("lags", own)


def _theme_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Theme or training topic"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("No theme"),
    )


def _moment(label, help_text) -> forms.DateTimeField:
    """An optional date and time, picked in the browser's own date-time box."""
    return forms.DateTimeField(
        label=label,
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        help_text=help_text,
        error_messages={"invalid": DATETIME_INVALID},
    )


class VenueSelect(SettlementSelect):
    """The settlement list of the event form: each option also carries its position
    (`data-lat`, `data-lon`), where kaimolink/map-pick.js puts the marker on a choice."""

    def __init__(self, *args, positions: dict[int, tuple[float, float]], **kwargs):
        super().__init__(*args, **kwargs)
        self.positions = positions

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = getattr(value, "value", value)
        if key in self.positions:
            lat, lon = self.positions[key]
            option["attrs"]["data-lat"] = f"{lat:.6f}"
            option["attrs"]["data-lon"] = f"{lon:.6f}"
        return option


def venue_settlements(lag_ids):
    """Settlements of the municipalities of these LAGs (every LAG's for None), grouped by
    municipality as the actor form shows them."""
    districts = Lag.districts.through.objects.all()
    if lag_ids is not None:
        districts = districts.filter(lag_id__in=lag_ids)
    return (
        Settlement.objects.filter(district__in=districts.values("district_id"))
        .select_related("district")
        .order_by("district__name_sort", "name_sort", "pk")
    )


class EventForm(forms.Form):
    """An event's facts; its programme days are `DayFormSet` beside it."""

    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter the title")}
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Choose the kind")), *EventKind.choices],
        error_messages={"required": _("Choose the kind of event")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What participants will learn or do, and for whom the event is."),
    )
    lags = _lags_field(_("The organisers: the event is listed under each of them."))
    theme = _theme_field()
    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=EventSeries.objects.none(),
        required=False,
        empty_label=_("Not part of a series"),
        error_messages={"invalid_choice": _("Choose a series of your LAGs")},
    )
    settlement = forms.ModelChoiceField(
        label=_("Settlement"),
        queryset=Settlement.objects.none(),
        required=False,
        empty_label=_("No settlement (online only)"),
        help_text=_("Leave empty for an event held only online."),
        error_messages={
            "invalid_choice": _("Choose a settlement in a municipality of the organising LAGs.")
        },
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=255,
        help_text=_("The building and street, e.g. Kultūros namai, Mokyklos g. 1"),
    )
    lat = latitude_field(optional=True)
    lon = longitude_field(optional=True)
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For an event held online, or also online."),
        error_messages={"invalid": _("Enter a web address like https://example.lt/renginys")},
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=0,
        max_value=MAX_HOURS,
        max_digits=5,
        decimal_places=1,
        localize=True,
        initial=Decimal(0),
        help_text=_("Academic hours counted for certificates and reports, e.g. 8 or 7,5."),
        error_messages={
            **number_messages(_("Enter the hours"), 0, MAX_HOURS),
            "max_decimal_places": _("Enter the hours with at most one decimal, e.g. 7,5"),
            "max_digits": _("Enter the hours with at most one decimal, e.g. 7,5"),
        },
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        min_value=0,
        max_value=MAX_CAPACITY,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages=number_messages(_("Enter the number of places"), 0, MAX_CAPACITY),
    )
    trainer = forms.EmailField(
        label=_("Trainer's e-mail address"),
        required=False,
        max_length=254,
        help_text=_("Optional. The trainer needs an account; they may then mark attendance."),
        error_messages={"invalid": EMAIL_INVALID},
    )
    registration_opens = _moment(
        _("Registration opens"), _("Empty: as soon as the event is published.")
    )
    registration_closes = _moment(_("Registration closes"), _("Empty: when the event starts."))
    questions = forms.CharField(
        label=_("Questions to participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional, one question per line, e.g. Dietary needs"),
    )
    visibility = forms.ChoiceField(
        label=_("Who may register"),
        choices=[
            (Visibility.PUBLIC, _("Anyone: the event is listed publicly")),
            (Visibility.INVITED, _("Only people the organisers register (not listed)")),
        ],
        widget=forms.RadioSelect,
        initial=Visibility.PUBLIC,
        error_messages={"required": _("Choose who may register")},
    )
    requires_homework = forms.BooleanField(
        label=_("A certificate requires accepted homework"), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (EventStatus.DRAFT, _("Draft: only the organisers see it")),
            (EventStatus.PUBLISHED, _("Published: listed, registration open")),
        ],
        widget=forms.RadioSelect,
        initial=EventStatus.DRAFT,
        error_messages={"required": _("Choose draft or published.")},
    )

    def __init__(self, *args, user, event: Event | None = None, **kwargs):
        self.event = event if event is not None and event.pk else None
        if self.event is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(self.event)
        super().__init__(*args, **kwargs)
        kept = list(self.event.lags.all()) if self.event else []
        _lag_choices(self, user, kept)
        allowed = choosable_lag_ids(user, kept=kept)
        self.fields["series"].queryset = series_choices(lag_ids=allowed)
        settlements = venue_settlements(allowed)
        rows = list(settlements)
        self.fields["settlement"].queryset = settlements
        self.fields["settlement"].widget = VenueSelect(
            choices=[("", _("No settlement (online only)")), *settlement_groups(rows)],
            lags_of_district=lags_of_districts(),
            districts={s.pk: s.district_id for s in rows},
            positions={s.pk: (s.lat, s.lon) for s in rows},
            attrs={"data-search-label": _("Find the settlement by name")},
        )
        self.fields["lat"].help_text = _(
            "Empty: the settlement's position. Or pick the place on the map, e.g. 55.2885"
        )
        self.fields["lon"].help_text = _("Decimal degrees, e.g. 23.9744 (east)")
        if self.event is not None and self.event.status not in EDITABLE_STATUSES:
            del self.fields["status"]  # cancelled or held: the status is not the form's

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_trainer(self):
        email = (self.cleaned_data.get("trainer") or "").strip()
        if not email:
            return None
        trainer = User.objects.filter(email__iexact=email).first()
        if trainer is None:
            raise forms.ValidationError(
                _("No account has this e-mail address: the trainer needs an account first.")
            )
        return trainer

    def clean_questions(self):
        lines = [" ".join(line.split()) for line in self.cleaned_data["questions"].splitlines()]
        questions = list(dict.fromkeys(line for line in lines if line))
        if len(questions) > MAX_QUESTIONS:
            raise forms.ValidationError(_("Ask at most %(n)d questions.") % {"n": MAX_QUESTIONS})
        if any(len(q) > MAX_QUESTION_LENGTH for q in questions):
            raise forms.ValidationError(
                _("A question may be at most %(n)d characters long.") % {"n": MAX_QUESTION_LENGTH}
            )
        return questions

    def clean(self):
        data = super().clean()
        note_swapped_coordinates(self)
        lat, lon = data.get("lat"), data.get("lon")
        if "lat" not in self.errors and "lon" not in self.errors and (lat is None) != (lon is None):
            self.add_error(
                "lon" if lon is None else "lat",
                _("Enter both the latitude and the longitude, or neither."),
            )
        settlement, lags = data.get("settlement"), data.get("lags")
        if settlement is not None and lags:
            districts = {d for lag in lags for d in lag.districts.values_list("pk", flat=True)}
            if settlement.district_id not in districts:
                self.add_error(
                    "settlement",
                    _("Choose a settlement in a municipality of the organising LAGs."),
                )
        if self._moved_to_another_settlement(data):
            # The old place's position was left in the fields: the new settlement's is meant.
            data["lat"] = data["lon"] = None
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes", _("Registration must close after it opens."))
        published = data.get("status") == EventStatus.PUBLISHED
        if published and not (settlement or data.get("online_url")) and not self.errors:
            self.add_error(
                "settlement", _("Choose the settlement, or give the online link, to publish")
            )
        return data

    def _moved_to_another_settlement(self, data) -> bool:
        event = self.event
        return (
            event is not None
            and data.get("settlement") is not None
            and data["settlement"].pk != event.settlement_id
            and (data.get("lat"), data.get("lon")) == (event.lat, event.lon)
        )

    def service_kwargs(self) -> dict:
        """What event_create / event_update take, besides the person and the days."""
        data = self.cleaned_data
        return {
            "values": {name: data[name] for name in EVENT_FIELDS if name in data},
            "lags": data["lags"],
            "capacity": data["capacity"],
            "status": data.get("status"),
        }


def initial_of(event: Event) -> dict:
    """The form's values of an existing event (or of the event a copy starts from)."""
    initial = {name: getattr(event, name) for name in EVENT_FIELDS}
    initial.update(
        lags=[lag.pk for lag in event.lags.all()],
        theme=event.theme_id,
        series=event.series_id,
        settlement=event.settlement_id,
        trainer=event.trainer.email if event.trainer_id and event.trainer.email else "",
        questions="\n".join(event.questions or []),
        capacity=event.capacity,
        status=event.status,
    )
    return initial


class DayForm(forms.Form):
    """One day of the programme, in the platform's local time."""

    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the day's date"), "invalid": DATE_INVALID},
    )
    start_time = forms.TimeField(
        label=_("Starts"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Enter the start time"), "invalid": TIME_INVALID},
    )
    end_time = forms.TimeField(
        label=_("Ends"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Enter the end time"), "invalid": TIME_INVALID},
    )
    programme = forms.CharField(
        label=_("Programme of the day"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("A day must end after it starts."))
        return data


class BaseDayFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_few_forms": _("Add at least one day to the programme."),
        "too_many_forms": _("An event may have at most %(num)d days."),
    }

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if self.can_delete and "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this day")

    def clean(self):
        seen: dict[datetime.date, int] = {}
        for number, form in enumerate(self.forms, start=1):
            if self.can_delete and self._should_delete_form(form):
                continue
            date = (form.cleaned_data or {}).get("date")
            if date is None:
                continue
            if date in seen:
                form.add_error(
                    "date",
                    _("Day %(first)d already has this date: each day needs its own.")
                    % {"first": seen[date]},
                )
            else:
                seen[date] = number

    def plans(self) -> list[DayPlan]:
        """The days to keep, in date order; call only after is_valid()."""
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not (self.can_delete and self._should_delete_form(form))
        ]
        return sorted(
            (
                DayPlan(d["date"], d["start_time"], d["end_time"], d.get("programme", "").strip())
                for d in kept
            ),
            key=lambda plan: plan.date,
        )


MAX_DAYS = 31
DayFormSet = forms.formset_factory(
    DayForm,
    formset=BaseDayFormSet,
    extra=1,
    min_num=1,
    validate_min=True,
    max_num=MAX_DAYS,
    validate_max=True,
    can_delete=True,
)


def day_initial(event: Event, *, keep_dates: bool = True) -> list[dict]:
    return [
        {
            "date": day.date if keep_dates else None,
            "start_time": day.start_time,
            "end_time": day.end_time,
            "programme": day.programme,
        }
        for day in event.days.all()
    ]


class SeriesForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("E.g. Trainings of the “Towards a smart village” project"),
        error_messages={"required": _("Enter the title of the series")},
    )
    lags = _lags_field(_("The LAGs whose events make up the series."))
    theme = _theme_field()

    def __init__(self, *args, user, series: EventSeries | None = None, **kwargs):
        self.series = series
        if series is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": series.title,
                "lags": [lag.pk for lag in series.lags.all()],
                "theme": series.theme_id,
            }
        super().__init__(*args, **kwargs)
        _lag_choices(self, user, list(series.lags.all()) if series else [])

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())


class CopyForm(forms.Form):
    first_date = forms.DateField(
        label=_("First day of the copy"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Every day moves by the same number of days, keeping its hours and programme. "
            "Leave empty to copy without days and add them afterwards."
        ),
        error_messages={"invalid": DATE_INVALID},
    )


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone registered gets it by e-mail."),
        error_messages={"required": _("Write the reason for cancelling the event.")},
    )


class DeskEventFilterForm(FilterForm):
    """The desk's event list: by status and kind (URL parameters; never a 500)."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *EventStatus.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *EventKind.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a kind from the list.")},
    )

    SELECTS = ("status", "kind")
