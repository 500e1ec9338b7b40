"""GET filters of the project list, the agreements registry and the API (same rules)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kaimolink.core.forms import FilterForm, lag_filter_field
from kaimolink.projects import selectors

MAX_QUERY_LENGTH = 200


class _NulSafeForm(FilterForm):
    def __init__(self, data=None, *args, **kwargs):
        self._nul_fields = set()
        if data is not None:
            clean = data.copy()
            for key in list(clean.keys()):
                values = clean.getlist(key) if hasattr(clean, "getlist") else [clean[key]]
                if any("\x00" in str(v) for v in values):
                    self._nul_fields.add(key)
                    clean[key] = ""
            data = clean
        super().__init__(data, *args, **kwargs)

    def clean(self):
        data = super().clean()
        for name in self._nul_fields:
            if name in self.fields:
                self.add_error(
                    name,
                    ValidationError(_("The value holds a character that is not allowed."), "null"),
                )
        return data


class ProjectFilterForm(_NulSafeForm):
    """Filters of the project list page: a LAG (lead or partner) and a year of the period."""

    lag = lag_filter_field()
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    SELECTS = ("lag", "year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(y), str(y)) for y in selectors.project_years()
        ]


class ProjectApiFilterForm(_NulSafeForm):
    lag = lag_filter_field()
    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH)


class AgreementFilterForm(_NulSafeForm):
    lag = lag_filter_field()
