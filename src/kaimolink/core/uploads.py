"""The one path for uploaded files, in every app.

- **Type by content.** A document is accepted when its extension is on the field's list
  AND its bytes say it is that type (`%PDF-`; a ZIP with the Office Open XML parts or the
  OpenDocument `mimetype`). A picture is whatever Pillow reads as JPEG, PNG, WebP or GIF,
  whatever its name says, because it is re-encoded anyway.
- **Pictures re-encoded.** The EXIF orientation is applied, then only the pixels are written
  again as JPEG (or PNG when there is transparency): EXIF, GPS, comments, colour profiles
  and anything appended to the file (a GIF that is also an HTML page) are left behind.
  The pixel count is checked before decoding, so a decompression bomb is refused.
- **Random names.** `RandomName("lags")` gives `lags/<year>/<random>.<type>`: nothing to
  guess, nothing of the person's file name on disk.
- **Old files deleted.** `PublicImageField` and `PrivateFileField` remember the stored name;
  when a row gets another file, or is deleted, the old file is deleted after the
  transaction commits (never before: a rollback would leave the row without its file).
- **Two storages.** `default` (MEDIA_ROOT, served at /media/) holds only re-encoded
  pictures; `private` (PRIVATE_ROOT, `<DATA_DIR>/private`) holds documents, which only a
  view that checks access hands out, through `private_file_response`.
"""

import functools
import io
import logging
import secrets
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.db import models, transaction
from django.db.models import signals
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.views.static import serve
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

# --- Types ------------------------------------------------------------------------------

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "jpg": "image/jpeg",
    "png": "image/png",
}
DOCUMENT_TYPES = ("pdf", "docx", "xlsx", "odt")
# What a picture is stored as after re-encoding; only these are shown inline.
IMAGE_TYPES = ("jpg", "png")
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp", "gif"}
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
EXTENSION_ALIASES = {"jpeg": "jpg"}

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# A part that every package of the type holds, besides [Content_Types].xml.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# Checked from the header, before any pixel is decoded (a 40-megapixel photo is ~8000×5000).
MAX_IMAGE_PIXELS = 40_000_000
LOGO_SIDE = 800


def extension_of(name: str) -> str:
    ext = PurePosixPath((name or "").replace("\\", "/")).suffix.lower().lstrip(".")
    return EXTENSION_ALIASES.get(ext, ext)


def type_list(types) -> str:
    """ "PDF, DOCX or ODT" for messages (the last two joined by "or")."""
    names = [t.upper() for t in types]
    if len(names) == 1:
        return names[0]
    return _("%(first)s or %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


# --- Checks -----------------------------------------------------------------------------


def _check_size(uploaded, max_bytes: int) -> None:
    size = getattr(uploaded, "size", None) or 0
    if not size:
        raise ValidationError(_("The file is empty."), code="file_empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; it may be at most %(limit)s."),
            code="file_size",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )


def _zip_is(uploaded, file_type: str) -> bool:
    """Reads only the list of members (and the few bytes of `mimetype`): no zip bomb."""
    try:
        with zipfile.ZipFile(uploaded) as package:
            names = set(package.namelist())
            if file_type == "odt":
                if "mimetype" not in names:
                    return False
                with package.open("mimetype") as member:
                    return member.read(len(ODT_MIMETYPE) + 2).strip() == ODT_MIMETYPE
            return "[Content_Types].xml" in names and OOXML_PARTS[file_type] in names
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
        return False


def _document_content_is(uploaded, file_type: str) -> bool:
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    try:
        if file_type == "pdf":
            return head.startswith(b"%PDF-")
        return head.startswith(b"PK\x03\x04") and _zip_is(uploaded, file_type)
    finally:
        uploaded.seek(0)


def check_document(uploaded, *, types=DOCUMENT_TYPES, max_bytes=MAX_DOCUMENT_BYTES) -> str:
    """The document's type ("pdf", …) when its name and content agree and it is small enough.

    Raises ValidationError (codes file_empty, file_size, file_type, file_content) with a
    message for the person. The file is left at its start; nothing is converted.
    """
    file_type = extension_of(getattr(uploaded, "name", ""))
    if file_type not in types:
        raise ValidationError(
            _("Upload a %(types)s file; “.%(ext)s” files are not accepted."),
            code="file_type",
            params={"types": type_list(types), "ext": file_type or "?"},
        )
    _check_size(uploaded, max_bytes)
    if not _document_content_is(uploaded, file_type):
        raise ValidationError(
            _("The file's content is not a %(type)s file, whatever its name says."),
            code="file_content",
            params={"type": file_type.upper()},
        )
    return file_type


