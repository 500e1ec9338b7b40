"""Phone numbers of people without e-mail: one stored form, so that the same number typed
as "8 612 34567", "+370 612 34567" or "861234567" is the same number.

Stored as E.164 ("+37061234567"); shown grouped ("+370 612 34567"). Lithuanian numbers are
eight digits after the country code +370 or the trunk prefix 8; foreign numbers must be
typed with their "+" (or "00") and country code.
"""

import re

_NOISE = re.compile(r"[\s\-./()]")
_E164 = re.compile(r"\+[1-9]\d{7,14}")


class PhoneError(ValueError):
    """Not a phone number this platform can store."""


def phone_normalise(text: str | None) -> str:
    """'8 612 34567' -> '+37061234567'; '' for empty input; PhoneError when unreadable."""
    raw = _NOISE.sub("", text or "")
    if not raw:
        return ""
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if raw.startswith("+"):
        number = raw
    elif len(raw) == 9 and raw.startswith("8"):
        number = "+370" + raw[1:]
    elif len(raw) == 8 and raw[0] in "3456":  # a national number without the 8
        number = "+370" + raw
    elif len(raw) == 11 and raw.startswith("370"):
        number = "+" + raw
    else:
        raise PhoneError(raw)
    if not _E164.fullmatch(number) or (number.startswith("+370") and len(number) != 12):
        raise PhoneError(raw)
    return number


def phone_display(number: str) -> str:
    """'+37061234567' -> '+370 612 34567' (other countries as stored)."""
    if number.startswith("+370") and len(number) == 12:
        return f"+370 {number[4:7]} {number[7:]}"
    return number
