"""Seasonal catalogues: made by a LAG's coordinator, shared as a page and a PDF."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kaimolink.market import services
from kaimolink.market.enums import ProductStatus
from kaimolink.market.models import SeasonalCatalogue
from tests.factories import ActorFactory, LagFactory, make_coordinator
from tests.files import image_bytes, upload
from tests.market.factories import CatalogueFactory, ProductFactory

pytestmark = pytest.mark.django_db


def form_data(products, **extra):
    today = timezone.localdate()
    return {
        "lag": products[0].lag_id if products else "",
        "title": "Kalėdiniai rankų darbo gaminiai",
        "starts_on": str(today),
        "ends_on": str(today + timedelta(days=30)),
        "intro": "Bendruomenių gaminiai.",
        "order_instructions": "Užsakykite iki gruodžio 20 d.",
        "products": [p.pk for p in products],
        **extra,
    }


def test_a_coordinator_makes_a_catalogue_of_their_lags_published_products(client):
    actor = ActorFactory()
    card = ProductFactory(actor=actor, name="Kalėdinis atvirukas")
    client.force_login(make_coordinator(actor.lag))
    response = client.post(reverse("market:catalogue_new"), form_data([card]))
    catalogue = SeasonalCatalogue.objects.get()
    assert response.url == catalogue.get_absolute_url()
    assert list(catalogue.products.all()) == [card]
    page = client.get(catalogue.get_absolute_url()).content.decode()
    assert "Kalėdinis atvirukas" in page and "Užsakykite iki gruodžio 20 d." in page


def test_products_of_another_lag_or_unpublished_ones_cannot_be_chosen(client):
    actor = ActorFactory()
    foreign = ProductFactory()
    draft = ProductFactory(actor=actor, status=ProductStatus.DRAFT)
    client.force_login(make_coordinator(actor.lag))
    for product in (foreign, draft):
        data = form_data([product], lag=actor.lag_id)
        response = client.post(reverse("market:catalogue_new"), data)
        assert response.status_code == 400
        assert "products" in response.context["form"].errors
    assert SeasonalCatalogue.objects.count() == 0
    with pytest.raises(services.MarketError):
        services.catalogue_save(
            lag=actor.lag, by=None, data=form_data([]) | {"starts_on": timezone.localdate(),
            "ends_on": timezone.localdate()}, products=[foreign],
        )  # fmt: skip


def test_a_period_that_ends_before_it_starts_is_refused_on_the_field(client):
    lag = LagFactory()
    client.force_login(make_coordinator(lag))
    data = form_data([], lag=lag.pk, ends_on="2020-01-01")
    response = client.post(reverse("market:catalogue_new"), data)
    assert response.status_code == 400
    assert "ends_on" in response.context["form"].errors


def test_people_who_are_not_coordinators_and_other_lags_get_404(client):
    catalogue = CatalogueFactory()
    assert client.get(reverse("market:catalogue_new")).status_code == 302  # log in first
    client.force_login(make_coordinator(LagFactory()))
    edit = reverse("market:catalogue_edit", args=[catalogue.slug])
    assert client.get(edit).status_code == 404
    assert client.post(edit, form_data([], title="Kita")).status_code == 404
    catalogue.refresh_from_db()
    assert catalogue.title == "Kalėdiniai rankų darbo gaminiai"


def test_a_closed_catalogue_stays_visible_but_says_it_is_closed_and_offers_no_order(client):
    product = ProductFactory()
    today = timezone.localdate()
    catalogue = CatalogueFactory(
        lag=product.lag, products=[product],
        starts_on=today - timedelta(days=40), ends_on=today - timedelta(days=10),
    )  # fmt: skip
    response = client.get(catalogue.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert product.name in page
    assert reverse("market:order_new", args=[product.actor.slug]) not in page
    assert response.context["is_open"] is False


def test_the_pdf_opens_with_the_products_names_and_photos_and_stays_small():
    product = ProductFactory(name="Šiaudinis žaisliukas")
    services.photo_add(product=product, uploaded=upload("p.jpg", image_bytes("JPEG", (2000, 1500))))
    catalogue = CatalogueFactory(lag=product.lag, products=[product])
    from django.test import Client

    response = Client().get(reverse("market:catalogue_pdf", args=[catalogue.slug]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Šiaudinis žaisliukas" in text and "Kalėdiniai rankų darbo gaminiai" in text
    assert len(reader.pages[0].images) == 1
    assert len(response.content) < 300_000
