"""The period of a report (`?from=2025-01-01&to=2025-12-31`), and the LAG it is for."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimolink.core.forms import DATE_INVALID

FIRST_YEAR, LAST_YEAR = 1990, 2100


def _date_field(label, required_message) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": required_message, "invalid": DATE_INVALID},
    )


def this_year(today: datetime.date) -> dict[str, datetime.date]:
    return {"from": datetime.date(today.year, 1, 1), "to": datetime.date(today.year, 12, 31)}


class PeriodForm(forms.Form):
    """From and to, both days included. Named `from` and `to` in the URL (Python keeps
    `from` for itself, hence the fields are added in __init__)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = _date_field(_("From"), _("Enter the first day of the period"))
        self.fields["to"] = _date_field(_("To"), _("Enter the last day of the period"))

    def clean(self):
        cleaned = super().clean()
        for name in ("from", "to"):
            day = cleaned.get(name)
            if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.add_error(
                    name,
                    _("Enter a date between %(first)s and %(last)s")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
                cleaned.pop(name, None)
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            self.add_error("to", _("The period cannot end before it starts."))
        return cleaned

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        """(from, to) of a valid form."""
        return self.cleaned_data["from"], self.cleaned_data["to"]


class ReportChoiceForm(PeriodForm):
    """The LAG (one of `lags`, by slug) and the period of its report."""

    def __init__(self, *args, lags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lag"] = forms.ChoiceField(
            label=_("LAG"),
            choices=[(lag.slug, lag.name) for lag in lags],
            error_messages={
                "required": _("Choose the LAG"),
                "invalid_choice": _("Choose one of the LAGs in the list"),
            },
        )
        if len(self.fields["lag"].choices) == 1:  # nothing to choose: carried along
            self.fields["lag"].widget = forms.HiddenInput()
        # The LAG first, as the form shows it.
        self.order_fields(["lag", "from", "to"])


def period_form(data) -> PeriodForm:
    """The period of `data` (a request's GET); the current year when it names none."""
    if "from" not in data and "to" not in data:
        data = {key: f"{day:%Y-%m-%d}" for key, day in this_year(timezone.localdate()).items()}
    return PeriodForm(data)
