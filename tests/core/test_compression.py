"""Pages and JSON leave compressed when the browser accepts gzip; static files keep
WhiteNoise's own compressed copies; binary files are left alone (issue 9)."""

import gzip

import pytest
from django.core.management import call_command
from django.test import Client

from kaimolink.core.compression import COMPRESSIBLE

pytestmark = pytest.mark.django_db


def test_page_gzip_when_accepted_decompresses_to_the_same_html(client):
    plain = client.get("/lt/")
    packed = client.get("/lt/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert plain.status_code == packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)


def test_page_plain_without_accept_encoding(client):
    response = client.get("/lt/")
    assert not response.has_header("Content-Encoding")
    assert response.content.lstrip().startswith(b"<!doctype html>")


def test_json_gzip_when_accepted(client):
    response = client.get("/api/v1/openapi.json", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).startswith(b"{")


@pytest.mark.parametrize(
    "content_type, compressed",
    [
        ("text/html; charset=utf-8", True),
        ("application/json", True),
        ("application/geo+json", True),
        ("text/csv", True),
        ("image/svg+xml", True),
        ("application/pdf", False),
        ("image/png", False),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
        ("application/zip", False),
    ],
)
def test_compressible_types(content_type, compressed):
    assert bool(COMPRESSIBLE.match(content_type)) is compressed


def test_static_files_keep_whitenoise_compression(settings, tmp_path):
    """Production: collectstatic writes .gz copies and WhiteNoise (above the GZip
    middleware) serves them; images go out as they are, never gzipped on the fly."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()  # a new handler: WhiteNoise reads STATIC_ROOT when it starts
    script = next((tmp_path / "static" / "vendor" / "leaflet").glob("leaflet.*.js"))
    url = f"/static/vendor/leaflet/{script.name}"
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    body = b"".join(response.streaming_content)
    assert response["Content-Encoding"] == "gzip"
    assert body == script.with_name(script.name + ".gz").read_bytes()  # not twice
    assert gzip.decompress(body) == script.read_bytes()
    icon = next((tmp_path / "static" / "vendor" / "leaflet" / "images").glob("marker-icon.*.png"))
    response = client.get(f"/static/vendor/leaflet/images/{icon.name}", HTTP_ACCEPT_ENCODING="gzip")
    assert not response.has_header("Content-Encoding")
    assert b"".join(response.streaming_content) == icon.read_bytes()
