"""The public fairs API: /api/v1/fairs (filters, 422 naming a bad one) and /fairs/{slug}
(exhibitors with the products they bring; drafts are 404)."""

import pytest

from kaimolink.fairs.enums import FairStatus
from tests.api.helpers import BAD_PAGING, get_json
from tests.fairs.factories import make_fair, make_world

pytestmark = pytest.mark.django_db
LIST_URL = "/api/v1/fairs"


def test_list_gives_count_items_and_urls_and_filters_by_period_and_lag(client):
    world = make_world()
    make_fair(world.lag, world.coordinator, when="past", title="Rudens gėrybių mugė")
    make_fair(world.lag, world.coordinator, title="Juodraštis", status=FairStatus.DRAFT)
    _r, body = get_json(client, LIST_URL)
    assert body["count"] == 2
    assert all(item["url"].startswith("/lt/fairs/") for item in body["items"])
    _r, body = get_json(client, LIST_URL, {"period": "open"})
    item = body["items"][0]
    assert body["count"] == 1 and item["slug"] == world.fair.slug
    assert item["period"] == "open" and item["booth_count"] == 1
    assert item["lags"] == [world.lag.slug]
    _r, body = get_json(client, LIST_URL, {"period": "past", "lag": world.lag.slug})
    assert [i["title"] for i in body["items"]] == ["Rudens gėrybių mugė"]


@pytest.mark.parametrize(
    ("params", "name"), [({"period": "rytoj"}, "period"), ({"lag": "nera"}, "lag"), *BAD_PAGING]
)
def test_a_bad_parameter_answers_422_naming_it(client, params, name):
    response, body = get_json(client, LIST_URL, params)
    assert response.status_code == 422
    assert any(error["loc"][-1] == name for error in body["detail"])


def test_detail_lists_exhibitors_with_their_products_and_hides_drafts(client):
    world = make_world()
    response, body = get_json(client, f"{LIST_URL}/{world.fair.slug}")
    assert response.status_code == 200
    exhibitor = body["exhibitors"][0]
    assert exhibitor["actor"] == world.actor.slug
    assert exhibitor["url"] == f"/lt/fairs/{world.fair.slug}/booths/{world.booth.pk}/"
    assert sorted(p["name"] for p in exhibitor["products"]) == sorted(
        p.name for p in world.products
    )
    assert all(p["url"].startswith("/lt/market/products/") for p in exhibitor["products"])
    draft = make_fair(world.lag, world.coordinator, title="Slapta", status=FairStatus.DRAFT)
    response, body = get_json(client, f"{LIST_URL}/{draft.slug}")
    assert response.status_code == 404 and body["detail"]
