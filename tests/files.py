"""Builders of real little files for upload tests: pictures, documents and hostile ones."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 32
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
EXIF_MAKE = 0x010F
EXIF_ORIENTATION = 0x0112


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def image_bytes(
    fmt: str = "PNG", size=(40, 20), *, mode: str = "RGB", color="green", exif=None
) -> bytes:
    """A real picture; `exif` ({tag: value}) is written into a JPEG's EXIF block."""
    image = Image.new(mode, size, color)
    out = io.BytesIO()
    options = {}
    if exif:
        block = Image.Exif()
        for tag, value in exif.items():
            block[tag] = value
        options["exif"] = block
    image.save(out, format=fmt, **options)
    return out.getvalue()


def jpeg_with_exif(size=(60, 30), orientation: int = 1) -> bytes:
    """A camera-like JPEG: a maker's name and, optionally, a rotation to apply."""
    return image_bytes(
        "JPEG", size, exif={EXIF_MAKE: "SecretCamera", EXIF_ORIENTATION: orientation}
    )


def gif_html_polyglot() -> bytes:
    """A valid GIF that is also an HTML page: the kind a browser sniffs and runs."""
    return image_bytes("GIF", (8, 8), mode="P", color=0) + HTML


def pixel_bomb() -> bytes:
    """A PNG of a few kilobytes that decodes to 48 million pixels."""
    return image_bytes("PNG", (8000, 6000), mode="1", color=0)


CONTENT = {
    "pdf": PDF,
    "png": image_bytes("PNG"),
    "jpg": image_bytes("JPEG"),
    "jpeg": image_bytes("JPEG"),
    "docx": DOCX,
    "xlsx": XLSX,
    "odt": ODT,
}


PNG, JPG = CONTENT["png"], CONTENT["jpg"]


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    """A file as a browser sends it; the content defaults to a real one of the name's type."""
    if content is None:
        content = CONTENT[name.rsplit(".", 1)[-1].lower()]
    return SimpleUploadedFile(name, content)
