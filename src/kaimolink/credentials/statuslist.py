"""Bitstring Status List v1.0 (W3C): the revocation bits of the credentials.

Each list holds LIST_SIZE bits (131,072 = 16 KB, the minimum the specification sets, so a
list does not tell how many credentials there are). Bit i of a list is the i-th bit from
the left: byte i // 8, counted from its most significant bit. A set bit means revoked.
`encodedList` is the GZIP of the bits in base64url without padding, prefixed "u"
(multibase).
"""

import base64
import gzip

LIST_SIZE = 131_072


def position(status_index: int) -> tuple[int, int]:
    """(list number, index in that list) of a credential's status_index; lists count from 1."""
    return status_index // LIST_SIZE + 1, status_index % LIST_SIZE


def encode(revoked_indexes) -> str:
    """The encodedList of a list whose bits at `revoked_indexes` (in-list indexes) are set."""
    bits = bytearray(LIST_SIZE // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same bits always give the same bytes (and the same signature, ETag).
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def decode(encoded_list: str) -> bytes:
    """The bits of an encodedList (for verifiers and tests)."""
    if not encoded_list.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (prefix 'u').")
    data = encoded_list[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def is_set(bits: bytes, index: int) -> bool:
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
