"""The design system's form helpers (core/forms/field.html)."""

from django import template

register = template.Library()


@register.simple_tag
def field_widget(bound_field):
    """The field's widget; after an error a password field also points at its "enter again" note.

    Django 5.2 already describes the widget by its hint (`<id>_helptext`) and its error
    (`<id>_error`), the ids core/forms/field.html uses.
    """
    form = bound_field.form
    if bound_field.widget_type == "password" and form.is_bound and form.errors:
        described_by = " ".join(
            filter(None, [bound_field.aria_describedby, f"{bound_field.auto_id}_again"])
        )
        return bound_field.as_widget(attrs={"aria-describedby": described_by})
    return bound_field.as_widget()


@register.filter
def error_target(bound_field) -> str:
    """The id an error summary link points at: the input, or a group's first option.

    Django gives radio buttons and checkbox groups no `id_for_label` (their <legend> names
    them), so the link goes to the first option, as the GOV.UK error summary does.
    """
    return bound_field.id_for_label or f"{bound_field.auto_id}_0"
