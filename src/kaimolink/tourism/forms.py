from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.models import Actor
from kaimolink.core.forms import (
    DATE_INVALID,
    DATETIME_INVALID,
    EMAIL_INVALID,
    FilterForm,
    lag_filter_field,
    number_messages,
)
from kaimolink.core.models import Settlement
from kaimolink.core.settlement_forms import (
    latitude_field,
    longitude_field,
    note_swapped_coordinates,
)
from kaimolink.market import forms as market_forms
from kaimolink.tourism.enums import EnquiryState, Language, ServiceKind
from kaimolink.tourism.models import MAX_CAPACITY, TourismService
from kaimolink.tourism.selectors import TourismQuery

MAX_QUERY_LENGTH = 200
MONTH_CHOICES = sorted(MONTHS.items())


class TourismFilterForm(FilterForm):
    """The list's and the map's URL parameters; a bad value is reported (400), never a 500."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ServiceKind.choices]
    )
    lag = lag_filter_field()

    SELECTS = ("kind", "lag")

    def to_query(self) -> TourismQuery:
        data = self.cleaned_data
        return TourismQuery(q=data["q"], lag=data["lag"], kind=data["kind"])


class ServiceForm(forms.ModelForm):
    season_months = forms.TypedMultipleChoiceField(
        label=_("Season months"),
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when it is open all year."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lat = latitude_field(optional=True)
    lon = longitude_field(optional=True)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": DATETIME_INVALID},
        help_text=_("Only for an event for visitors."),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": DATETIME_INVALID},
    )
    photo = forms.FileField(
        label=_("Add a photo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF up to 5 MB; it is resized and its metadata removed."),
    )
    photo_alt = forms.CharField(label=_("What the photo shows"), required=False, max_length=200)

    class Meta:
        model = TourismService
        fields = [
            "kind", "name", "description", "season_months", "opening_hours", "starts_at",
            "ends_at", "capacity", "languages", "accessibility", "price", "price_text",
            "settlement", "address", "lat", "lon",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": _("Write the name of the service.")},
            "kind": {"required": _("Choose the kind of the service.")},
            "capacity": number_messages(_("How many people at most?"), 1, MAX_CAPACITY),
            "price": number_messages(_("Give the price in euros."), 0, 1_000_000),
        }

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["kind"].choices = [("", _("Choose the kind")), *ServiceKind.choices]
        self.fields["settlement"].empty_label = _("No settlement")
        self.fields["settlement"].queryset = Settlement.objects.filter(
            district__lags=actor.lag_id
        ).order_by("name_sort")
        self.fields["settlement"].help_text = _(
            "Without coordinates the service is shown at the settlement."
        )

    def clean(self):
        data = super().clean()
        note_swapped_coordinates(self)
        has_lat, has_lon = data.get("lat") is not None, data.get("lon") is not None
        if has_lat != has_lon:
            self.add_error("lon" if has_lat else "lat", _("Enter both coordinates, or neither."))
        elif not has_lat and not data.get("settlement") and "lat" not in self.errors:
            self.add_error("settlement", _("Choose a settlement or enter the coordinates."))
        if data.get("kind") == ServiceKind.EVENT and not data.get("starts_at"):
            self.add_error("starts_at", _("Give the date and time when the event starts."))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        return data


class ModerateForm(market_forms.ModerateForm):
    """The market's moderation form, with a note to the provider."""

    note = forms.CharField(label=_("Note to the provider"), required=False, widget=forms.Textarea)


class StopForm(forms.Form):
    """A stop of a route: a published service, or a place with its coordinates."""

    service = forms.ModelChoiceField(
        label=_("A service at this stop"),
        queryset=TourismService.objects.none(),
        required=False,
        empty_label=_("None: a place of its own"),
    )
    name = forms.CharField(label=_("Place"), max_length=200, required=False)
    lat = latitude_field(optional=True)
    lon = longitude_field(optional=True)
    note = forms.CharField(label=_("What to see"), max_length=500, required=False)

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        if services is not None:
            self.fields["service"].queryset = services

    def clean(self):
        data = super().clean()
        note_swapped_coordinates(self)
        if data.get("service") is None:
            if not data.get("name", "").strip():
                self.add_error("name", _("Write the name of the place."))
            if data.get("lat") is None and "lat" not in self.errors:
                self.add_error("lat", _("Enter the latitude"))
            if data.get("lon") is None and "lon" not in self.errors:
                self.add_error("lon", _("Enter the longitude"))
        return data


class EnquiryForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("From which day?"), "invalid": DATE_INVALID},
    )
    date_to = forms.DateField(
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Until which day?"), "invalid": DATE_INVALID},
    )
    party_size = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=MAX_CAPACITY,
        widget=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        error_messages=number_messages(_("How many people will come?"), 1, MAX_CAPACITY),
    )
    name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("E-mail"), required=False, error_messages={"invalid": EMAIL_INVALID}
    )
    note = forms.CharField(
        label=_("Note to the provider"), max_length=2000, required=False, widget=forms.Textarea
    )
    consent = forms.BooleanField(
        label=_(
            "The provider may use my name and contacts to answer this enquiry; the platform "
            "keeps them with the enquiry."
        ),
        required=False,
    )

    def __init__(self, *args, user=None, capacity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if capacity:
            self.fields["party_size"].widget.attrs["max"] = capacity
            self.fields["party_size"].help_text = _("At most %(n)s people.") % {"n": capacity}
        if user is not None and user.is_authenticated:
            for name in ("name", "phone", "email", "consent"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if self.user is None or not self.user.is_authenticated:
            if not data.get("name", "").strip():
                self.add_error("name", _("Write your name."))
            if not (data.get("phone", "").strip() or data.get("email")):
                self.add_error("phone", _("Give a phone number or an e-mail address."))
            if not data.get("consent"):
                self.add_error("consent", _("Agree so that the provider may contact you."))
        return data


class AnswerForm(forms.Form):
    to = forms.ChoiceField(
        choices=EnquiryState.choices,
        error_messages={"required": _("Choose the enquiry's new state.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea)


class EnquiryFilterForm(FilterForm):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *EnquiryState.choices]
    )
    SELECTS = ("state",)
