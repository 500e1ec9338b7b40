"""Amounts as people write them: `98 880,79` in Lithuanian, `98,880.79` in English.

Django's Lithuanian locale groups thousands with a dot, which Lithuanian text does not use
(the standard is a space), so the pages format amounts here rather than with floatformat.
"""

from decimal import Decimal

from django import template
from django.utils.translation import get_language

register = template.Library()
NBSP = "\u00a0"


def _format(value, places: int) -> str:
    text = f"{Decimal(value):,.{places}f}"
    if (get_language() or "lt").startswith("lt"):
        text = text.replace(",", NBSP).replace(".", ",")
    return text


@register.filter
def amount(value):
    """An amount of money with cents: `98 880,79`; "" for None."""
    return "" if value is None else _format(value, 2)


@register.filter
def quantity(value):
    """A count or measure without needless decimals: `33`, `1 200`, `2,5`; "" for None."""
    if value is None:
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    text = _format(value, places)
    if places and (get_language() or "lt").startswith("lt"):
        text = text.rstrip("0").rstrip(",")
    elif places:
        text = text.rstrip("0").rstrip(".")
    return text
