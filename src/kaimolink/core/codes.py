"""Printed codes that people type from paper (certificates, licences of the marks).

No 0/O, 1/I/L, which people confuse when they read or type them: 31 symbols, 8 of them
give 31**8 ≈ 8.5·10¹¹ codes (39 bits); the verification pages limit how many codes one
address may try. Stored without the dash; `grouped` prints it in two groups of four.
"""

import secrets

SHORT_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SHORT_CODE_LENGTH = 8


def new_short_code() -> str:
    """A random printed code, stored without its dash ("K7QM3XHP"); see `grouped`."""
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def grouped(short_code: str) -> str:
    """The printed form of a short code: two groups of four ("K7QM-3XHP")."""
    half = len(short_code) // 2
    return f"{short_code[:half]}-{short_code[half:]}"
