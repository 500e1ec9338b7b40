"""The market's public API: /api/v1/products and /api/v1/products/{id} (issue 12, point 6)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaimolink.actors.enums import ActorStatus
from kaimolink.market.enums import Availability, Category, ProductStatus
from kaimolink.market.models import ProductPhoto
from tests.api.helpers import BAD_PAGING, get_json
from tests.factories import ActorFactory, LagFactory, SettlementFactory
from tests.market.factories import ProductFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/products"
HOST = "http://testserver"


def detail_url(product_id) -> str:
    return f"/api/v1/products/{product_id}"


def names(body) -> list[str]:
    return [item["name"] for item in body["items"]]


# --- The shape of an item, and what is never shown ------------------------------------------


def test_list_item_has_public_fields_and_absolute_url(client):
    lag = LagFactory(slug="kedainiai")
    seller = ActorFactory(
        name="Josvainių bendruomenė", lag=lag, email="slapta@example.lt", phone="+37060000001",
        address="Slaptoji g. 1", contacts_public=False,
    )  # fmt: skip
    partner = ActorFactory(name="Pernaravos bendruomenė")
    product = ProductFactory(
        actor=seller, name="Kalėdiniai atvirukai", category=Category.CRAFTS, regional=True
    )
    product.co_producers.set([partner])
    ProductPhoto.objects.create(product=product, large="products/l.jpg", small="products/s.jpg")

    response, body = get_json(client, LIST_URL, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert body["count"] == 1
    assert body["items"] == [
        {
            "id": product.pk,
            "slug": product.slug,
            "name": "Kalėdiniai atvirukai",
            "kind": "product",
            "category": "crafts",
            "category_label": "Crafts",
            "actor": {"slug": seller.slug, "name": "Josvainių bendruomenė"},
            "co_producers": [{"slug": partner.slug, "name": "Pernaravos bendruomenė"}],
            "lag": "kedainiai",
            "price": "3.50",
            "unit": "vnt.",
            "price_on_request": False,
            "availability": "in_stock",
            "availability_label": "In stock",
            "available": True,
            "regional": True,
            "photo": f"{HOST}/media/products/s.jpg",
            "url": f"{HOST}/en/market/products/{product.slug}/",
        }
    ]
    text = response.content.decode()
    for private in ("slapta@example.lt", "+37060000001", "Slaptoji"):
        assert private not in text


def test_price_on_request_has_no_price(client):
    ProductFactory(price_on_request=True, price=None)

    _, body = get_json(client, LIST_URL)

    assert body["items"][0]["price"] is None
    assert body["items"][0]["price_on_request"] is True


@pytest.mark.parametrize("status", [ProductStatus.DRAFT, ProductStatus.PENDING, "hidden"])
def test_unpublished_products_are_neither_listed_nor_shown(client, status):
    ProductFactory(name="Matomas")
    hidden = ProductFactory(name="Nematomas", status=status)

    _, body = get_json(client, LIST_URL)
    response, detail = get_json(client, detail_url(hidden.pk))

    assert names(body) == ["Matomas"]
    assert response.status_code == 404
    assert detail["detail"]


@pytest.mark.parametrize("status", [ActorStatus.DRAFT, ActorStatus.PENDING, ActorStatus.ARCHIVED])
def test_products_of_unpublished_actors_are_neither_listed_nor_shown(client, status):
    hidden = ProductFactory(name="Nematomas", actor=ActorFactory(status=status))

    _, body = get_json(client, LIST_URL)
    response, _detail = get_json(client, detail_url(hidden.pk))

    assert body == {"count": 0, "items": []}
    assert response.status_code == 404


# --- Filters --------------------------------------------------------------------------------


@pytest.fixture
def two_sellers():
    lag_a, lag_b = LagFactory(slug="lag-a"), LagFactory(slug="lag-b")
    first = ActorFactory(name="Pirmas", lag=lag_a, slug="pirmas")
    second = ActorFactory(name="Antras", lag=lag_b, slug="antras")
    ProductFactory(actor=first, name="Kalėdiniai atvirukai", category=Category.CRAFTS)
    ProductFactory(actor=first, name="Liepų medus", category=Category.FOOD, quantity=0)
    together = ProductFactory(actor=second, name="Sūris", category=Category.FOOD)
    together.co_producers.set([first])
    ProductFactory(
        actor=second, name="Duona", category=Category.FOOD,
        availability=Availability.TO_ORDER, quantity=None,
    )  # fmt: skip
    return first, second


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Duona", "Kalėdiniai atvirukai", "Liepų medus", "Sūris"]),
        ({"q": "atviruku"}, ["Kalėdiniai atvirukai"]),
        ({"q": "KALEDINIU"}, ["Kalėdiniai atvirukai"]),
        ({"q": "medaus"}, ["Liepų medus"]),
        ({"lag": "lag-a"}, ["Kalėdiniai atvirukai", "Liepų medus"]),
        ({"lag": "lag-b"}, ["Duona", "Sūris"]),
        ({"category": "food"}, ["Duona", "Liepų medus", "Sūris"]),
        ({"category": "tourism"}, []),
        # An actor's products include those it makes together with others.
        ({"actor": "pirmas"}, ["Kalėdiniai atvirukai", "Liepų medus", "Sūris"]),
        ({"actor": "antras"}, ["Duona", "Sūris"]),
        ({"available": "true"}, ["Duona", "Kalėdiniai atvirukai", "Sūris"]),
        ({"available": "false"}, ["Liepų medus"]),
        ({"category": "food", "lag": "lag-a", "available": "true"}, []),
        ({"q": "", "lag": "", "category": "", "actor": "", "available": ""}, None),
    ],
)
def test_list_filter_valid(client, two_sellers, params, expected):
    if expected is None:  # empty values mean "no filter"
        expected = ["Duona", "Kalėdiniai atvirukai", "Liepų medus", "Sūris"]
    response, body = get_json(client, LIST_URL, params)

    assert response.status_code == 200, body
    assert names(body) == expected
    assert body["count"] == len(expected)


def test_limit_and_offset_page_through(client, two_sellers):
    _, first = get_json(client, LIST_URL, {"limit": 3})
    _, rest = get_json(client, LIST_URL, {"limit": 3, "offset": 3})

    assert first["count"] == rest["count"] == 4
    assert names(first) + names(rest) == ["Duona", "Kalėdiniai atvirukai", "Liepų medus", "Sūris"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"lag": "no-such-lag"}, "lag"),
        ({"category": "weapons"}, "category"),
        ({"actor": "no-such-actor"}, "actor"),
        ({"available": "yes"}, "available"),
        ({"q": "x" * 201}, "q"),
        ({"lag": "a\x00b"}, "lag"),
        ({"actor": "\x00"}, "actor"),
        *BAD_PAGING,
    ],
)
def test_invalid_parameter_is_422_naming_it(client, two_sellers, params, parameter):
    response, body = get_json(client, LIST_URL, params)

    assert response.status_code == 422
    assert [error["loc"] for error in body["detail"]] == [["query", parameter]]
    assert all(error["msg"] for error in body["detail"])


def test_an_unpublished_actor_is_refused_as_a_filter(client):
    draft = ActorFactory(status=ActorStatus.DRAFT, slug="juodrastis")
    ProductFactory(actor=draft)

    response, body = get_json(client, LIST_URL, {"actor": "juodrastis"})

    assert response.status_code == 422
    assert body["detail"][0]["loc"] == ["query", "actor"]


def test_error_reason_follows_language(client):
    _, lt = get_json(client, LIST_URL, {"actor": "nera"}, HTTP_ACCEPT_LANGUAGE="lt")
    _, en = get_json(client, LIST_URL, {"actor": "nera"}, HTTP_ACCEPT_LANGUAGE="en")

    assert en["detail"][0]["msg"] == "There is no published actor with this slug."
    assert lt["detail"][0]["msg"] != en["detail"][0]["msg"]


# --- Constant queries -----------------------------------------------------------------------


def _count_list_queries(client) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LIST_URL, {"limit": 100})
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()


def _product_with_everything():
    product = ProductFactory(actor=ActorFactory(), pickup_settlement=SettlementFactory())
    product.co_producers.set([ActorFactory(), ActorFactory()])
    ProductPhoto.objects.create(product=product, large="products/l.jpg", small="products/s.jpg")
    return product


def test_list_query_count_is_constant(client):
    _product_with_everything()
    one_count, one = _count_list_queries(client)

    for _ in range(19):  # each with its own seller, LAG, settlement, co-producers and photo
        _product_with_everything()
    many_count, many = _count_list_queries(client)

    assert len(one["items"]) == 1
    assert len(many["items"]) == 20
    assert all(len(item["co_producers"]) == 2 and item["photo"] for item in many["items"])
    assert many_count == one_count
    # count, the page with seller, LAG and settlement joined, photos, co-producers.
    assert one_count == 4


def test_actor_filter_query_count_is_constant(client):
    seller = ActorFactory(slug="pardavejas")
    ProductFactory(actor=seller)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST_URL, {"actor": "pardavejas"})
    ProductFactory.create_batch(10, actor=seller)
    with CaptureQueriesContext(connection) as many:
        body = client.get(LIST_URL, {"actor": "pardavejas"}).json()

    assert body["count"] == 11
    assert len(many.captured_queries) == len(one.captured_queries)


# --- /products/{id} -------------------------------------------------------------------------


def test_detail_shows_the_product_without_private_contacts(client):
    seller = ActorFactory(
        email="privatu@example.lt", phone="+37062222222", address="Slaptoji g. 7",
        contacts_public=False,
    )  # fmt: skip
    product = ProductFactory(
        actor=seller, name="Liepų medus", description="Šviežias.", quantity=7,
        pickup_settlement=SettlementFactory(name="Josvainiai"), delivery_area="Kėdainių r.",
        organic_claim="Ekoagros, Nr. 123",
    )  # fmt: skip
    ProductPhoto.objects.create(
        product=product, large="products/l.jpg", small="products/s.jpg", alt="Stiklainis"
    )

    response, body = get_json(client, detail_url(product.pk), HTTP_ACCEPT_LANGUAGE="lt")

    assert response.status_code == 200
    assert body["id"] == product.pk
    assert body["url"] == f"{HOST}/lt/market/products/{product.slug}/"
    assert body["description"] == "Šviežias."
    assert body["quantity"] == 7
    assert body["pickup_settlement"] == "Josvainiai"
    assert body["delivery_area"] == "Kėdainių r."
    assert body["organic_claim"] == "Ekoagros, Nr. 123"
    assert body["photos"] == [
        {
            "large": f"{HOST}/media/products/l.jpg",
            "small": f"{HOST}/media/products/s.jpg",
            "alt": "Stiklainis",
        }
    ]
    text = response.content.decode()
    for private in ("privatu@example.lt", "+37062222222", "Slaptoji"):
        assert private not in text


def test_detail_made_to_order_has_no_quantity(client):
    product = ProductFactory(availability=Availability.TO_ORDER, quantity=None, lead_time_days=5)

    _, body = get_json(client, detail_url(product.pk))

    assert body["quantity"] is None
    assert body["lead_time_days"] == 5
    assert body["available"] is True


@pytest.mark.parametrize("product_id", ["0", "999999", str(2**63), "-1"])
def test_detail_unknown_is_404(client, product_id):
    ProductFactory()

    response, body = get_json(client, detail_url(product_id))

    assert response.status_code == 404
    assert body["detail"]


@pytest.mark.parametrize("product_id", ["abc", "1.5"])
def test_detail_id_not_a_number_is_422(client, product_id):
    response, body = get_json(client, detail_url(product_id))

    assert response.status_code == 422
    assert body["detail"][0]["loc"][-1] == "product_id"


def test_openapi_lists_the_market_paths_and_filters(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert {"/api/v1/products", "/api/v1/products/{product_id}"} <= set(schema["paths"])
    params = {p["name"]: p for p in schema["paths"]["/api/v1/products"]["get"]["parameters"]}
    assert set(params) >= {"q", "lag", "category", "actor", "available", "limit", "offset"}
    assert params["category"]["schema"]["enum"] == ["", *Category.values]
