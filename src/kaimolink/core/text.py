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
    # Compatibility forms first ('𝕬' -> 'A'), then case, then split letters from accents.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


# Lithuanian alphabet order. At the first (primary) level ą ę ė į ų ū sort with their base
# letters and y sorts with i, as ICU's "lt" collation does; č š ž are letters of their own
# that follow c s z. Digits sort before letters. Each character becomes two characters of
# [0-9a-z], and nothing else is used: every database collation ("C", glibc's en_US, ICU,
# SQLite's BINARY) orders such strings the same way, so one B-tree index serves the order.
_ORDER = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    "a", "b", "c", "č", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
    "p", "q", "r", "s", "š", "t", "u", "v", "w", "x", "z", "ž",
]  # fmt: skip
_END, _SPACE = "00", "01"  # below every letter: "Ža" < "Ža lias" < "Žalias"
_PRIMARY = {letter: f"{rank + 10:02d}" for rank, letter in enumerate(_ORDER)}
_PRIMARY.update(
    {"ą": _PRIMARY["a"], "ę": _PRIMARY["e"], "ė": _PRIMARY["e"], "į": _PRIMARY["i"],
     "y": _PRIMARY["i"], "ų": _PRIMARY["u"], "ū": _PRIMARY["u"]}
)  # fmt: skip
# Secondary level, for names equal at the first: base letter, then accented, y after i.
_SECONDARY = {"ą": "1", "ę": "1", "ė": "2", "į": "1", "y": "2", "ų": "1", "ū": "2"}


def _primary(ch: str) -> str | None:
    if ch in _PRIMARY:
        return _PRIMARY[ch]
    # Letters of other alphabets (ä, ö, ł…) sort with their base Latin letter when they have one.
    base = fold(ch)
    return _PRIMARY.get(base[:1]) if base else None


def lt_sort_key(text: str | None) -> str:
    """A key of [0-9a-z] whose plain order is Lithuanian alphabetical order.

    Punctuation and symbols are skipped, so '„Radviliškio lyderis“' sorts under R (ICU
    would put quoted names before A; people look for them under their first letter).
    """
    if not text:
        return ""
    lowered = unicodedata.normalize("NFC", text.casefold())
    primary, secondary, pending_space = [], [], False
    for ch in lowered:
        if ch.isspace():
            pending_space = bool(primary)
            continue
        code = _primary(ch)
        if code is None:
            continue
        if pending_space:
            primary.append(_SPACE)
            pending_space = False
        primary.append(code)
        secondary.append(_SECONDARY.get(ch, "0"))
    return ("".join(primary) + _END + "".join(secondary))[:250]
