"""Baked PNG and SVG images carry the credential, which still verifies."""

import io

import pytest
from PIL import Image

from kaimolink.credentials.baking import BakingError, bake_png, bake_svg, unbake_png, unbake_svg
from kaimolink.credentials.images import badge_png
from kaimolink.credentials.services import credential_jwt
from tests.credentials.conftest import issue, verify

pytestmark = [pytest.mark.django_db]

SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>'
)


def test_png_round_trip_and_the_baked_jwt_verifies(client):
    credential = issue()
    token = credential_jwt(credential)
    baked = bake_png(badge_png("Mokymai"), token)
    assert unbake_png(baked) == token
    verify(client, unbake_png(baked))
    image = Image.open(io.BytesIO(baked))
    image.load()  # Pillow checks every chunk's CRC: the image is still a valid PNG
    assert image.size == (400, 400)
    assert image.text["openbadgecredential"] == token  # another PNG reader finds it too


def test_baking_again_replaces_the_credential():
    png = bake_png(badge_png("A"), "first.token.x")
    again = bake_png(png, "second.token.y")
    assert unbake_png(again) == "second.token.y"
    assert again.count(b"openbadgecredential") == 1


def test_png_with_nothing_baked_gives_none():
    assert unbake_png(badge_png("A")) is None


def test_damaged_png_is_refused():
    png = bytearray(badge_png("A"))
    png[40] ^= 0xFF  # inside a chunk: its CRC no longer matches
    with pytest.raises(BakingError):
        bake_png(bytes(png), "a.b.c")
    with pytest.raises(BakingError):
        bake_png(b"GIF89a", "a.b.c")


def test_svg_round_trip_and_the_baked_jwt_verifies(client):
    token = credential_jwt(issue())
    baked = bake_svg(SVG, token)
    assert 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in baked
    assert (
        f'viewBox="0 0 10 10" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
        f'<openbadges:credential verify="{token}"/><circle' in baked
    )
    assert unbake_svg(baked) == token
    verify(client, unbake_svg(baked))
    import xml.etree.ElementTree as ET

    root = ET.fromstring(baked.split("\n", 1)[1])
    element = root.find("{https://purl.imsglobal.org/ob/v3p0}credential")
    assert element is not None and element.get("verify") == token


def test_svg_baked_twice_holds_one_credential():
    again = bake_svg(bake_svg(SVG, "first.a.b"), "second.c.d")
    assert again.count("<openbadges:credential") == 1
    assert again.count("xmlns:openbadges") == 1
    assert unbake_svg(again) == "second.c.d"


def test_svg_without_root_is_refused():
    with pytest.raises(BakingError):
        bake_svg("<html></html>", "a.b.c")
    assert unbake_svg(SVG) is None


def test_baked_png_download(client):
    credential = issue()
    response = client.get(f"/lt/credentials/{credential.uuid}.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    verify(client, unbake_png(response.content))
