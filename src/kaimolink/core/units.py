"""Units of measure whose word agrees with its number: "1 renginys", "15 dalyvių", "1,5 valandos".

A unit is a key (stored in the database) with an English singular and plural that are
message ids of `npgettext("unit", …)`; the Lithuanian catalogue gives the four forms of
Lithuanian's plural rule (docs: /work/shared/LITHUANIAN.md):

    msgstr[0]  1, 21, 101 …            dalyvis
    msgstr[1]  2–9, 22–29 …            dalyviai
    msgstr[2]  fractions (0,5; 1,5)    dalyvio   (the genitive singular: "1,5 valandos")
    msgstr[3]  0, 10–20, 30, 111 …     dalyvių

Plural-only nouns (mokymai, dirbtuvės) take the collective numerals in Lithuanian ("vieni
mokymai", "dveji mokymai"), so their forms 0 and 1 are both the plural ("1 mokymai") and
forms 2 and 3 the genitive plural ("11 mokymų").

A unit that is not in the table is "custom": its four forms are typed in by whoever
enters the figure (in the content's language) and chosen by the same rule (`plural_index`).
"""

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.utils.functional import lazy
from django.utils.translation import npgettext, pgettext_lazy

CUSTOM = "custom"


# key -> the word for a number n (gettext's plural number: see _plural_number). Written as
# calls so that makemessages finds the message ids; the order is the order of the list.
UNITS: dict[str, Callable[[int], str]] = {
    "participant": lambda n: npgettext("unit", "participant", "participants", n),
    "person": lambda n: npgettext("unit", "person", "persons", n),
    "event": lambda n: npgettext("unit", "event", "events", n),
    "training": lambda n: npgettext("unit", "training", "trainings", n),
    "conference": lambda n: npgettext("unit", "conference", "conferences", n),
    "workshop": lambda n: npgettext("unit", "workshop", "workshops", n),
    "meeting": lambda n: npgettext("unit", "meeting", "meetings", n),
    "hour": lambda n: npgettext("unit", "hour", "hours", n),
    "day": lambda n: npgettext("unit", "day", "days", n),
    "actor": lambda n: npgettext("unit", "actor", "actors", n),
    "organisation": lambda n: npgettext("unit", "organisation", "organisations", n),
    "product": lambda n: npgettext("unit", "product", "products", n),
    "service": lambda n: npgettext("unit", "service", "services", n),
    "certificate": lambda n: npgettext("unit", "certificate", "certificates", n),
    "homework": lambda n: npgettext("unit", "homework assignment", "homework assignments", n),
    "publication": lambda n: npgettext("unit", "publication", "publications", n),
    "film": lambda n: npgettext("unit", "film", "films", n),
    "platform": lambda n: npgettext("unit", "platform", "platforms", n),
    "system": lambda n: npgettext("unit", "system", "systems", n),
    "hectare": lambda n: npgettext("unit", "hectare", "hectares", n),
    "euro": lambda n: npgettext("unit", "euro", "euros", n),
    "piece": lambda n: npgettext("unit", "piece", "pieces", n),
    "percent": lambda n: npgettext("unit", "%", "%", n),
}


def _label(key: str) -> str:
    """The name in a list to choose from: the form that goes with 2 ("dalyviai")."""
    return UNITS[key](2)


_lazy_label = lazy(_label, str)


def choices() -> list[tuple[str, object]]:
    """For a model field: every unit of the table, then "custom"."""
    return [(key, _lazy_label(key)) for key in UNITS] + [
        (CUSTOM, pgettext_lazy("unit", "another unit (type its forms)"))
    ]


def _decimal(number) -> Decimal | None:
    try:
        return Decimal(str(number))
    except (InvalidOperation, ValueError, TypeError):
        return None


def _plural_number(number):
    """What gettext's plural rule needs: an int for whole numbers, else the number itself
    (the Lithuanian rule tests `n % 1 != 0` for fractions)."""
    value = _decimal(number)
    if value is None:
        return 0
    if value == value.to_integral_value():
        return int(value)
    return _Fraction(value)


class _Fraction(int):
    """A fraction for gettext's plural formula. Python's gettext warns about (and may one
    day refuse) a number that is not an `int`, yet the Lithuanian rule needs the fraction
    (`n % 1 != 0`): this is an `int` whose `%` and comparisons are those of the real value,
    which is all a plural formula uses."""

    def __new__(cls, value: Decimal):
        obj = super().__new__(cls, int(value))
        obj.real_value = float(value)
        return obj

    def __mod__(self, other):
        return self.real_value % other

    def __eq__(self, other):
        return self.real_value == other

    def __ne__(self, other):
        return self.real_value != other

    def __lt__(self, other):
        return self.real_value < other

    def __le__(self, other):
        return self.real_value <= other

    def __gt__(self, other):
        return self.real_value > other

    def __ge__(self, other):
        return self.real_value >= other

    __hash__ = int.__hash__


def plural_index(number) -> int:
    """Lithuanian's plural category of `number` (0 one, 1 few, 2 fraction, 3 many), for
    custom units whose forms are typed in Lithuanian."""
    value = _decimal(number)
    if value is None:
        return 3
    if value != value.to_integral_value():
        return 2
    n = abs(int(value))
    if n % 10 == 1 and not 11 <= n % 100 <= 19:
        return 0
    if 2 <= n % 10 <= 9 and not 11 <= n % 100 <= 19:
        return 1
    return 3


def unit_word(number, key: str, custom_forms: tuple[str, str, str, str] | None = None) -> str:
    """The word of unit `key` that goes with `number`; "" for no unit.

    `custom_forms` (one, few, fraction, many) are used for the key "custom"; an empty form
    falls back to the "many" one, then to any form given.
    """
    if not key:
        return ""
    if key == CUSTOM:
        forms = [f.strip() for f in (custom_forms or ("", "", "", ""))]
        word = forms[plural_index(number)] or forms[3]
        return word or next((f for f in forms if f), "")
    word = UNITS.get(key)
    if word is None:  # an unknown key (an older row): show it as it is rather than nothing
        return key
    return word(_plural_number(number))
