"""Lithuanian text helpers: folding for search, and a sort key for alphabetical order.

Both live in Python so that SQLite and PostgreSQL store and compare exactly the same values
(see LITHUANIAN.md): the folded copy makes `kedainiai` find *Kėdainiai* on either database,
and the sort key orders Č after C, Š after S, Ž after Z with an ordinary B-tree index.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics and squeeze whitespace: 'Šlapaberžė' -> 'slapaberze'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


# Lithuanian alphabet order. At the first (primary) level ą ę ė į ų ū sort with their base
# letters and y sorts with i, exactly as ICU's "lt" collation does; č š ž are letters of
# their own that follow c s z. Digits sort before letters, other characters before digits.
_PRIMARY = {}
_ORDER = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    "a", "b", "c", "č", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
    "p", "q", "r", "s", "š", "t", "u", "v", "w", "x", "z", "ž",
]  # fmt: skip
for _rank, _letter in enumerate(_ORDER):
    _PRIMARY[_letter] = chr(0x41 + _rank)  # 'A', 'B', ...: plain ASCII, so any collation agrees
_PRIMARY.update({"ą": _PRIMARY["a"], "ę": _PRIMARY["e"], "ė": _PRIMARY["e"],
                 "į": _PRIMARY["i"], "y": _PRIMARY["i"], "ų": _PRIMARY["u"],
                 "ū": _PRIMARY["u"]})  # fmt: skip
# Secondary level: base letter first, then the accented ones, y after i (as ICU does).
_SECONDARY = {"ą": "1", "ę": "1", "ė": "2", "į": "1", "y": "2", "ų": "1", "ū": "2"}


def _primary_char(ch: str) -> str:
    if ch in _PRIMARY:
        return _PRIMARY[ch]
    if ch.isspace():
        return " "
    # Letters of other alphabets (ä, ö, ł…) sort with their base Latin letter when they have one.
    base = fold(ch)
    if base and base[0] in _PRIMARY:
        return _PRIMARY[base[0]]
    return "!"  # punctuation and symbols: before digits and letters


def lt_sort_key(text: str | None) -> str:
    """A plain-ASCII key whose code-point order is Lithuanian alphabetical order.

    Punctuation is ignored at the first level (as ICU does by default), so
    '„Radviliškio lyderis"' sorts under R.
    """
    if not text:
        return ""
    lowered = unicodedata.normalize("NFC", text.casefold())
    letters = [ch for ch in lowered if ch.isalnum() or ch.isspace()]
    primary = "".join(_primary_char(ch) for ch in letters).strip()
    primary = _SPACES.sub(" ", primary)
    secondary = "".join(_SECONDARY.get(ch, "0") for ch in letters if not ch.isspace())
    return f"{primary}~{secondary}"[:250]
