import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.models import Actor
from kaimolink.core.forms import FilterForm, lag_filter_field, theme_filter_field
from kaimolink.events.enums import EventKind
from kaimolink.events.services import MAX_ANSWER_LENGTH

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class EventFilterForm(FilterForm):
    """Parses the event list's URL parameters; an invalid value is reported, never a 500."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )
    lag = lag_filter_field()
    theme = theme_filter_field()
    month = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-05"}),
    )

    SELECTS = ("kind", "lag", "theme")

    def clean_month(self):
        raw = (self.cleaned_data.get("month") or "").strip()
        if not raw:
            return None
        match = MONTH.match(raw)
        if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 2000:
            raise ValidationError(_("Give the month as YYYY-MM, e.g. 2026-05."))
        return datetime.date(int(match[1]), int(match[2]), 1)

    def to_filter(self) -> dict:
        """Keyword arguments for selectors.events_upcoming; call only after is_valid()."""
        data = self.cleaned_data
        return {
            "kind": data.get("kind") or None,
            "lag": data.get("lag"),
            "theme": data.get("theme"),
            "month": data.get("month"),
        }


class RegistrationForm(forms.Form):
    """A person registers: optionally for an actor they belong to, answering the questions."""

    actor = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("Myself only"),
    )

    def __init__(self, *args, event, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        actors = Actor.objects.filter(memberships__user=user).order_by("name_sort")
        self.fields["actor"].queryset = actors
        self.questions = list(event.questions or [])
        for number, question in enumerate(self.questions):
            self.fields[f"answer_{number}"] = forms.CharField(
                label=question, required=False, max_length=MAX_ANSWER_LENGTH
            )

    def answers(self) -> dict:
        return {
            question: self.cleaned_data.get(f"answer_{number}", "")
            for number, question in enumerate(self.questions)
        }


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