def reencode_image(
    uploaded, *, max_side: int | None = LOGO_SIDE, max_bytes: int = MAX_IMAGE_BYTES
) -> ContentFile:
    """The picture written again from its pixels, as `image.jpg` or `image.png`.

    The EXIF orientation is applied first; at most `max_side` pixels on the longer side.
    Raises ValidationError (codes file_empty, file_size, image_type, image_pixels,
    image_unreadable) with a message for the person.
    """
    _check_size(uploaded, max_bytes)
    try:
        with warnings.catch_warnings():
            # Pillow warns (and at twice its limit refuses) on huge headers; ours is lower.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            uploaded.seek(0)
            with Image.open(uploaded) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise ValidationError(
                        _("Upload a JPEG, PNG, WebP or GIF picture."), code="image_type"
                    )
                source_format = probe.format
                width, height = probe.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise _too_many_pixels()
                probe.verify()
            uploaded.seek(0)
            with Image.open(uploaded) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                has_alpha = image.mode in ("RGBA", "LA", "PA") or (
                    image.mode == "P" and "transparency" in image.info
                )
                image = image.convert("RGBA" if has_alpha else "RGB")
                if max_side:
                    image.thumbnail((max_side, max_side))
                out = io.BytesIO()
                # Only pixels are written: no exif=, icc_profile= or pnginfo= is passed on.
                # A photo stays a JPEG; drawings, schemas and transparency go to PNG.
                if source_format == "JPEG" and not has_alpha:
                    image.save(out, format="JPEG", quality=85, optimize=True)
                    ext = "jpg"
                else:
                    image.save(out, format="PNG", optimize=True)
                    ext = "png"
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ValidationError(
            _("This file is not a picture we can read."), code="image_unreadable"
        ) from exc
    finally:
        uploaded.seek(0)
    return ContentFile(out.getvalue(), name=f"image.{ext}")


def photo_store(photo, uploaded, *, large_side: int, small_side: int):
    """Save a two-size photo row (fields `large` and `small`: the market's product photos,
    the tourism services' photos): the upload re-encoded without its metadata at each
    width. A file that is not a picture raises ValidationError and nothing is saved."""
    large = reencode_image(uploaded, max_side=large_side)
    small = reencode_image(uploaded, max_side=small_side)
    photo.large.save(large.name, large, save=False)
    photo.small.save(small.name, small, save=False)
    photo.save()
    return photo


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The picture has too many pixels: at most %(mp)s megapixels."),
        code="image_pixels",
        params={"mp": MAX_IMAGE_PIXELS // 1_000_000},
    )


@dataclass(frozen=True)
class Accepted:
    """What to store (the upload itself, or the re-encoded picture) and its type."""

    file: object
    type: str


def accept_upload(uploaded, *, types, max_bytes: int, max_side: int | None = None) -> Accepted:
    """A document or a picture, for fields that take both (homework).

    Named as a picture (.jpg, .png, …) and pictures allowed: re-encoded. Otherwise checked
    as a document of `types`. Raises ValidationError with a message for the person.
    """
    if any(t in IMAGE_TYPES for t in types) and extension_of(uploaded.name) in IMAGE_EXTENSIONS:
        image = reencode_image(uploaded, max_side=max_side, max_bytes=max_bytes)
        return Accepted(file=image, type=extension_of(image.name))
    documents = tuple(t for t in types if t not in IMAGE_TYPES)
    try:
        file_type = check_document(uploaded, types=documents, max_bytes=max_bytes)
    except ValidationError as exc:
        if exc.code == "file_type":  # name every type the field takes, pictures too
            raise ValidationError(
                exc.message, code="file_type", params={**exc.params, "types": type_list(types)}
            ) from None
        raise
    return Accepted(file=uploaded, type=file_type)


# --- Names and storages -----------------------------------------------------------------


@deconstructible
class RandomName:
    """`upload_to` for every upload: `<folder>/<year>/<random>.<type>`."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        ext = extension_of(filename)
        ext = ext if ext.isalnum() and len(ext) <= 5 else "bin"
        return f"{self.folder}/{timezone.localdate():%Y}/{secrets.token_urlsafe(18)}.{ext}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)


class PrivateStorage(FileSystemStorage):
    """Files on disk outside MEDIA_ROOT, without URLs: only views hand them out.

    The folder is `location` when given (STORAGES["private"]["OPTIONS"]), else
    `settings.PRIVATE_ROOT`, read at each use so tests can point it at a temporary folder.
    """

    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        self._private_location = location
        super().__init__(location=location, base_url=None, **kwargs)

    @property
    def base_location(self):
        return str(self._private_location or settings.PRIVATE_ROOT)

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Private files have no public address; a view hands them out.")


def private_storage():
    """The `private` entry of STORAGES (a private S3 bucket, say); the field's storage."""
    return storages["private"]


# --- Fields that delete the files they no longer point at --------------------------------


class _DeletesOldFiles:
    """Mixin for file fields: the file a row no longer points at is deleted after commit."""

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        if not cls._meta.abstract:
            signals.post_init.connect(_remember_files, sender=cls, dispatch_uid="uploads")
            signals.post_save.connect(_delete_replaced_files, sender=cls, dispatch_uid="uploads")
            signals.post_delete.connect(_delete_files_of, sender=cls, dispatch_uid="uploads")


