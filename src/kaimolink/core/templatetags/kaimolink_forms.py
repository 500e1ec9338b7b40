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
