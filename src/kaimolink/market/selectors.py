"""Reads of the market: the catalogue (web, fairs, the API), catalogues, orders."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet

from kaimolink.actors.enums import ActorStatus
from kaimolink.actors.models import Actor
from kaimolink.core.models import Lag
from kaimolink.core.search import word_forms_match
from kaimolink.market.enums import Availability, ProductStatus
from kaimolink.market.models import Order, OrderItem, Product, ProductPhoto, SeasonalCatalogue

DELIVERY_FILTERS = {"pickup": "pickup", "delivery": "delivers", "post": "by_post"}
# The web catalogue counts at most this many matches ("More than 1 000 products found"):
# counting 45 000 crafts cost more than the rest of the page (docs/performance.md).
COUNT_CAP = 1000
# A PostgreSQL search with at most this many matches is sorted here, not by walking the
# name index (which reads row after row when the matches are few or sort late); a broader
# one walks the index, where one row in a hundred or more matches.
SORT_MATCHES_LIMIT = 1000
UNPUBLISHED_ACTOR = [status for status in ActorStatus.values if status != ActorStatus.PUBLISHED]


@dataclass
class CatalogueQuery:
    """A validated catalogue filter: the page, a fair's hall and the API build one."""

    q: str = ""
    lag: Lag | None = None
    category: str = ""
    actor: Actor | None = None
    availability: str = ""
    delivery: str = ""  # pickup, delivery or post
    available: bool | None = None  # the API's "can be ordered now"


def products_filtered(*, query: CatalogueQuery) -> QuerySet:
    """Published products of published actors matching the query, in Lithuanian A–Ž order.

    Search folds accents and matches Lithuanian word forms (core.search), as the directory.
    """
    # "Not of an unpublished actor" rather than a join on the actor's status: the few
    # unpublished actors are one hashed list, where a join looked up every matching product's
    # actor (~100 ms for 5 000 matches on 200 000 products; docs/performance.md).
    qs = Product.objects.filter(status=ProductStatus.PUBLISHED).exclude(
        actor_id__in=Actor.objects.filter(status__in=UNPUBLISHED_ACTOR).values("id")
    )
    if query.lag is not None:
        qs = qs.filter(lag=query.lag)
    if query.category:
        qs = qs.filter(category=query.category)
    if query.actor is not None:
        qs = qs.filter(Q(actor=query.actor) | Q(co_producers=query.actor)).distinct()
    if query.availability:
        qs = qs.filter(availability=query.availability)
    if query.delivery in DELIVERY_FILTERS:
        qs = qs.filter(**{DELIVERY_FILTERS[query.delivery]: True})
    if query.available is True:
        qs = qs.exclude(availability=Availability.IN_STOCK, quantity__lte=0)
    elif query.available is False:
        qs = qs.filter(availability=Availability.IN_STOCK, quantity__lte=0)
    if query.q:
        qs = qs.filter(word_forms_match(query.q))
    return qs.order_by("name_sort", "id")


def with_listing(qs: QuerySet) -> QuerySet:
    """What a list shows of each product, in fixed queries: seller, LAG, first photos."""
    return qs.select_related("actor", "lag", "pickup_settlement").prefetch_related(
        Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id")),
        Prefetch("co_producers", queryset=Actor.objects.order_by("name_sort")),
    )


def catalogue_page(*, query: CatalogueQuery) -> QuerySet:
    return with_listing(products_filtered(query=query))


class ProductsByIds:
    """Products in a known order of ids: a slice reads only that page's rows (by primary key)."""

    ordered = True  # for Paginator

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        ids = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        rows = with_listing(Product.objects.filter(pk__in=ids)).order_by("name_sort", "id")
        return list(rows) if isinstance(index, slice) else rows.get()


@dataclass
class CatalogueResult:
    products: QuerySet | ProductsByIds  # in A–Ž order, with related rows; slice it for a page
    count: int
    count_is_capped: bool


def catalogue_result(*, query: CatalogueQuery, exact_count: bool = False) -> CatalogueResult:
    """The catalogue's products and their number, read the fastest way for this database.

    The count stops at COUNT_CAP unless `exact_count` (the API promises an exact count).
    A PostgreSQL search reads the sort keys and ids of at most SORT_MATCHES_LIMIT + 1
    matches in one pass (through the trigram indexes); when that is all of them they are
    counted and sorted here (`name_sort` is plain ASCII, so Python's order is the index's)
    and a page reads its rows by primary key. As the actors directory does.
    """
    qs = products_filtered(query=query)
    counted = qs.order_by()
    if query.q and connection.vendor == "postgresql":
        keys = list(counted.values_list("name_sort", "id")[: SORT_MATCHES_LIMIT + 1])
        if len(keys) <= SORT_MATCHES_LIMIT:
            ids = [pk for _, pk in sorted(set(keys))]
            return CatalogueResult(ProductsByIds(ids), count=len(ids), count_is_capped=False)
        if not exact_count:  # more than the cap: known without counting again
            return CatalogueResult(with_listing(qs), count=COUNT_CAP, count_is_capped=True)
    count = counted.count() if exact_count else counted[: COUNT_CAP + 1].count()
    capped = not exact_count and count > COUNT_CAP
    return CatalogueResult(
        with_listing(qs), count=COUNT_CAP if capped else count, count_is_capped=capped
    )


