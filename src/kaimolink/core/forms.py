"""Pieces shared by the list filters of several domains (actors, events)."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kaimolink.core.models import Lag, Theme

# Messages that show what a valid value looks like (Django's say only "not valid").
EMAIL_INVALID = _("Enter an e-mail address like vardas@example.lt")
DATE_INVALID = _("Enter the date as 2026-05-14")
TIME_INVALID = _("Enter the time as 14:30")
DATETIME_INVALID = _("Enter the date and time as 2026-05-14 14:30")


def number_messages(required, minimum: int, maximum: int) -> dict:
    """A number field's messages: what to enter, and its range for any value outside it."""
    in_range = format_lazy(
        _("Enter a number from {minimum} to {maximum}"), minimum=minimum, maximum=maximum
    )
    return {"required": required, "invalid": in_range, "min_value": in_range, "max_value": in_range}


def lag_filter_field() -> forms.ModelChoiceField:
    """An optional LAG, given by its slug in the URL (`?lag=kedainiai`)."""
    return forms.ModelChoiceField(
        label=_("LAG"),
        queryset=Lag.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All LAGs"),
    )


def theme_filter_field() -> forms.ModelChoiceField:
    """An optional theme or training topic, given by its slug in the URL."""
    return forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )


class FilterForm(forms.Form):
    """A GET filter whose drop-downs (`SELECTS`) the template writes itself.

    Django's widget templates cost about a third of a directory page's rendering time
    (docs/performance.md), so templates loop over `selects()` instead.
    """

    SELECTS: tuple[str, ...] = ()

    def selects(self):
        """(bound field, [(value, label, selected)]) for each drop-down in SELECTS."""
        for name in self.SELECTS:
            field = self[name]
            current = "" if field.value() is None else str(field.value())
            yield field, [(str(v), label, str(v) == current) for v, label in field.field.choices]


class FormRenderer(TemplatesSetting):
    """Every `{{ field.as_field_group }}` renders through the design system's field template.

    Label, hint, error (above the widget, as GOV.UK does) and the typed value kept; see
    core/templates/core/forms/field.html.
    """

    field_template_name = "core/forms/field.html"
    # `{{ form }}`: hidden fields and each field's group; the non-field errors are in the
    # error summary (core/_error_summary.html) every form page puts at its top.
    form_template_name = "core/forms/form.html"
