"""Anonymous visitors get cached public pages that are never stale."""

import pytest

from kaimolink.actors.enums import ActorStatus
from tests.factories import ActorFactory, UserFactory
from tests.helpers.pagecache import queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(page_cache_on):
    pass


def test_second_anonymous_visit_is_served_from_cache(client, capture_on_commit):
    capture_on_commit(lambda: ActorFactory(name="Pirmas"))
    first, _ = queries(client, "/lt/actors/")
    second, text = queries(client, "/lt/actors/")
    assert second == 1  # only the generation number is read
    assert first > second
    assert "Pirmas" in text


def test_a_change_shows_at_once(client, capture_on_commit):
    actor = capture_on_commit(lambda: ActorFactory(name="Senas"))
    client.get("/lt/actors/")
    client.get(actor.get_absolute_url())

    def rename():
        actor.name = "Naujas"
        actor.save()

    capture_on_commit(rename)
    assert "Naujas" in client.get("/lt/actors/").text
    assert "Naujas" in client.get(actor.get_absolute_url()).text


def test_unpublishing_hides_at_once(client, capture_on_commit):
    actor = capture_on_commit(lambda: ActorFactory(name="Dingsiantis"))
    assert client.get(actor.get_absolute_url()).status_code == 200

    def archive():
        actor.status = ActorStatus.ARCHIVED
        actor.save()

    capture_on_commit(archive)
    assert client.get(actor.get_absolute_url()).status_code == 404
    assert "Dingsiantis" not in client.get("/lt/actors/").text


def test_logged_in_people_never_get_cached_pages(client, capture_on_commit):
    owner = UserFactory()
    actor = capture_on_commit(lambda: ActorFactory(owners=[owner]))
    client.get(actor.get_absolute_url())  # anonymous: cached without the manage buttons
    client.force_login(owner)
    assert "/edit/" in client.get(actor.get_absolute_url()).text


def test_languages_and_filters_are_cached_apart(client, capture_on_commit):
    capture_on_commit(lambda: ActorFactory(name="Kėdainių medus"))
    capture_on_commit(lambda: ActorFactory(name="Lazdijų sūris"))
    assert "Lazdijų sūris" not in client.get("/lt/actors/?q=medus").text
    assert "Lazdijų sūris" in client.get("/lt/actors/").text
    assert '<html lang="en">' in client.get("/en/actors/").text
    assert '<html lang="lt">' in client.get("/lt/actors/").text


def test_htmx_fragment_and_full_page_are_cached_apart(client, capture_on_commit):
    capture_on_commit(lambda: ActorFactory())
    full = client.get("/lt/actors/").text
    fragment = client.get("/lt/actors/", headers={"HX-Request": "true"}).text
    assert "<html" in full
    assert "<html" not in fragment
    assert "<html" in client.get("/lt/actors/").text


def test_the_public_api_is_cached_and_invalidated_too(client, capture_on_commit):
    actor = capture_on_commit(lambda: ActorFactory(name="Senas"))
    assert client.get("/api/v1/actors").json()["items"][0]["name"] == "Senas"
    second, _ = queries(client, "/api/v1/actors")
    assert second == 1

    def rename():
        actor.name = "Naujas"
        actor.save()

    capture_on_commit(rename)
    assert client.get("/api/v1/actors").json()["items"][0]["name"] == "Naujas"


def test_a_registration_refreshes_the_event_pages_and_leaves_the_rest_cached(
    client, capture_on_commit
):
    """Places left change with every registration; the directory does not."""
    from kaimolink.events import services
    from tests.events.factories import EventFactory

    event = capture_on_commit(lambda: EventFactory(capacity=5))
    capture_on_commit(lambda: ActorFactory(name="Pirmas"))
    queries(client, "/lt/actors/")
    queries(client, event.get_absolute_url())
    queries(client, "/api/v1/events")

    capture_on_commit(lambda: services.registration_create(event=event, person=UserFactory()))

    directory, _ = queries(client, "/lt/actors/")
    assert directory == 1  # still served from the cache
    page_queries, page = queries(client, event.get_absolute_url())
    assert page_queries > 1 and "4" in page  # rendered again: 4 places left
    api_queries, api = queries(client, "/api/v1/events")
    assert api_queries > 1 and '"confirmed": 1' in api.replace('"confirmed":1', '"confirmed": 1')
