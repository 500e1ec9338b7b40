"""Amounts as people write them: `98 880,79` in Lithuanian, `98,880.79` in English.

Django's Lithuanian locale groups thousands with a dot, which Lithuanian text does not use
(the standard is a space), so the pages format amounts here rather than with floatformat.
`quantity` (a number with its unit) is core's, offered here too for the project pages.
"""

from django import template

from kaimolink.core.templatetags.kaimolink_units import format_number, quantity

register = template.Library()
register.filter("quantity", quantity)


@register.filter
def amount(value):
    """An amount of money with cents: `98 880,79`; "" for None."""
    return "" if value is None else format_number(value, 2)
