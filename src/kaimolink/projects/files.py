"""Project and agreement documents: PDF, DOCX, XLSX or ODT of at most 20 MB, by name and
content (the checks are kaimolink.core.uploads'; this names the types the field takes)."""

from kaimolink.core.uploads import DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, check_document

__all__ = ["MAX_DOCUMENT_BYTES", "validate_document"]


def validate_document(file) -> None:
    """Refuse anything but a real PDF, DOCX, XLSX or ODT of at most 20 MB."""
    check_document(file, types=DOCUMENT_TYPES, max_bytes=MAX_DOCUMENT_BYTES)
