"""The map's markers file: revalidated with an ETag instead of downloaded again (issue 9)."""

import gzip

import pytest

from tests.factories import ActorFactory, SettlementFactory

pytestmark = pytest.mark.django_db

URL = "/lt/actors/map/markers.geojson?bbox=23,55,24,56"


@pytest.fixture
def actors():
    place = SettlementFactory(lat=55.3, lon=23.9)
    return [ActorFactory(settlement=place, district=place.district) for _ in range(3)]


def test_markers_answer_has_etag_and_must_be_revalidated(client, actors):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["ETag"].startswith('"markers-')
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "no-cache"} <= cache_control


def test_markers_unchanged_answer_304_without_body(client, actors):
    etag = client.get(URL)["ETag"]
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_markers_compressed_answer_revalidates_with_its_weak_etag(client, actors):
    first = client.get(URL, HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    assert first["ETag"].startswith('W/"markers-')  # GZipMiddleware weakens it
    assert len(gzip.decompress(first.content)) > len(first.content)
    again = client.get(URL, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_markers_changed_actor_gives_new_etag_and_full_answer(
    client, actors, django_capture_on_commit_callbacks
):
    old = client.get(URL)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        actors[0].name = "Naujas vardas"
        actors[0].save()
    response = client.get(URL, HTTP_IF_NONE_MATCH=old)
    assert response.status_code == 200
    assert response["ETag"] != old
    assert "Naujas vardas" in {f["properties"]["name"] for f in response.json()["features"]}
