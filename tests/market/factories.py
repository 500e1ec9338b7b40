"""Factories of the market: products, seasonal catalogues, orders."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from kaimolink.market import services
from kaimolink.market.enums import Availability, Category, ProductStatus
from kaimolink.market.models import Product, SeasonalCatalogue
from tests.factories import ActorFactory, UserFactory


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Gaminys {n}")
    category = Category.CRAFTS
    description = "Rankų darbo gaminys."
    price = Decimal("3.50")
    unit = "vnt."
    availability = Availability.IN_STOCK
    quantity = 10
    status = ProductStatus.PUBLISHED


class CatalogueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeasonalCatalogue
        skip_postgeneration_save = True

    lag = factory.SubFactory("tests.factories.LagFactory")
    title = "Kalėdiniai rankų darbo gaminiai"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=5))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))
    order_instructions = "Apmokėti pavedimu arba atsiimant."

    @factory.post_generation
    def products(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.products.set(extracted)


def seller_with_product(**product_kwargs):
    """(owner, product): a published actor with one owner and one published product."""
    owner = UserFactory()
    actor = ActorFactory(owners=[owner])
    return owner, ProductFactory(actor=actor, **product_kwargs)


def guest_order(product, quantity=1, **kwargs):
    return services.order_create(
        seller=product.actor,
        lines=[services.OrderLine(product, quantity)],
        name=kwargs.pop("name", "Ona Onaitė"),
        phone=kwargs.pop("phone", "+37060000000"),
        email=kwargs.pop("email", "ona@example.lt"),
        consent=True,
        **kwargs,
    )
