from hypothesis import given
from hypothesis import strategies as st

from kaimolink.core.text import fold, lt_sort_key


def test_fold_removes_diacritics_and_case():
    assert fold("Šlapaberžė") == "slapaberze"
    assert fold("  KĖDAINIAI   rajonas ") == "kedainiai rajonas"
    assert fold("Ūkininkų") == "ukininku"


def test_lt_sort_key_puts_caron_letters_after_their_base():
    names = ["Žalioji", "Zarasai", "Šeduva", "Seirijai", "Čekiškė", "Cirkliškis", "Alytus"]
    assert sorted(names, key=lt_sort_key) == [
        "Alytus",
        "Cirkliškis",
        "Čekiškė",
        "Seirijai",
        "Šeduva",
        "Zarasai",
        "Žalioji",
    ]


def test_lt_sort_key_sorts_ogonek_letters_and_y_with_base():
    names = ["Ūla", "Uosis", "Ąžuolas", "Antanas", "Yla", "Ignas", "Jonas"]
    assert sorted(names, key=lt_sort_key) == [
        "Antanas",
        "Ąžuolas",
        "Ignas",
        "Yla",
        "Jonas",
        "Ūla",
        "Uosis",
    ]


def test_lt_sort_key_ignores_quotes_and_punctuation():
    assert lt_sort_key("„Radviliškio lyderis“") < lt_sort_key("Seirijai")
    assert lt_sort_key("„Radviliškio lyderis“") > lt_sort_key("Pagiriai")


@given(st.text(max_size=60))
def test_lt_sort_key_is_ascii_and_bounded(text):
    key = lt_sort_key(text)
    assert key.isascii()
    assert len(key) <= 250


@given(st.text(max_size=60))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
