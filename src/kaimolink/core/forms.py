"""Pieces shared by the list filters of several domains (actors, events)."""

from django import forms
from django.core.cache import cache
from django.forms.renderers import TemplatesSetting
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kaimolink.core.models import Lag, Theme
from kaimolink.core.pagecache import public_pages_generation

# Filter choices stay cached at most this long even without a change (a key per generation
# and language: old generations simply expire).
CHOICES_CACHE_SECONDS = 3600

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
    (docs/performance.md), so `selects()` hands the template each drop-down's options as
    ready HTML. The choices of a model drop-down (LAGs, districts, themes) are read from
    the cache, keyed by the language and the public pages' generation, which every change
    of those rows increases (core.signals): a LAG renamed shows at once.
    """

    SELECTS: tuple[str, ...] = ()

    def selects(self):
        """(bound field, the HTML of its <option>s) for each drop-down in SELECTS."""
        generation = None
        for name in self.SELECTS:
            field = self[name]
            if isinstance(field.field, forms.ModelChoiceField):
                if generation is None:
                    generation = public_pages_generation()
                rows = _cached_option_rows(type(self), name, field.field, generation)
            else:
                rows = _option_rows(field.field.choices)
            current = "" if field.value() is None else str(field.value())
            # Escaped once (rows), joined here: format_html per option cost more than the
            # rest of the filter together.
            options = "".join(
                f'<option value="{escaped_value}"{" selected" if value == current else ""}>'
                f"{escaped_label}</option>"
                for value, escaped_value, escaped_label in rows
            )
            yield field, mark_safe(options)  # noqa: S308 - every part escaped in _option_rows


def _option_rows(choices) -> list[tuple[str, str, str]]:
    """(value, value escaped for HTML, label escaped for HTML) of each choice."""
    return [(str(value), str(escape(value)), str(escape(label))) for value, label in choices]


def _cached_option_rows(
    form_class, name: str, field, generation: str
) -> list[tuple[str, str, str]]:
    form_name = f"{form_class.__module__}.{form_class.__qualname__}"
    key = f"filter-choices:{form_name}.{name}:{get_language()}:{generation}"
    rows = cache.get(key)
    if rows is None:
        rows = _option_rows(field.choices)
        cache.set(key, rows, timeout=CHOICES_CACHE_SECONDS)
    return rows


class FormRenderer(TemplatesSetting):
    """Every `{{ field.as_field_group }}` renders through the design system's field template.

    Label, hint, error (above the widget, as GOV.UK does) and the typed value kept; see
    core/templates/core/forms/field.html.
    """

    field_template_name = "core/forms/field.html"
    # `{{ form }}`: hidden fields and each field's group; the non-field errors are in the
    # error summary (core/_error_summary.html) every form page puts at its top.
    form_template_name = "core/forms/form.html"
