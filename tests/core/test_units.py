"""Units whose word agrees with the number (core.units and the `quantity` filter)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from kaimolink.core import units
from kaimolink.core.templatetags.kaimolink_units import quantity

NUMBERS = ["1", "2", "5", "10", "11", "21", "22", "25", "101", "111", "0.5"]
LITHUANIAN = {
    "participant": "dalyvis dalyviai dalyviai dalyvių dalyvių dalyvis dalyviai dalyviai dalyvis "
    "dalyvių dalyvio",
    "event": "renginys renginiai renginiai renginių renginių renginys renginiai renginiai "
    "renginys renginių renginio",
    "hour": "valanda valandos valandos valandų valandų valanda valandos valandos valanda "
    "valandų valandos",
    "person": "asmuo asmenys asmenys asmenų asmenų asmuo asmenys asmenys asmuo asmenų asmens",
    # plural-only: collective numerals (vieni, dveji mokymai), then the genitive plural
    "training": "mokymai mokymai mokymai mokymų mokymų mokymai mokymai mokymai mokymai mokymų "
    "mokymų",
    "hectare": "hektaras hektarai hektarai hektarų hektarų hektaras hektarai hektarai hektaras "
    "hektarų hektaro",
    "percent": "% % % % % % % % % % %",
    "piece": "vnt. vnt. vnt. vnt. vnt. vnt. vnt. vnt. vnt. vnt. vnt.",
}
LT_NUMBER = {"0.5": "0,5"}


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.mark.parametrize("key", sorted(LITHUANIAN))
def test_quantity_lithuanian_word_agrees_with_number(key):
    expected = LITHUANIAN[key].split()
    with translation.override("lt"):
        got = [_plain(quantity(Decimal(n), key)) for n in NUMBERS]
    assert got == [
        f"{LT_NUMBER.get(n, n)} {word}" for n, word in zip(NUMBERS, expected, strict=True)
    ]


def test_quantity_english_singular_and_plural():
    with translation.override("en"):
        got = [_plain(quantity(Decimal(n), "participant")) for n in ("1", "2", "11", "21", "0.5")]
    assert got == [
        "1 participant",
        "2 participants",
        "11 participants",
        "21 participants",
        "0.5 participants",
    ]


def test_every_unit_has_four_lithuanian_forms_that_differ_from_english():
    with translation.override("lt"):
        for key in units.UNITS:
            if key == "percent":
                continue
            assert units.unit_word(2, key) != key, key
            assert units.unit_word(11, key) != units.unit_word(2, key) or key == "piece", key


def test_quantity_triple_takes_the_form_of_the_last_number():
    with translation.override("lt"):
        assert _plain(quantity("15 / 60 / 120", "participant")) == "15 / 60 / 120 dalyvių"
        assert _plain(quantity([1, 2, 21], "event")) == "1 / 2 / 21 renginys"


def test_quantity_without_unit_formats_the_number_only():
    with translation.override("lt"):
        assert _plain(quantity(Decimal("1200.50"))) == "1 200,5"
        assert quantity(None, "event") == ""
    with translation.override("en"):
        assert quantity(Decimal("1200.50")) == "1,200.5"


def test_quantity_custom_unit_uses_the_typed_forms():
    forms = ("filmas", "filmai", "filmo", "filmų")
    assert [units.unit_word(n, units.CUSTOM, forms) for n in (1, 3, 12, "1.5")] == list(
        forms[:2]
    ) + [
        "filmų",
        "filmo",
    ]


def test_quantity_unknown_key_is_shown_rather_than_lost():
    assert units.unit_word(3, "kg") == "kg"


def test_quantity_filter_in_a_template_with_an_indicator_like_object():
    class Indicator:
        def unit_word(self, number):
            return units.unit_word(number, "participant")

    with translation.override("lt"):
        html = Template("{% load kaimolink_units %}{{ n|quantity:i }}|{{ n|quantity:'event' }}")
        text = html.render(Context({"n": Decimal("15"), "i": Indicator()}))
    assert _plain(text) == "15 dalyvių|15 renginių"


def test_plural_index_follows_the_lithuanian_rule():
    got = [units.plural_index(n) for n in (1, 2, 9, 10, 11, 19, 20, 21, 22, 111, "0.5", 0)]
    assert got == [0, 1, 1, 3, 3, 3, 3, 0, 1, 3, 2, 3]
