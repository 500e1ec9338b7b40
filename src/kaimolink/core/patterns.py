"""The sample content of the staff-only pattern page (/<lang>/patterns/).

A real form bound to wrong data, so the page shows the error summary and every kind of
field exactly as a failed submit does (docs/design-system.md).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.core.forms import EMAIL_INVALID
from kaimolink.core.models import Lag


class PatternForm(forms.Form):
    """One field of each kind the house uses, each required one with its own message."""

    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        error_messages={"required": _("Enter the name of the organisation")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send the confirmation here; nobody else sees it."),
        error_messages={"required": _("Enter your e-mail address"), "invalid": EMAIL_INVALID},
    )
    lag = forms.ModelChoiceField(
        label=_("LAG"),
        queryset=Lag.objects.order_by("name"),
        empty_label=_("Choose a LAG"),
        error_messages={"required": _("Choose a LAG")},
    )
    kind = forms.ChoiceField(
        label=_("You take part as"),
        choices=[("person", _("A person")), ("actor", _("An actor"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you take part")},
    )
    message = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput,
        error_messages={"required": _("Enter your password")},
    )
    agree = forms.BooleanField(
        label=_("I agree to the rules of the platform"),
        error_messages={"required": _("Tick the box to agree to the rules")},
    )


# What a hurried person might send: no name, a broken address, nothing chosen.
WRONG_DATA = {"name": "", "email": "ona.example.lt", "message": "Sveiki!", "password": "slaptas"}


def sample_form() -> PatternForm:
    form = PatternForm(data=WRONG_DATA)
    form.is_valid()  # fills form.errors
    return form


def sample_rows() -> list[dict]:
    """Rows for the folding table: the kind a coordinator's certificates page lists."""
    return [
        {"number": "KL-2026-0001", "holder": "Ona Petraitienė", "hours": 6, "status": _("Valid")},
        {
            "number": "KL-2026-0002",
            "holder": "Jonas Kazlauskas",
            "hours": 6,
            "status": _("Revoked"),
        },
    ]


def empty_advice() -> list[str]:
    """Advice for the sample "nothing found": it fits what was searched."""
    return [_("Check the spelling of the name."), _("Choose all LAGs instead of one.")]
