"""Homework files: which types are accepted and how big (the checks are kaimolink.core.uploads').

Documents (PDF, DOCX, XLSX, ODT) are kept as sent once their name and content agree;
pictures (JPG, PNG) are re-encoded without metadata (a phone photo's GPS position stays
with the phone). Every file goes to the private storage under a random name and is handed
out only by the permission-checked download view; the person's file name is kept in the
database for the download.
"""

from django.conf import settings

from kaimolink.core.uploads import Accepted, RandomName, accept_upload, private_storage

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = ("pdf", "docx", "xlsx", "odt", "jpg", "png")
# Pictures are kept at most this many pixels on the longer side.
MAX_PICTURE_SIDE = 3000


def max_file_bytes() -> int:
    """The size limit; `HOMEWORK_MAX_FILE_BYTES` in the settings changes it (tests do)."""
    return int(getattr(settings, "HOMEWORK_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))


def check_upload(uploaded) -> Accepted:
    """The file to store and its type, when it is acceptable homework.

    Raises ValidationError with a message for the person otherwise.
    """
    return accept_upload(
        uploaded, types=FILE_TYPES, max_bytes=max_file_bytes(), max_side=MAX_PICTURE_SIDE
    )


submission_upload_to = RandomName("homework")


def homework_storage():
    """Named by migration 0001 only; the field uses the private storage."""
    return private_storage()
