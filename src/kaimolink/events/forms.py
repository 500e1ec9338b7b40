import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kaimolink.accounts.models import User
from kaimolink.accounts.phones import PhoneError, phone_normalise
from kaimolink.actors.models import Actor, ActorMembership
from kaimolink.actors.selectors import actors_of_member
from kaimolink.core.forms import (
    EMAIL_INVALID,
    FilterForm,
    lag_filter_field,
    number_messages,
    theme_filter_field,
)
from kaimolink.events.enums import EventKind
from kaimolink.events.services import MAX_ANSWER_LENGTH

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# Months the list and the calendar accept: enough for history and planning, and far from
# year 9999, where "the next month" would overflow the date type.
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_CAPACITY = 100_000


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

    # Upcoming (the default) or past events: links above the list rather than a drop-down,
    # and not a filter of the calendar, which shows whichever month is asked for.
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("upcoming", _("Upcoming events")), ("past", _("Past events"))],
        required=False,
        error_messages={"invalid_choice": _("Choose upcoming or past events.")},
    )

    SELECTS = ("kind", "lag", "theme")

    def clean_month(self):
        raw = (self.cleaned_data.get("month") or "").strip()
        if not raw:
            return None
        match = MONTH.match(raw)
        if not match or not (1 <= int(match[2]) <= 12 and FIRST_YEAR <= int(match[1]) <= LAST_YEAR):
            raise ValidationError(_("Give the month as YYYY-MM, e.g. 2026-05."))
        return datetime.date(int(match[1]), int(match[2]), 1)

    def to_filter(self) -> dict:
        """Keyword arguments for selectors.events_listed; call only after is_valid()."""
        data = self.cleaned_data
        return {
            "when": data.get("when") or "upcoming",
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
        self.fields["actor"].queryset = actors_of_member(user=user)
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
    """The reason for cancelling: required when an organiser cancels someone else's place."""

    reason = forms.CharField(
        label=_("Reason for cancelling"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, require_reason: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if require_reason:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _(
                "Write the reason for cancelling this registration."
            )


def _answer_fields(form: forms.Form, questions: list[str]) -> None:
    for number, question in enumerate(questions):
        form.fields[f"answer_{number}"] = forms.CharField(
            label=question, required=False, max_length=MAX_ANSWER_LENGTH
        )


class AssistedRegistrationForm(forms.Form):
    """An organiser registers someone who may not be online: found by e-mail, or new.

    The person is an existing account (matched by e-mail, case-insensitively) or a new
    account that cannot log in (no usable password) until they set a password through
    "forgot password" at that e-mail address. `clean()` reads whether an account exists,
    so the name is asked for only when one will be created.
    """

    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        help_text=_("An existing account with this address is used; otherwise a new one is made."),
        error_messages={"invalid": EMAIL_INVALID},
    )
    full_name = forms.CharField(
        label=_("Full name"),
        required=False,
        max_length=150,
        help_text=_("Needed for a new account; an existing account keeps its own name."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        help_text=_(
            "For a person without an e-mail address: with the same name and phone, the "
            "person registered before is found instead of a new record being made."
        ),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    actor = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("No actor: the person only"),
    )
    consent = forms.BooleanField(
        label=_("The person agreed to be registered and to the processing of their data"),
        required=True,
        error_messages={"required": _("Tick this box: registering someone needs their consent.")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.person = None  # the existing account the e-mail address belongs to, if any
        self.fields["actor"].queryset = (
            Actor.objects.filter(lag__in=[lag.pk for lag in event.lags.all()])
            .select_related("lag")
            .order_by("name_sort", "pk")
        )
        self.questions = list(event.questions or [])
        _answer_fields(self, self.questions)

    def clean_phone(self):
        try:
            return phone_normalise(self.cleaned_data.get("phone"))
        except PhoneError:
            raise ValidationError(
                _("Write the phone number like +370 612 34567 or 8 612 34567."), code="invalid"
            ) from None

    def clean(self):
        data = super().clean()
        email = (data.get("email") or "").strip()
        full_name = (data.get("full_name") or "").strip()
        data["full_name"] = full_name
        if self.errors:
            return data
        if email:
            self.person = User.objects.filter(email__iexact=email).first()
        if self.person is None and not full_name:
            message = (
                _("There is no account with this e-mail address yet: write the person's name.")
                if email
                else _("Write the person's e-mail address or, if they have none, their name.")
            )
            self.add_error("full_name", message)
        actor = data.get("actor")
        if actor is not None and not (
            self.person is not None
            and ActorMembership.objects.filter(actor=actor, user=self.person).exists()
        ):
            self.add_error(
                "actor",
                _(
                    "This person is not a member of that actor: register them without it, "
                    "or ask the actor to add them first."
                ),
            )
        return data

    def answers(self) -> dict:
        return {
            question: self.cleaned_data.get(f"answer_{number}", "")
            for number, question in enumerate(self.questions)
        }


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Number of places"),
        min_value=0,
        max_value=MAX_CAPACITY,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages=number_messages(_("Enter the number of places"), 0, MAX_CAPACITY),
    )
