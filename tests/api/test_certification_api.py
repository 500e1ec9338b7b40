"""The public certification API: /api/v1/certification/schemes, /registry, /registry/{n}.
Licences are made by the certification services (tests/certification/factories.py)."""

from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kaimolink.certification import services
from kaimolink.credentials.models import Credential
from kaimolink.credentials.services import credential_issue
from kaimolink.credentials.vc import Achievement
from tests.api.helpers import BAD_PAGING, get_json
from tests.certification.factories import licensed, licensed_actor, make_world

pytestmark = pytest.mark.django_db
LIST_URL = "/api/v1/certification/registry"


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def licence(world):
    return licensed(world)


def test_schemes_lists_published_versions(client, world):
    response, body = get_json(client, "/api/v1/certification/schemes")
    assert response.status_code == 200
    assert body["count"] == 1
    scheme = body["items"][0]
    assert scheme["slug"] == "bv" and scheme["code"] == "BV" and scheme["current_version"] == 1
    assert scheme["versions"][0]["number"] == 1
    assert scheme["versions"][0]["validity_months"] == 24
    assert scheme["versions"][0]["url"] == "/lt/certification/bv/v1/"


def test_registry_item_has_its_fields(client, world, licence):
    _response, body = get_json(client, LIST_URL)
    assert body["count"] == 1
    item = body["items"][0]
    credential = Credential.objects.filter(source=f"certification.licence:{licence.pk}").first()
    assert item == {
        "number": licence.number,
        "actor": {"slug": world.actor.slug, "name": "Kaimo kepykla"},
        "lag": world.lag.slug,
        "scheme": "bv",
        "version": 1,
        "valid_from": licence.valid_from.isoformat(),
        "valid_to": licence.valid_until.isoformat(),
        "status": "valid",
        "status_label": "Galioja",
        "credential": item["credential"] if credential else None,
        "url": f"/lt/certification/registry/{licence.number}/",
    }
    if credential:
        assert item["credential"].endswith(f"/{credential.uuid}.jwt")


def test_registry_credential_is_the_marks_vc_jwt(client, world, licence):
    """The licence's credential (source "certification.licence:<pk>"): issued here through
    the credentials service, which returns the same row if certification issued it."""
    credential = credential_issue(
        source=f"certification.licence:{licence.pk}",
        subject_name=world.actor.name,
        subject_identifier="https://kaimolink.example/actors/kepykla",
        achievement=Achievement(id="https://kaimolink.example/certification/", name="BV",
                                description="Ženklas", criteria="Kriterijai"),
        valid_from=timezone.now(),
    )  # fmt: skip
    _r, body = get_json(client, LIST_URL)
    assert body["items"][0]["credential"].endswith(f"/{credential.uuid}.jwt")
    _r, one = get_json(client, f"{LIST_URL}/{licence.number}")
    assert one["credential"] == body["items"][0]["credential"]
    jwt = client.get(urlsplit(one["credential"]).path)
    assert jwt.status_code == 200


def test_registry_filters(client, world, licence):
    other = licensed_actor(world, "Amatų namai")
    services.licence_suspend(licence=other, by=world.coordinator, reason="Patikra")

    def numbers(params):
        response, body = get_json(client, LIST_URL, params)
        assert response.status_code == 200
        return sorted(i["number"] for i in body["items"])

    assert numbers({"status": "valid"}) == [licence.number]
    assert numbers({"status": "suspended"}) == [other.number]
    assert numbers({"lag": world.lag.slug}) == sorted([licence.number, other.number])
    assert numbers({"scheme": "bv", "q": "amatu"}) == [other.number]


@pytest.mark.parametrize(
    "params, name",
    [({"status": "forever"}, "status"), ({"lag": "nera"}, "lag"), ({"scheme": "nera"}, "scheme"),
     ({"q": "x" * 101}, "q"), *BAD_PAGING],
)  # fmt: skip
def test_registry_refuses_a_bad_parameter_naming_it(client, world, params, name):
    response, body = get_json(client, LIST_URL, params)
    assert response.status_code == 422
    assert ["query", name] in [error["loc"] for error in body["detail"]]


def test_registry_pages(client, world, licence):
    licensed_actor(world, "Antra")
    _r, first = get_json(client, LIST_URL, {"limit": 1})
    _r, second = get_json(client, LIST_URL, {"limit": 1, "offset": 1})
    assert first["count"] == second["count"] == 2
    assert first["items"][0]["number"] != second["items"][0]["number"]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_registry_and_schemes_cost_the_same_queries_for_one_and_many(client, world, licence):
    one = queries(client, LIST_URL), queries(client, "/api/v1/certification/schemes")
    licensed_actor(world, "Antra")
    licensed_actor(world, "Trečia")
    from tests.certification.factories import published_scheme

    published_scheme(name="Kita schema", code="KS")
    assert (queries(client, LIST_URL), queries(client, "/api/v1/certification/schemes")) == one


def test_one_licence_and_unknown_number(client, licence):
    response, body = get_json(client, f"{LIST_URL}/{licence.number}")
    assert response.status_code == 200 and body["number"] == licence.number
    for unknown in ("BV-1999-0001", "bv%00x", "x" * 300):
        response, body = get_json(client, f"{LIST_URL}/{unknown}")
        assert response.status_code == 404 and body["detail"], unknown
