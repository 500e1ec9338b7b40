"""Phone numbers of people without e-mail: one stored form for the ways people type them."""

import pytest

from kaimolink.accounts.phones import PhoneError, phone_display, phone_normalise


@pytest.mark.parametrize(
    "typed",
    ["+370 612 34567", "8 612 34567", "861234567", "+37061234567", "00370 612 34567",
     "370 612 34567", "(8-612) 345 67", "612 34567", " 8 612 34567 "],
)  # fmt: skip
def test_phone_normalise_lithuanian_forms_are_one_number(typed):
    assert phone_normalise(typed) == "+37061234567"


def test_phone_normalise_keeps_foreign_numbers_with_their_code():
    assert phone_normalise("+48 22 123 45 67") == "+48221234567"
    assert phone_normalise("0049 30 1234567") == "+49301234567"


def test_phone_normalise_empty_is_empty():
    assert phone_normalise("") == "" and phone_normalise(None) == "" and phone_normalise(" ") == ""


@pytest.mark.parametrize(
    "typed", ["12345", "8 612 3456", "+370 612 345678", "telefonas", "+0 123 456 789", "8612345678"]
)
def test_phone_normalise_refuses_what_is_no_number(typed):
    with pytest.raises(PhoneError):
        phone_normalise(typed)


def test_phone_display_groups_lithuanian_numbers():
    assert phone_display("+37061234567") == "+370 612 34567"
    assert phone_display("+48221234567") == "+48221234567"
    assert phone_display("") == ""
