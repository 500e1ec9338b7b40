"""The one upload path: pictures re-encoded without metadata, random names, old files
deleted, only pictures under /media/ (issue 8, finding 5)."""

import io
import os

import pytest
from django.forms import modelform_factory
from django.utils import translation
from PIL import Image

from kaimolink.core.models import Lag
from tests.factories import LagFactory
from tests.files import (
    EXIF_MAKE,
    HTML,
    PDF,
    gif_html_polyglot,
    image_bytes,
    jpeg_with_exif,
    pixel_bomb,
    upload,
)

pytestmark = pytest.mark.django_db

LagLogoForm = modelform_factory(Lag, fields=["logo"])  # the field as the admin shows it


def save_logo(lag, name, content):
    form = LagLogoForm(instance=lag, files={"logo": upload(name, content)})
    assert form.is_valid(), form.errors
    return form.save()


def stored_bytes(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("name", ["logo.pdf", "logo.gif"])
def test_lag_logo_gif_html_polyglot_is_reencoded_and_served_as_a_picture(client, name):
    lag = save_logo(LagFactory(), name, gif_html_polyglot())
    content = stored_bytes(lag.logo)
    assert b"<script" not in content and b"<html" not in content
    assert lag.logo.name.endswith(".png")
    with Image.open(io.BytesIO(content)) as stored:
        assert stored.format == "PNG"
    response = client.get(lag.logo.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_uploaded_jpeg_loses_its_exif_after_its_orientation_is_applied():
    lag = save_logo(LagFactory(), "nuotrauka.jpg", jpeg_with_exif(size=(60, 30), orientation=6))
    with Image.open(lag.logo.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert "exif" not in stored.info
        assert stored.size == (30, 60)  # turned as the camera said, before the EXIF went
    assert b"SecretCamera" not in stored_bytes(lag.logo)


def test_logo_names_are_random_and_never_the_persons():
    first = save_logo(LagFactory(), "logo.jpg", image_bytes("JPEG"))
    second = save_logo(LagFactory(), "logo.jpg", image_bytes("JPEG"))
    assert first.logo.name != second.logo.name
    for lag in (first, second):
        folder, year, name = lag.logo.name.split("/")
        assert folder == "lags" and year.isdigit() and "logo" not in name
        assert len(name) > 20


def test_replaced_logo_file_is_deleted_after_commit(django_capture_on_commit_callbacks):
    lag = save_logo(LagFactory(), "senas.png", image_bytes("PNG"))
    old = lag.logo.path
    assert os.path.exists(old)
    with django_capture_on_commit_callbacks(execute=True):
        lag = save_logo(Lag.objects.get(pk=lag.pk), "naujas.png", image_bytes("PNG"))
    assert lag.logo.path != old and os.path.exists(lag.logo.path)
    assert not os.path.exists(old)


def test_logo_of_a_deleted_row_is_deleted_after_commit(django_capture_on_commit_callbacks):
    lag = save_logo(LagFactory(), "logo.png", image_bytes("PNG"))
    path = lag.logo.path
    assert os.path.exists(path)
    with django_capture_on_commit_callbacks(execute=True):
        Lag.objects.get(pk=lag.pk).delete()
    assert not os.path.exists(path)


def test_logo_stays_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    lag = save_logo(LagFactory(), "senas.png", image_bytes("PNG"))
    old = lag.logo.path
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        save_logo(Lag.objects.get(pk=lag.pk), "naujas.png", image_bytes("PNG"))
    assert callbacks and os.path.exists(old)  # deleted only by the commit that never came


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (pixel_bomb(), "daugiausia 40 megapikselių"),
        (PDF, "Šio failo nepavyko atidaryti kaip paveikslėlio"),
        (HTML, "Šio failo nepavyko atidaryti kaip paveikslėlio"),
    ],
    ids=["decompression-bomb", "pdf", "html"],
)
def test_lag_logo_that_is_no_acceptable_picture_is_refused_with_a_message(content, message):
    lag = LagFactory()
    with translation.override("lt"):
        form = LagLogoForm(instance=lag, files={"logo": upload("logo.png", content)})
        assert not form.is_valid()
        assert message in form.errors["logo"][0]
    lag.refresh_from_db()
    assert not lag.logo


def test_media_serves_only_pictures_with_nosniff(client, settings):
    folder = settings.MEDIA_ROOT / "lags"
    folder.mkdir(parents=True)
    (folder / "old.pdf").write_bytes(gif_html_polyglot())  # stored as uploaded before
    (folder / "old.html").write_bytes(HTML)
    (folder / "old.png").write_bytes(image_bytes("PNG"))
    assert client.get("/media/lags/old.pdf").status_code == 404
    assert client.get("/media/lags/old.html").status_code == 404
    response = client.get("/media/lags/old.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_reencoded_picture_keeps_no_exif_tag():
    from kaimolink.core.uploads import reencode_image

    image = reencode_image(upload("a.jpg", image_bytes("JPEG", exif={EXIF_MAKE: "X"})))
    with Image.open(image) as stored:
        assert EXIF_MAKE not in stored.getexif()


def test_data_migrations_reencode_old_logos_and_move_old_documents(settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from kaimolink.core.uploads import (
        move_files_to_private,
        private_storage,
        reencode_public_images,
    )
    from kaimolink.projects.models import ProjectDocument
    from tests.projects.factories import ProjectFactory

    polyglot = default_storage.save("lags/logo.pdf", ContentFile(gif_html_polyglot()))
    page = default_storage.save("lags/page.gif", ContentFile(HTML))
    kept, dropped = LagFactory(), LagFactory()
    Lag.objects.filter(pk=kept.pk).update(logo=polyglot)
    Lag.objects.filter(pk=dropped.pk).update(logo=page)
    reencode_public_images(Lag, "logo", "lags")
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert kept.logo.name.startswith("lags/") and kept.logo.name.endswith(".png")
    assert b"<script" not in stored_bytes(kept.logo)
    assert not dropped.logo
    assert not default_storage.exists(polyglot) and not default_storage.exists(page)

    old = default_storage.save("projects/documents/abc/sutartis.pdf", ContentFile(PDF))
    document = ProjectDocument.objects.create(project=ProjectFactory(), title="S", file=old)
    move_files_to_private(ProjectDocument, "file")
    document.refresh_from_db()
    assert not default_storage.exists(old)
    assert private_storage().exists(document.file.name)
    assert stored_bytes(document.file) == PDF