class PublicImageField(_DeletesOldFiles, models.ImageField):
    """A picture anyone may see (a logo): re-encoded on upload, stored under a random name."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})


class PrivateFieldFile(FieldFile):
    @property
    def url(self):
        """The address of the view that checks access and serves the file: the model's
        `get_file_url(field_name)` (templates, the admin and the API keep using `.url`)."""
        self._require_file()
        return self.instance.get_file_url(self.field.name)


class PrivateFileField(_DeletesOldFiles, models.FileField):
    """A document in the private storage; a view checks access and serves it."""

    attr_class = PrivateFieldFile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("storage", private_storage)
        super().__init__(*args, **kwargs)


@functools.cache
def _tracked_fields(model) -> tuple:
    return tuple(f for f in model._meta.concrete_fields if isinstance(f, _DeletesOldFiles))


def _stored_name(value) -> str:
    """The name of a file already in storage; "" for none or one not saved yet."""
    if isinstance(value, str):
        return value
    if isinstance(value, FieldFile) and value._committed:
        return value.name or ""
    return ""


def _remember_files(sender, instance, **kwargs):
    # Deferred fields are not in __dict__: unknown, so never deleted on their account.
    instance._uploads_stored = {
        f.attname: _stored_name(instance.__dict__[f.attname])
        for f in _tracked_fields(sender)
        if f.attname in instance.__dict__
    }


def _delete_after_commit(storage, name: str) -> None:
    def delete():
        try:
            storage.delete(name)
        except OSError:  # the row is saved either way; a stray file is only clutter
            logger.exception("Could not delete the replaced upload %s", name)

    transaction.on_commit(delete)


def _delete_replaced_files(sender, instance, update_fields=None, **kwargs):
    stored = getattr(instance, "_uploads_stored", {})
    for field in _tracked_fields(sender):
        if update_fields is not None and field.name not in update_fields:
            continue
        current = _stored_name(getattr(instance, field.attname))
        old = stored.get(field.attname, "")
        if old and old != current:
            _delete_after_commit(field.storage, old)
        stored[field.attname] = current
    instance._uploads_stored = stored


def _delete_files_of(sender, instance, **kwargs):
    for field in _tracked_fields(sender):
        name = _stored_name(instance.__dict__.get(field.attname))
        if name:
            _delete_after_commit(field.storage, name)


# --- Form field -------------------------------------------------------------------------


class ImageUploadField(forms.ImageField):
    """A picture upload that hands the form the re-encoded picture, never the upload."""

    max_side = LOGO_SIDE

    def to_python(self, data):
        uploaded = forms.FileField.to_python(self, data)
        if uploaded is None:
            return None
        return reencode_image(uploaded, max_side=self.max_side)


# --- Data migrations of files stored before this path ------------------------------------


def move_files_to_private(model, field_name: str) -> None:
    """Move the field's files from the public storage to the private one (same names)."""
    public, private = storages["default"], private_storage()
    rows = model.objects.exclude(**{field_name: ""}).values_list("pk", field_name)
    for pk, name in rows.iterator():
        if private.exists(name) or not public.exists(name):
            continue
        with public.open(name, "rb") as source:
            saved = private.save(name, source)
        if saved != name:
            model.objects.filter(pk=pk).update(**{field_name: saved})
        public.delete(name)


def reencode_public_images(model, field_name: str, folder: str) -> None:
    """Re-encode the field's pictures under random names; one that is no picture we can
    read (a page named .gif, say) is removed, and the row keeps no logo."""
    public, namer = storages["default"], RandomName(folder)
    rows = model.objects.exclude(**{field_name: ""}).values_list("pk", field_name)
    for pk, name in rows.iterator():
        if not public.exists(name):
            continue
        with public.open(name, "rb") as source:
            content = ContentFile(source.read(MAX_IMAGE_BYTES + 1), name=name)
        try:
            image = reencode_image(content)
            new_name = public.save(namer(None, image.name), image)
        except ValidationError:
            logger.warning("Removed the stored file %s: not a picture we can read", name)
            new_name = ""
        model.objects.filter(pk=pk).update(**{field_name: new_name})
        public.delete(name)


# --- Serving ----------------------------------------------------------------------------


def download_name(title: str, file_type: str) -> str:
    """A file name for the download header: no folders, no control characters."""
    base = (title or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"').strip()[:150]
    base = base or "file"
    return base if extension_of(base) == file_type else f"{base}.{file_type}"


def private_file_response(field_file, *, filename: str) -> FileResponse:
    """The stored file for a person the caller has already let through.

    The content type comes from the stored (random) name's type on our fixed list; anything
    that is not a re-encoded picture is sent as an attachment, never shown inline. 404 when
    the file is missing.
    """
    file_type = extension_of(field_file.name)
    content_type = CONTENT_TYPES.get(file_type, "application/octet-stream")
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=file_type not in IMAGE_TYPES,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Pictures from before re-encoding may still be GIF or WebP.
PUBLIC_MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}


def public_media(request, path):
    """/media/ on a one-machine install: pictures only, with their own content type.

    Only re-encoded pictures are stored there now; a file from before (a logo kept as
    uploaded, whatever its name) is served only when it is named as a picture, and then
    as that picture type with nosniff, so a browser never runs it as a page.
    """
    content_type = PUBLIC_MEDIA_TYPES.get(extension_of(path))
    if content_type is None:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
