"""The public tourism API: GET /api/v1/tourism (q, lag, kind, bbox)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaimolink.tourism.enums import ServiceKind, ServiceStatus
from tests.api.helpers import BAD_PAGING, get_json
from tests.factories import ActorFactory, LagFactory
from tests.tourism.factories import ServiceFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/tourism"


@pytest.fixture
def offer():
    lag = LagFactory(slug="dzukija")
    lake = ServiceFactory(
        actor=ActorFactory(lag=lag, name="Sodyba"), name="Sodyba prie Seirijo ežero",
        lat=54.23, lon=23.82, price="80.00", languages=["lt", "pl"],
    )  # fmt: skip
    hall = ServiceFactory(name="Kėdainių rotušė", kind=ServiceKind.HERITAGE, price=None)
    ServiceFactory(name="Juodraštis", status=ServiceStatus.DRAFT)
    return {"lake": lake, "hall": hall}


def test_the_list_gives_published_services_with_their_page(client, offer):
    response, body = get_json(client, URL)
    assert response.status_code == 200 and body["count"] == 2
    lake = next(i for i in body["items"] if i["slug"] == offer["lake"].slug)
    assert lake["url"] == offer["lake"].get_absolute_url()
    assert (lake["kind"], lake["lag"], lake["price"], lake["languages"]) == (
        "accommodation", "dzukija", "80.00", ["lt", "pl"],
    )  # fmt: skip
    assert all(item["url"] for item in body["items"])


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"q": "seirijo"}, ["Sodyba prie Seirijo ežero"]),
        ({"q": "kedainiai"}, ["Kėdainių rotušė"]),
        ({"lag": "dzukija"}, ["Sodyba prie Seirijo ežero"]),
        ({"kind": "heritage"}, ["Kėdainių rotušė"]),
        ({"bbox": "23.5,54.0,24.0,54.5"}, ["Sodyba prie Seirijo ežero"]),
    ],
)
def test_filters(client, offer, params, names):
    _, body = get_json(client, URL, params)
    assert [i["name"] for i in body["items"]] == names and body["count"] == len(names)


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"kind": "castle"}, "kind"),
        ({"lag": "no-such-lag"}, "lag"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "30,60,20,50"}, "bbox"),
        ({"q": "x" * 201}, "q"),
        *BAD_PAGING,
    ],
)
def test_a_bad_parameter_is_named_in_a_422(client, params, name):
    response, body = get_json(client, URL, params)
    assert response.status_code == 422
    assert name in {err["loc"][-1] for err in body["detail"]}


def test_the_same_queries_for_2_or_20_services(client, offer):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx)

    few = count()
    for _ in range(18):
        ServiceFactory(actor=ActorFactory())
    assert count() == few
