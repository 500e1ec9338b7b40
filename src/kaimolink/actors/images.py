"""Checks and normalises uploaded pictures: a real image, not too big, no metadata."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
MAX_SIDE = 800
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def normalise_image(uploaded, *, base_name: str) -> SimpleUploadedFile:
    """Return the picture re-encoded at most MAX_SIDE wide, with EXIF/GPS data removed.

    Raises ValidationError with a message for the person when the file is not acceptable.
    """
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The picture is too large: at most 5 MB."))
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF picture."))
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The picture has too many pixels."))
            probe.verify()
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image = ImageOps.exif_transpose(image)
            has_alpha = image.mode in ("RGBA", "LA", "P")
            image = image.convert("RGBA" if has_alpha else "RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            # Re-encoding writes only pixels: EXIF, GPS and comments are left behind.
            if has_alpha:
                image.save(out, format="PNG", optimize=True)
                ext, content_type = "png", "image/png"
            else:
                image.save(out, format="JPEG", quality=85, optimize=True)
                ext, content_type = "jpg", "image/jpeg"
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("This file is not a picture we can read.")) from exc
    return SimpleUploadedFile(f"{base_name}.{ext}", out.getvalue(), content_type=content_type)
