"""A fair world for tests: a LAG, its coordinator, an exhibitor with products, a booth."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from kaimolink.fairs import services
from kaimolink.fairs.enums import FairStatus
from kaimolink.fairs.models import Booth, Fair
from kaimolink.market.enums import Category
from kaimolink.market.models import Product
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.market.factories import ProductFactory


@dataclass
class World:
    lag: object
    coordinator: object
    owner: object
    actor: object
    products: list[Product]
    fair: Fair
    booth: Booth
    visitor: object


def make_fair(lag, coordinator, *, when="open", title="Kalėdinė rankų darbo mugė", **data) -> Fair:
    now = timezone.now()
    opens, closes = {
        "open": (now - timedelta(days=1), now + timedelta(days=6)),
        "upcoming": (now + timedelta(days=3), now + timedelta(days=10)),
        "past": (now - timedelta(days=20), now - timedelta(days=13)),
    }[when]
    values = {
        "title": title,
        "theme": "Kalėdos",
        "description": "Rankų darbo dovanos.",
        "opens_at": opens,
        "closes_at": closes,
        "status": FairStatus.PUBLISHED,
        "categories": [Category.CRAFTS, Category.FOOD],
        **data,
    }
    return services.fair_save(by=coordinator, data=values, lags=[lag])


def make_world(when="open") -> World:
    """An accepted exhibitor of a published fair, with two products at its booth.

    A past fair is made while it was open (`now` passed to the services).
    """
    lag = LagFactory()
    coordinator = make_coordinator(lag)
    owner = UserFactory()
    actor = ActorFactory(lag=lag, owners=[owner], name="Pelėdnagių bendruomenė")
    products = [
        ProductFactory(actor=actor, name="Kalėdiniai atvirukai", category=Category.CRAFTS),
        ProductFactory(actor=actor, name="Medaus meduoliai", category=Category.FOOD),
    ]
    fair = make_fair(lag, coordinator, when=when)
    application = services.apply(
        fair=fair, actor=actor, by=owner, now=fair.opens_at + timedelta(minutes=1)
    )
    _application, booth = services.decide(application=application, accept=True, by=coordinator)
    booth = Booth.objects.select_related("fair", "actor").get(pk=booth.pk)
    booth.presentation = "Mūsų gaminiai."
    booth.save()
    booth.products.set(products)
    return World(lag, coordinator, owner, actor, products, fair, booth, UserFactory())
