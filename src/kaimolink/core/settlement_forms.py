"""The coordinator's settlement forms: add one, merge a duplicate into the one to keep."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kaimolink.core.models import District, Lag, Settlement
from kaimolink.core.settlements import (
    LAT_MAX,
    LAT_MIN,
    LON_MAX,
    LON_MIN,
    districts_of_lag,
    in_lithuania,
)

LAT_RANGE = format_lazy(
    _("Enter a latitude in Lithuania, from {minimum} to {maximum}, e.g. 55.2885"),
    minimum=f"{LAT_MIN:.2f}",
    maximum=f"{LAT_MAX:.2f}",
)
LON_RANGE = format_lazy(
    _("Enter a longitude in Lithuania, from {minimum} to {maximum}, e.g. 23.9744"),
    minimum=f"{LON_MIN:.2f}",
    maximum=f"{LON_MAX:.2f}",
)


def _with_point(value):
    """A decimal typed with a comma (a Lithuanian keyboard: 55,2885) as Python reads it."""
    return value.replace(",", ".") if isinstance(value, str) else value


class CommaFloatField(forms.FloatField):
    """A FloatField that also accepts a decimal comma."""

    def to_python(self, value):
        return super().to_python(_with_point(value))


def _coordinate(label, required, in_range, minimum, maximum, optional=False) -> forms.FloatField:
    return CommaFloatField(
        label=label,
        required=not optional,
        min_value=minimum,
        max_value=maximum,
        error_messages={
            "required": required,
            "invalid": in_range,
            "min_value": in_range,
            "max_value": in_range,
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def _number(text):
    try:
        return float(_with_point(text or ""))
    except ValueError:
        return None


def note_swapped_coordinates(form: forms.Form) -> None:
    """When both `lat` and `lon` were refused but fit Lithuania the other way round, say
    what most likely happened (call from `clean()`)."""
    if "lat" in form.errors and "lon" in form.errors:
        raw_lat, raw_lon = (_number(form.data.get(form.add_prefix(n))) for n in ("lat", "lon"))
        if raw_lat is not None and raw_lon is not None and in_lithuania(raw_lon, raw_lat):
            form.add_error(None, _("The latitude and longitude seem swapped."))


def latitude_field(*, optional: bool = False) -> forms.FloatField:
    """A latitude in Lithuania, typed with a decimal point or comma (also the fallback of a
    map picker: kaimolink/map-pick.js fills it)."""
    return _coordinate(
        _("Latitude"), _("Enter the latitude"), LAT_RANGE, LAT_MIN, LAT_MAX, optional
    )


def longitude_field(*, optional: bool = False) -> forms.FloatField:
    """A longitude in Lithuania, as `latitude_field`."""
    return _coordinate(
        _("Longitude"), _("Enter the longitude"), LON_RANGE, LON_MIN, LON_MAX, optional
    )


class SettlementForm(forms.Form):
    """A settlement in one of the LAG's districts; a district of another LAG is refused."""

    district = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=District.objects.none(),
        empty_label=_("Choose the municipality"),
        error_messages={
            "required": _("Choose the municipality"),
            "invalid_choice": _("Choose a municipality of your LAG"),
        },
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("In the nominative, as on the road sign, e.g. Pagiriai"),
        error_messages={"required": _("Enter the settlement's name")},
    )
    name_genitive = forms.CharField(
        label=_("Name in the genitive"),
        max_length=120,
        required=False,
        help_text=_("Optional, e.g. Pagirių (as in “Pagirių bendruomenė”)"),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("Choose the type")), *Settlement.Kind.choices],
        error_messages={"required": _("Choose the type")},
    )
    lat = latitude_field()
    lon = longitude_field()

    def __init__(self, *args, lag: Lag | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lag = lag
        districts = districts_of_lag(lag) if lag is not None else District.objects.none()
        self.fields["district"].queryset = districts
        if lag is not None and len(districts) == 1:
            self.fields["district"].empty_label = None
            self.fields["district"].initial = districts[0].pk
        self.fields["lat"].help_text = _("Decimal degrees, e.g. 55.2885 (north)")
        self.fields["lon"].help_text = _("Decimal degrees, e.g. 23.9744 (east)")

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        data = super().clean()
        district = data.get("district")
        note_swapped_coordinates(self)
        name = data.get("name")
        if name and district and district.settlements.filter(name__iexact=name).exists():
            self.add_error("name", _("This municipality already has a settlement with this name."))
        return data


class MergeForm(forms.Form):
    """The settlement to keep when `duplicate` is merged into it: same municipality."""

    keep = forms.ModelChoiceField(
        label=_("Settlement to keep"),
        queryset=Settlement.objects.none(),
        empty_label=_("Choose the settlement"),
        error_messages={
            "required": _("Choose the settlement to keep"),
            "invalid_choice": _("Choose another settlement of the same municipality"),
        },
    )

    def __init__(self, *args, duplicate: Settlement | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if duplicate is not None:
            self.fields["keep"].queryset = Settlement.objects.filter(
                district_id=duplicate.district_id
            ).exclude(pk=duplicate.pk)