def product_for_page(*, slug: str) -> Product | None:
    return with_listing(Product.objects.filter(slug=slug)).first()


def products_of_actors(*, actors) -> QuerySet:
    """Every product of these actors (any status): the members' "my products"."""
    return with_listing(Product.objects.filter(actor__in=actors)).order_by("name_sort", "id")


def orderable_products(*, seller: Actor) -> list[Product]:
    """What a visitor may ask the seller for: published, not sold out."""
    return [
        p
        for p in with_listing(
            Product.objects.published().filter(actor=seller).order_by("name_sort", "id")
        )
        if p.orderable
    ]


def moderation_queue(*, user) -> QuerySet:
    """Products waiting for publication in the LAGs this person coordinates (all: admins)."""
    qs = Product.objects.filter(status=ProductStatus.PENDING).select_related("actor", "lag")
    if not user.is_superuser:
        qs = qs.filter(lag_id__in=user.coordinated_lag_ids())
    return qs.order_by("updated_at", "id")


def pending_product_counts(*, lag_ids=None) -> dict[int, int]:
    """{LAG id: products waiting for publication} for these LAGs (every LAG for None), one
    query. The coordinator's desk reads it; LAGs with nothing waiting are left out."""
    qs = Product.objects.filter(status=ProductStatus.PENDING)
    if lag_ids is not None:
        qs = qs.filter(lag_id__in=lag_ids)
    rows = qs.order_by().values("lag_id").annotate(n=Count("pk")).values_list("lag_id", "n")
    return dict(rows)


def publishable_products(*, lag_ids) -> QuerySet:
    """The products a coordinator may put in a seasonal catalogue of these LAGs."""
    return (
        Product.objects.published()
        .filter(lag_id__in=lag_ids)
        .select_related("actor")
        .order_by("name_sort", "id")
    )


def catalogue_for_page(*, slug: str) -> SeasonalCatalogue | None:
    return (
        SeasonalCatalogue.objects.select_related("lag")
        .prefetch_related(
            Prefetch(
                "products",
                queryset=with_listing(Product.objects.published()).order_by("name_sort", "id"),
            )
        )
        .filter(slug=slug)
        .first()
    )


def catalogues_list(*, lag: Lag | None = None) -> QuerySet:
    qs = SeasonalCatalogue.objects.select_related("lag").annotate(
        product_count=Count("products", filter=Q(products__status=ProductStatus.PUBLISHED))
    )
    if lag is not None:
        qs = qs.filter(lag=lag)
    return qs.order_by("-starts_on", "-id")


def catalogues_of_coordinator(*, user) -> QuerySet:
    qs = catalogues_list()
    return qs if user.is_superuser else qs.filter(lag_id__in=user.coordinated_lag_ids())


def _order_related(qs: QuerySet) -> QuerySet:
    return qs.select_related("seller", "buyer").prefetch_related(
        Prefetch("items", queryset=OrderItem.objects.order_by("id"))
    )


def order_for_page(*, code: str) -> Order | None:
    return (
        _order_related(Order.objects.filter(code=code))
        .prefetch_related("log_entries__by", "seller__memberships__user")
        .first()
    )


def seller_orders(*, actors, state: str = "") -> QuerySet:
    """The orders to these actors, newest first, optionally in one state."""
    qs = Order.objects.filter(seller__in=actors)
    if state:
        qs = qs.filter(state=state)
    return _order_related(qs).order_by("-created_at", "-id")


def buyer_orders(*, user) -> QuerySet:
    return _order_related(Order.objects.filter(buyer=user)).order_by("-created_at", "-id")


def seller_contacts(*, order: Order) -> list[tuple[str, str]]:
    """The seller's contacts for the buyer: (label, value); private ones once confirmed.

    Before confirmation only what the actor made public is shown, as on its profile; after
    it also the actor's phone and e-mail and its members' addresses (as messaging shares).
    """
    seller = order.seller
    public = seller.contacts_public
    if not (public or order.contacts_revealed):
        return []
    rows = [(str(seller.phone), "tel"), (str(seller.email), "email")]
    if order.contacts_revealed:
        rows += [(m.user.email, "email") for m in seller.memberships.all() if m.user.email]
    seen, contacts = set(), []
    for value, kind in rows:
        if value and value not in seen:
            seen.add(value)
            contacts.append((kind, value))
    return contacts
