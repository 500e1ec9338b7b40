"""The public catalogue pages are cached for visitors, and a change shows at once."""

import pytest
from django.urls import reverse

from kaimolink.market import services
from kaimolink.market.enums import Category, ProductStatus
from kaimolink.market.models import ProductPhoto
from tests.factories import ActorFactory, UserFactory
from tests.helpers.pagecache import queries
from tests.market.factories import CatalogueFactory, ProductFactory, guest_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(page_cache_on):
    pass


def _pages(product, catalogue):
    return [
        reverse("market:index"),
        reverse("market:actor", args=[product.actor.slug]),
        reverse("market:lag", args=[product.lag.slug]),
        reverse("market:category", args=[product.category]),
        product.get_absolute_url(),
        reverse("market:catalogues"),
        catalogue.get_absolute_url(),
    ]


@pytest.fixture
def world(capture_on_commit):
    product = capture_on_commit(
        lambda: ProductFactory(name="Senas atvirukas", category=Category.CRAFTS)
    )
    catalogue = capture_on_commit(lambda: CatalogueFactory(lag=product.lag, products=[product]))
    return product, catalogue


def test_every_public_catalogue_page_is_served_from_cache(client, world):
    for url in _pages(*world):
        first, text = queries(client, url)
        second, again = queries(client, url)
        assert second == 1, url  # only the generation number is read
        assert first > second, url
        assert again == text


def test_a_renamed_product_shows_at_once_on_every_page(client, world, capture_on_commit):
    product, catalogue = world
    pages = _pages(product, catalogue)
    for url in pages:
        assert "Senas atvirukas" in client.get(url).text or url.endswith("/catalogues/")

    def rename():
        product.name = "Naujas atvirukas"
        product.save()

    capture_on_commit(rename)
    for url in pages:
        text = client.get(url).text
        assert "Senas atvirukas" not in text, url
    assert "Naujas atvirukas" in client.get(product.get_absolute_url()).text
    assert "Naujas atvirukas" in client.get(catalogue.get_absolute_url()).text


def test_a_hidden_product_disappears_at_once(client, world, capture_on_commit):
    product, catalogue = world
    client.get(product.get_absolute_url())
    client.get(reverse("market:index"))
    coordinator = UserFactory(is_superuser=True)

    capture_on_commit(
        lambda: services.product_move(
            product=product, to=ProductStatus.HIDDEN, by=coordinator, as_coordinator=True
        )
    )

    assert client.get(product.get_absolute_url()).status_code == 404
    assert "Senas atvirukas" not in client.get(reverse("market:index")).text
    assert "Senas atvirukas" not in client.get(catalogue.get_absolute_url()).text


def test_a_catalogue_change_and_its_product_list_show_at_once(client, world, capture_on_commit):
    product, catalogue = world
    other = capture_on_commit(lambda: ProductFactory(name="Molinis žaislas", actor=product.actor))
    assert "Molinis žaislas" not in client.get(catalogue.get_absolute_url()).text

    capture_on_commit(lambda: catalogue.products.add(other))
    assert "Molinis žaislas" in client.get(catalogue.get_absolute_url()).text

    def retitle():
        catalogue.title = "Velykiniai gaminiai"
        catalogue.save()

    capture_on_commit(retitle)
    assert "Velykiniai gaminiai" in client.get(reverse("market:catalogues")).text


def test_a_new_photo_and_a_co_producer_show_at_once(client, world, capture_on_commit):
    product, _catalogue = world
    client.get(product.get_absolute_url())
    partner = capture_on_commit(lambda: ActorFactory(name="Pernaravos bendruomenė"))

    capture_on_commit(lambda: product.co_producers.add(partner))
    assert "Pernaravos bendruomenė" in client.get(product.get_absolute_url()).text

    capture_on_commit(
        lambda: ProductPhoto.objects.create(
            product=product, large="products/naujas-l.jpg", small="products/naujas-s.jpg"
        )
    )
    assert "products/naujas-" in client.get(product.get_absolute_url()).text


def test_stock_taken_by_a_confirmed_order_shows_at_once(client, capture_on_commit):
    product = capture_on_commit(lambda: ProductFactory(name="Atvirukas", quantity=2))
    order = capture_on_commit(lambda: guest_order(product, quantity=2))
    api = client.get("/api/v1/products", {"available": "true"}).json()
    assert api["count"] == 1

    capture_on_commit(
        lambda: services.order_transition(
            order=order, to="confirmed", side="seller", by=UserFactory()
        )
    )

    assert client.get("/api/v1/products", {"available": "true"}).json()["count"] == 0
    assert client.get(f"/api/v1/products/{product.pk}").json()["quantity"] == 0


def test_logged_in_members_never_get_the_cached_page(client, capture_on_commit):
    owner = UserFactory()
    product = capture_on_commit(lambda: ProductFactory(actor=ActorFactory(owners=[owner])))
    edit = reverse("market:product_edit", args=[product.slug])
    assert edit not in client.get(product.get_absolute_url()).text  # cached for visitors

    client.force_login(owner)
    assert edit in client.get(product.get_absolute_url()).text
