"""Baking a credential into its image (Open Badges 3.0, "Baked Badge"), and back.

PNG: one uncompressed `iTXt` chunk with the keyword `openbadgecredential` whose text is the
compact VC-JWT, written right after IHDR (readers stop at the first one). SVG: the root
element gets `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` and, directly after
its opening tag, `<openbadges:credential verify="<JWT>"/>`. Baking an image that already
holds a credential replaces it (there must be only one).
"""

import re
import struct
import zlib
from html import escape, unescape

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEYWORD = b"openbadgecredential"
SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"


class BakingError(ValueError):
    """The image is not a PNG or SVG that can hold a credential."""


def _chunks(png: bytes):
    """(type, data) of each chunk; raises BakingError on a damaged file."""
    if not png.startswith(PNG_SIGNATURE):
        raise BakingError("not a PNG image")
    position = len(PNG_SIGNATURE)
    while position < len(png):
        if position + 8 > len(png):
            raise BakingError("truncated PNG chunk")
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        end = position + 12 + length
        if end > len(png):
            raise BakingError("truncated PNG chunk")
        data = png[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", png[end - 4 : end])
        if zlib.crc32(kind + data) != crc:
            raise BakingError("PNG chunk with a wrong CRC")
        yield kind, data
        position = end
        if kind == b"IEND":
            return
    raise BakingError("PNG without IEND")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _is_credential_chunk(kind: bytes, data: bytes) -> bool:
    return kind == b"iTXt" and data.split(b"\0", 1)[0] == PNG_KEYWORD


def bake_png(png_bytes: bytes, jwt: str) -> bytes:
    """The PNG with the credential in it (any credential it held before is replaced)."""
    # keyword \0, compression flag 0 (none), method 0, empty language tag \0, empty
    # translated keyword \0, then the text in UTF-8.
    itxt = _chunk(b"iTXt", PNG_KEYWORD + b"\0\0\0\0\0" + jwt.encode("utf-8"))
    out = [PNG_SIGNATURE]
    for kind, data in _chunks(png_bytes):
        if _is_credential_chunk(kind, data):
            continue
        out.append(_chunk(kind, data))
        if kind == b"IHDR":
            out.append(itxt)
    return b"".join(out)


def unbake_png(png_bytes: bytes) -> str | None:
    """The credential (compact JWT) baked into the PNG, or None."""
    for kind, data in _chunks(png_bytes):
        if _is_credential_chunk(kind, data):
            keyword_end = data.index(b"\0")
            compressed = data[keyword_end + 1]
            rest = data[keyword_end + 3 :]
            _language, _translated, text = rest.split(b"\0", 2)
            if compressed:
                text = zlib.decompress(text)
            return text.decode("utf-8")
    return None


_ROOT = re.compile(r"<svg\b[^>]*?(/?)>", re.IGNORECASE)
_BAKED = re.compile(r"<openbadges:credential\b[^>]*?(?:/>|>.*?</openbadges:credential>)\s*", re.S)
_VERIFY = re.compile(r"<openbadges:credential\b[^>]*?\bverify\s*=\s*([\"'])(.*?)\1", re.S)


def bake_svg(svg_text: str, jwt: str) -> str:
    """The SVG with the credential in it (any credential it held before is replaced)."""
    svg_text = _BAKED.sub("", svg_text, count=1)
    root = _ROOT.search(svg_text)
    if root is None or root.group(1):
        raise BakingError("no <svg> root element with content")
    opening = root.group(0)
    if "xmlns:openbadges" not in opening:
        opening = f'{opening[:-1].rstrip()} xmlns:openbadges="{SVG_NAMESPACE}">'
    element = f'<openbadges:credential verify="{escape(jwt, quote=True)}"/>'
    return svg_text[: root.start()] + opening + element + svg_text[root.end() :]


def unbake_svg(svg_text: str) -> str | None:
    """The credential (compact JWT) baked into the SVG, or None."""
    found = _VERIFY.search(svg_text)
    return unescape(found.group(2)) if found else None
