"""The desk lists market products waiting for publication and links to market moderation."""

import pytest
from django.urls import reverse

from kaimolink.market.enums import ProductStatus
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries
from tests.market.factories import ProductFactory

pytestmark = pytest.mark.django_db

URL = reverse("desk:home")
MODERATION = reverse("market:moderation")


@pytest.fixture
def lags():
    return LagFactory(name="Nevėžio VVG"), LagFactory(name="Šilutės VVG")


def _pending(lag, n=1, name="Laukiantis gaminys"):
    actor = ActorFactory(lag=lag)
    return [
        ProductFactory(actor=actor, status=ProductStatus.PENDING, name=f"{name} {i}")
        for i in range(n)
    ]


def test_coordinator_sees_their_lags_pending_products_with_the_link(client, lags):
    ours, theirs = lags
    _pending(ours, 2)
    _pending(theirs, 3)
    ProductFactory(actor=ActorFactory(lag=ours), status=ProductStatus.DRAFT)
    ProductFactory(actor=ActorFactory(lag=ours), status=ProductStatus.PUBLISHED)
    client.force_login(make_coordinator(ours))

    response = client.get(URL)

    desk = response.context["desk"]
    assert [(row.lag, row.count) for row in desk.pending_products] == [(ours, 2)]
    assert desk.totals["pending_products"] == 2
    assert desk.has_work
    page = response.content.decode()
    assert 'href="#desk-products"' in page
    assert f'href="{MODERATION}"' in page
    assert theirs.name not in page


def test_the_link_leads_to_the_moderation_queue_of_their_lag(client, lags):
    ours, theirs = lags
    _pending(ours, name="Mūsų medus")
    _pending(theirs, name="Jų sūris")
    client.force_login(make_coordinator(ours))

    page = client.get(MODERATION).content.decode()

    assert "Mūsų medus" in page
    assert "Jų sūris" not in page


def test_admin_sees_every_lags_pending_products(client, lags):
    for lag in lags:
        _pending(lag)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    desk = client.get(URL).context["desk"]

    assert [row.lag for row in desk.pending_products] == list(lags)


def test_nothing_pending_shows_no_products_row(client, lags):
    ProductFactory(actor=ActorFactory(lag=lags[0]), status=ProductStatus.PUBLISHED)
    client.force_login(make_coordinator(lags[0]))

    response = client.get(URL)

    assert response.context["desk"].pending_products == []
    assert 'href="#desk-products"' not in response.content.decode()


def test_the_products_row_costs_the_same_queries_however_many_wait(client, lags):
    client.force_login(make_coordinator(lags[0]))
    _pending(lags[0])
    one = count_queries(client, URL)
    _pending(lags[0], 5)
    assert count_queries(client, URL) == one
