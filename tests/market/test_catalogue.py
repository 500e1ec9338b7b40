"""The catalogue: search by Lithuanian word forms and without accents, facets, pages."""

import pytest
from django.urls import reverse

from kaimolink.market.enums import Availability, Category, ProductStatus
from tests.factories import ActorFactory, LagFactory, UserFactory
from tests.helpers.queries import count_queries
from tests.market.factories import ProductFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("market:index")


def names(response) -> list[str]:
    return [p.name for p in response.context["page"]]


def test_search_finds_other_word_forms_and_letters_without_accents(client):
    ProductFactory(name="Kalėdiniai atvirukai", description="Rankų darbo atvirukas.")
    ProductFactory(name="Liepų medus")
    assert names(client.get(INDEX, {"q": "atviruku"})) == ["Kalėdiniai atvirukai"]
    assert names(client.get(INDEX, {"q": "kalediniu"})) == ["Kalėdiniai atvirukai"]
    assert names(client.get(INDEX, {"q": "KALĖDINIS"})) == ["Kalėdiniai atvirukai"]
    assert names(client.get(INDEX, {"q": "medaus"})) == ["Liepų medus"]


def test_facets_filter_by_category_lag_availability_and_delivery(client):
    lag = LagFactory()
    food = ProductFactory(name="Sūris", category=Category.FOOD, actor=ActorFactory(lag=lag))
    ProductFactory(name="Krepšys", category=Category.CRAFTS, by_post=True)
    ProductFactory(
        name="Pyragas", availability=Availability.TO_ORDER, quantity=None, lead_time_days=2,
        delivery_area="Kėdainių r.",
    )  # fmt: skip
    assert names(client.get(INDEX, {"category": "food"})) == [food.name]
    assert names(client.get(INDEX, {"lag": lag.slug})) == [food.name]
    assert names(client.get(INDEX, {"availability": "to_order"})) == ["Pyragas"]
    assert names(client.get(INDEX, {"delivery": "post"})) == ["Krepšys"]
    assert names(client.get(INDEX, {"delivery": "delivery"})) == ["Pyragas"]


def test_bad_filter_answers_400_with_a_message(client):
    response = client.get(INDEX, {"category": "ginklai", "lag": "nera"})
    assert response.status_code == 400
    assert "filtr" in response.content.decode().lower()


def test_only_published_products_of_published_actors_are_listed(client):
    ProductFactory(name="Juodraštis", status=ProductStatus.DRAFT)
    ProductFactory(name="Paslėptas", status=ProductStatus.HIDDEN)
    ProductFactory(name="Matomas")
    ProductFactory(name="Neskelbto", actor=ActorFactory(status="draft"))
    assert names(client.get(INDEX)) == ["Matomas"]


def test_actor_lag_and_category_pages(client):
    actor = ActorFactory()
    mine = ProductFactory(actor=actor, name="Mano", category=Category.FOOD)
    partner = ActorFactory(lag=actor.lag)
    together = ProductFactory(actor=partner, name="Bendras")
    together.co_producers.add(actor)
    ProductFactory(name="Kito")
    response = client.get(reverse("market:actor", args=[actor.slug]))
    assert sorted(names(response)) == ["Bendras", "Mano"]
    assert names(client.get(reverse("market:lag", args=[actor.lag.slug]))) == ["Bendras", "Mano"]
    assert names(client.get(reverse("market:category", args=["food"]))) == [mine.name]
    assert client.get(reverse("market:category", args=["ginklai"])).status_code == 404


def test_product_page_lists_every_co_producer_and_the_certified_mark(client):
    actor = ActorFactory(certification_status="certified")
    partner = ActorFactory(lag=actor.lag, name="Kaimynų bendruomenė")
    product = ProductFactory(actor=actor, regional=True)
    product.co_producers.add(partner)
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Kaimynų bendruomenė" in page
    assert "regioninis produktas" in page.lower()
    assert "sertifikuot" in page.lower()


def test_draft_product_is_404_for_others_and_shown_to_its_members(client):
    owner = UserFactory()
    product = ProductFactory(actor=ActorFactory(owners=[owner]), status=ProductStatus.DRAFT)
    assert client.get(product.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(product.get_absolute_url()).status_code == 404
    client.force_login(owner)
    assert client.get(product.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("url_name", ["index", "actor", "lag"])
def test_catalogue_pages_cost_the_same_queries_for_one_and_many_products(client, url_name):
    actor = ActorFactory()
    url = {
        "index": INDEX,
        "actor": reverse("market:actor", args=[actor.slug]),
        "lag": reverse("market:lag", args=[actor.lag.slug]),
    }[url_name]
    first = ProductFactory(actor=actor)
    first.co_producers.add(ActorFactory(lag=actor.lag))
    one = count_queries(client, url)
    for _ in range(5):
        ProductFactory(actor=actor).co_producers.add(ActorFactory(lag=actor.lag))
    assert count_queries(client, url) == one


def test_search_works_with_a_plain_get_form_without_javascript(client):
    ProductFactory(name="Vilnonės kojinės")
    page = client.get(INDEX).content.decode()
    assert 'method="get"' in page and 'name="q"' in page
    assert names(client.get(INDEX, {"q": "kojines"})) == ["Vilnonės kojinės"]
