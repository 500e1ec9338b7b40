"""Numbers as people write them, with a unit that agrees: `{{ value|quantity:unit }}`.

`value`: a number, or several ("15 / 60 / 120", a list or a tuple): each is formatted, and
the unit takes the form of the last one ("15 / 60 / 120 dalyvių"). `unit`: a unit key of
core.units, or an object with `unit_word(number)` (an indicator with its own unit); none
gives the number alone. Numbers: `1 200` and `2,5` in Lithuanian (a space between thousands,
which Django's Lithuanian locale writes with a dot), `1,200` and `2.5` in English.
"""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language

from kaimolink.core.units import unit_word

register = template.Library()
NBSP = "\u00a0"


def format_number(value, places: int) -> str:
    text = f"{Decimal(value):,.{places}f}"
    if (get_language() or "lt").startswith("lt"):
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def _number(value) -> str:
    """A count or measure without needless decimals: `33`, `1 200`, `2,5`."""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    text = format_number(value, places)
    if places:
        text = text.rstrip("0").rstrip(",.")
    return text


def _numbers(value) -> list[Decimal]:
    if isinstance(value, list | tuple):
        parts = list(value)
    elif isinstance(value, str):
        parts = [part.strip().replace(",", ".") for part in value.split("/")]
    else:
        parts = [value]
    return [Decimal(str(part)) for part in parts]


@register.filter
def quantity(value, unit=""):
    """See the module docstring; "" for None, the text as it is for what is not a number."""
    if value is None or value == "":
        return ""
    try:
        numbers = _numbers(value)
    except (InvalidOperation, ValueError, TypeError):
        return value
    text = " / ".join(_number(number) for number in numbers)
    if hasattr(unit, "unit_word"):
        word = unit.unit_word(numbers[-1])
    else:
        word = unit_word(numbers[-1], unit or "")
    return f"{text}{NBSP}{word}" if word else text
