"""Homework files: which types are accepted, how they are checked, where they are kept.

A file is accepted only when its extension is on the fixed list AND its first bytes (and,
for office documents, its inner structure) say it is that type: a program renamed
`.pdf`, or a picture renamed `.docx`, is refused.

Files are kept in a private storage, never under MEDIA_ROOT: `/media/` is served to
anyone (see kaimolink.urls), while homework is downloaded only through the permission-
checked view. On disk a file gets a random name; the person's file name is kept in the
database for the download.
"""

import secrets
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone
from django.utils.translation import gettext as _

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024

# Extension → content type served on download. "jpeg" is read as "jpg".
FILE_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "jpg": "image/jpeg",
    "png": "image/png",
}
EXTENSION_ALIASES = {"jpeg": "jpg"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# A member that every file of the type has (Office Open XML documents).
ZIP_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def max_file_bytes() -> int:
    """The size limit; `HOMEWORK_MAX_FILE_BYTES` in the settings changes it (tests do)."""
    return int(getattr(settings, "HOMEWORK_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))


def extension_of(name: str) -> str:
    ext = Path(name or "").suffix.lower().lstrip(".")
    return EXTENSION_ALIASES.get(ext, ext)


def _zip_is(uploaded, file_type: str) -> bool:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            if file_type == "odt":
                # The ODF rule: an uncompressed "mimetype" member naming the document type.
                try:
                    with archive.open("mimetype") as member:
                        return member.read(len(ODT_MIMETYPE) + 1).strip() == ODT_MIMETYPE
                except KeyError:
                    return False
            return ZIP_MARKERS[file_type] in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _content_is(uploaded, file_type: str) -> bool:
    uploaded.seek(0)
    head = uploaded.read(8)
    if file_type == "pdf":
        return head.startswith(b"%PDF-")
    if file_type == "png":
        return head == b"\x89PNG\r\n\x1a\n"
    if file_type == "jpg":
        return head.startswith(b"\xff\xd8\xff")
    if not head.startswith(b"PK\x03\x04"):
        return False
    return _zip_is(uploaded, file_type)


def check_upload(uploaded) -> str:
    """The file's type ("pdf", "docx", …) when it is acceptable homework.

    Raises ValidationError with a message for the person otherwise. Leaves the file
    positioned at its start.
    """
    limit = max_file_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB.") % {"mb": f"{limit / 1048576:g}"}
        )
    if not uploaded.size:
        raise ValidationError(_("The file is empty."))
    file_type = extension_of(uploaded.name)
    if file_type not in FILE_TYPES:
        raise ValidationError(_("Upload a PDF, DOCX, XLSX, ODT, JPG or PNG file."))
    try:
        matches = _content_is(uploaded, file_type)
    finally:
        uploaded.seek(0)
    if not matches:
        raise ValidationError(
            _("The file's content is not a %(type)s file, whatever its name says.")
            % {"type": file_type.upper()}
        )
    return file_type


def submission_upload_to(instance, filename: str) -> str:
    """homework/<year>/<random>.<type>: never the person's file name (kept in a field)."""
    ext = instance.file_type or extension_of(filename)
    return f"homework/{timezone.localdate():%Y}/{secrets.token_hex(16)}.{ext}"


class PrivateFileStorage(FileSystemStorage):
    """Files on disk outside MEDIA_ROOT, without URLs: only views hand them out.

    The folder is `HOMEWORK_FILES_ROOT` when set, else `<DATA_DIR>/private`; it is read at
    each use so a test can point it at a temporary folder.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        root = getattr(settings, "HOMEWORK_FILES_ROOT", None)
        return str(root or Path(settings.DATA_DIR) / "private")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Homework files have no public address; use the download view.")


def homework_storage():
    """A `homework` entry in STORAGES (e.g. a private S3 bucket) wins over the local folder."""
    if "homework" in settings.STORAGES:
        return storages["homework"]
    return PrivateFileStorage()
