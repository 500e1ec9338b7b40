"""How the catalogue counts and orders a large result (selectors.catalogue_result).

The web catalogue counts at most COUNT_CAP matches ("More than …"); the API counts exactly.
On PostgreSQL a search with at most SORT_MATCHES_LIMIT matches is sorted in Python and a
page read by primary key: the same products in the same order as the SQL order.
"""

import pytest
from django.urls import reverse

from kaimolink.actors.enums import ActorStatus
from kaimolink.market import selectors
from kaimolink.market.selectors import CatalogueQuery
from tests.factories import ActorFactory
from tests.market.factories import ProductFactory

pytestmark = pytest.mark.django_db

NAMES = ["Žolelių arbata", "Zuikio pyragas", "Šakotis", "Sūris", "Čiobrelių medus", "Cukrus"]
LT_ORDER = ["Cukrus", "Čiobrelių medus", "Sūris", "Šakotis", "Zuikio pyragas", "Žolelių arbata"]


@pytest.fixture
def products():
    actor = ActorFactory(name="Ūkis")
    made = [ProductFactory(actor=actor, name=name, description="Kaimo gaminys") for name in NAMES]
    # Not in any result: another actor's draft, and a product of an unpublished actor.
    ProductFactory(actor=actor, name="Juodraštis", status="draft", description="Kaimo gaminys")
    ProductFactory(
        actor=ActorFactory(status=ActorStatus.ARCHIVED), name="Archyvas",
        description="Kaimo gaminys",
    )  # fmt: skip
    return made


def _names(result):
    return [p.name for p in result.products[0:100]]


def test_the_web_count_stops_at_the_cap(client, products, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 4)
    monkeypatch.setattr(selectors, "SORT_MATCHES_LIMIT", 4)

    result = selectors.catalogue_result(query=CatalogueQuery(q="kaimo"))
    exact = selectors.catalogue_result(query=CatalogueQuery(q="kaimo"), exact_count=True)
    response = client.get(reverse("market:index"), {"q": "kaimo"})

    assert (result.count, result.count_is_capped) == (4, True)
    assert (exact.count, exact.count_is_capped) == (6, False)
    assert _names(result) == _names(exact) == LT_ORDER
    assert "daugiau nei 4" in response.text
    assert client.get("/api/v1/products", {"q": "kaimo"}).json()["count"] == 6


def test_under_the_cap_the_count_is_exact(client, products):
    result = selectors.catalogue_result(query=CatalogueQuery(category="crafts"))

    assert (result.count, result.count_is_capped) == (6, False)
    assert _names(result) == LT_ORDER
    assert "daugiau nei" not in client.get(reverse("market:index")).text


@pytest.mark.postgres_only
def test_postgres_sorts_a_small_search_itself_in_the_same_order(products, monkeypatch):
    by_sql = [p.name for p in selectors.catalogue_page(query=CatalogueQuery(q="kaimo"))]

    result = selectors.catalogue_result(query=CatalogueQuery(q="kaimo"))

    assert isinstance(result.products, selectors.ProductsByIds)
    assert (result.count, result.count_is_capped) == (6, False)
    assert _names(result) == by_sql == LT_ORDER
    assert [p.name for p in result.products[2:4]] == LT_ORDER[2:4]


@pytest.mark.postgres_only
def test_postgres_broad_search_walks_the_name_index(products, monkeypatch):
    monkeypatch.setattr(selectors, "SORT_MATCHES_LIMIT", 3)
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)

    result = selectors.catalogue_result(query=CatalogueQuery(q="kaimo"))

    assert not isinstance(result.products, selectors.ProductsByIds)
    assert (result.count, result.count_is_capped) == (3, True)
    assert _names(result) == LT_ORDER


@pytest.mark.postgres_only
def test_postgres_actor_filter_with_co_products_is_sorted_once_each(products):
    partner = ActorFactory(name="Partneris")
    products[0].co_producers.add(partner)
    ProductFactory(actor=partner, name="Bendras kaimo sūris", description="Kaimo")

    result = selectors.catalogue_result(query=CatalogueQuery(q="kaimo", actor=partner))

    assert _names(result) == ["Bendras kaimo sūris", "Žolelių arbata"]
    assert result.count == 2
