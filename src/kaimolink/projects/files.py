"""Checks of uploaded documents: PDF, DOCX, XLSX or ODT only, by name *and* by content.

The extension alone proves nothing (a photo renamed `.pdf` is still a photo), so the first
bytes are read as well: a PDF starts with `%PDF-`; DOCX and XLSX are ZIP packages holding
`[Content_Types].xml` and `word/` or `xl/` parts; an ODT is a ZIP package whose `mimetype`
entry names the OpenDocument text type. Nothing is executed or converted.
"""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}
ALLOWED_EXTENSIONS = tuple(CONTENT_TYPES)


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _zip_names(file) -> set[str] | None:
    try:
        with zipfile.ZipFile(file) as package:
            return set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _content_matches(file, ext: str) -> bool:
    file.seek(0)
    head = file.read(64)
    file.seek(0)
    if ext == "pdf":
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        names = _zip_names(file)
        if names is None:
            return False
        if ext == "docx":
            return "[Content_Types].xml" in names and "word/document.xml" in names
        if ext == "xlsx":
            return "[Content_Types].xml" in names and "xl/workbook.xml" in names
        if ext == "odt":
            if "mimetype" not in names:
                return False
            file.seek(0)
            with zipfile.ZipFile(file) as package:
                return package.read("mimetype").strip() == ODT_MIMETYPE
        return False
    finally:
        file.seek(0)


def validate_document(file) -> None:
    """Refuse anything but a real PDF, DOCX, XLSX or ODT of at most 20 MB."""
    ext = extension_of(file.name or "")
    if ext not in CONTENT_TYPES:
        raise ValidationError(
            _("Upload a PDF, DOCX, XLSX or ODT document; “.%(ext)s” files are not accepted."),
            code="file_type",
            params={"ext": ext or "?"},
        )
    size = getattr(file, "size", None) or 0
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; documents may be at most %(limit)s."),
            code="file_size",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(MAX_DOCUMENT_BYTES),
            },
        )
    if not _content_matches(file, ext):
        raise ValidationError(
            _("The file's content is not a %(type)s document, whatever its name says."),
            code="file_content",
            params={"type": ext.upper()},
        )
