"""Reads of the actors database. Every list (web, map, export, API) goes through here."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from kaimolink.actors.enums import ActorStatus, CertificationStatus
from kaimolink.actors.models import Actor, ActorMembership
from kaimolink.core.models import Lag, Settlement, Theme
from kaimolink.core.search import search_terms, word_forms_match

ORDERINGS = {
    "name": ("name_sort", "id"),
    "-name": ("-name_sort", "-id"),
    "newest": ("-created_at", "-id"),
}


@dataclass
class DirectoryQuery:
    """A validated directory filter: the same object serves the page, map, export and API."""

    q: str = ""
    lag: Lag | None = None
    district_id: int | None = None
    actor_type: str = ""
    theme: Theme | None = None
    certified: bool | None = None
    ordering: str = "name"
    extra: dict = field(default_factory=dict)


def _search(qs: QuerySet, q: str) -> QuerySet:
    """Accent-, case- and word-form-insensitive search; on PostgreSQL also typo-tolerant.

    Both databases match Lithuanian word forms with the same Snowball stemmer over the
    folded text (`turizmas` finds *turizmo*): PostgreSQL through its stored tsvector,
    SQLite through the stored stems (core.search).
    """
    terms = search_terms(q)
    if not terms:
        return qs
    if connection.vendor == "postgresql":
        # Lithuanian-stemmed full text (stored tsvector, GIN index). Only when that finds
        # nothing, a trigram match on name and place forgives typos ('slapaberse'): word
        # similarity is costly per row, so it must not run beside every ordinary search.
        words = " ".join(terms)
        exact = qs.filter(search_text__lt_fts=words)
        if exact.exists():
            return exact
        return qs.filter(search_name__trigram_word_similar=words)
    return qs.filter(word_forms_match(q))


def actors_filtered(*, query: DirectoryQuery, statuses=(ActorStatus.PUBLISHED,)) -> QuerySet:
    """Actors matching a directory query, in the requested order, without related rows."""
    qs = Actor.objects.filter(status__in=statuses)
    if query.lag is not None:
        qs = qs.filter(lag=query.lag)
    if query.district_id is not None:
        qs = qs.filter(district_id=query.district_id)
    if query.actor_type:
        qs = qs.filter(actor_type=query.actor_type)
    if query.theme is not None:
        qs = qs.filter(themes=query.theme)
    if query.certified is True:
        qs = qs.filter(certification_status=CertificationStatus.CERTIFIED)
    elif query.certified is False:
        qs = qs.exclude(certification_status=CertificationStatus.CERTIFIED)
    qs = _search(qs, query.q)
    return qs.order_by(*ORDERINGS.get(query.ordering, ORDERINGS["name"]))


def _with_related(qs: QuerySet) -> QuerySet:
    return qs.select_related("lag", "district", "settlement").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("position", "slug"))
    )


def actors_directory(*, query: DirectoryQuery) -> QuerySet:
    """Published actors for a list or a file: with place, LAG and themes in fixed queries."""
    return _with_related(actors_filtered(query=query))


# A directory result counts exactly up to this many actors and then says "more than".
COUNT_CAP = 5000
# A PostgreSQL search result this small is sorted by itself rather than by walking the name
# index: walking finds few matches per index entry when the matches sort late (measured:
# 'medus' on 100 000 actors, 120 ms walking, 22 ms sorting 4 300 rows; docs/performance.md).
SORT_MATCHES_LIMIT = 5000


class ActorsByIds:
    """Actors in a known order of ids: a slice reads only that page's rows (by primary key)."""

    ordered = True  # for Paginator

    def __init__(self, ids: list[int], ordering: str):
        self.ids = ids
        self.ordering = ORDERINGS[ordering]

    def __len__(self):
        return len(self.ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return _with_related(Actor.objects.filter(pk=self.ids[index])).get()
        return _with_related(Actor.objects.filter(pk__in=self.ids[index]).order_by(*self.ordering))


@dataclass
class DirectoryResult:
    actors: QuerySet | ActorsByIds  # ordered, with related rows; slice it for a page
    count: int
    count_is_capped: bool


def actors_directory_result(*, query: DirectoryQuery, exact_count=False) -> DirectoryResult:
    """The directory's actors and their number, ordered the fastest way for this database.

    The count stops at COUNT_CAP unless `exact_count` (the API promises an exact count).
    A PostgreSQL search in name order reads the ids and sort keys of at most
    SORT_MATCHES_LIMIT + 1 matches in one pass: when that is all of them, they are counted
    and sorted here (`name_sort` is plain ASCII, so Python's order is the index's order),
    and a page reads its rows by primary key. Counting and sorting in SQL each walked all
    the matching rows (~4 000 table pages for 'medus' on 100 000 actors; docs/performance.md).
    """
    count_cap = None if exact_count else COUNT_CAP
    qs = actors_filtered(query=query)
    counted = qs.order_by()
    if query.q and connection.vendor == "postgresql" and query.ordering in ("name", "-name"):
        keys = list(counted.values_list("name_sort", "id")[: SORT_MATCHES_LIMIT + 1])
        if len(keys) <= SORT_MATCHES_LIMIT:
            keys.sort(reverse=query.ordering == "-name")
            ids = [pk for _, pk in keys]
            return DirectoryResult(
                actors=ActorsByIds(ids, query.ordering), count=len(ids), count_is_capped=False
            )
    count = counted.count() if count_cap is None else counted[: count_cap + 1].count()
    capped = count_cap is not None and count > count_cap
    return DirectoryResult(
        actors=_with_related(qs),
        count=count_cap if capped else count,
        count_is_capped=capped,
    )


def actors_in_area(*, query: DirectoryQuery, south, west, north, east) -> tuple[list, bool]:
    """Markers in a map viewport: at most MAP_MAX_MARKERS, and whether more were left out."""
    limit = settings.MAP_MAX_MARKERS
    rows = list(
        actors_filtered(query=query)
        .filter(lat__gte=south, lat__lte=north, lon__gte=west, lon__lte=east)
        .values("slug", "name", "actor_type", "lat", "lon", "certification_status")[: limit + 1]
    )
    return rows[:limit], len(rows) > limit


def map_bounds(*, query: DirectoryQuery) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of the territory a map should open on.

    Taken from the settlements of the filtered LAG or district (a small table), so the map
    opens on the right place without scanning the actors.
    """
    settlements = Settlement.objects.all()
    if query.lag is not None:
        settlements = settlements.filter(district__lags=query.lag)
    if query.district_id is not None:
        settlements = settlements.filter(district_id=query.district_id)
    box = settlements.aggregate(s=Min("lat"), w=Min("lon"), n=Max("lat"), e=Max("lon"))
    if box["s"] is None:
        return None
    return box["s"], box["w"], box["n"], box["e"]


def actor_for_profile(*, slug: str) -> Actor | None:
    """One actor with everything its profile page shows; None when there is none."""
    return (
        Actor.objects.select_related("lag", "district", "settlement")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "slug")),
        )
        .filter(slug=slug)
        .first()
    )


def lags_with_actor_counts() -> QuerySet:
    return Lag.objects.annotate(
        actor_count=Count("actors", filter=Q(actors__status=ActorStatus.PUBLISHED))
    ).order_by("name_sort")


def moderation_queue(*, user) -> QuerySet:
    """Actors awaiting moderation in the LAGs this person coordinates (all for admins)."""
    qs = Actor.objects.filter(status=ActorStatus.PENDING).select_related(
        "lag", "district", "settlement"
    )
    if not user.is_superuser:
        qs = qs.filter(lag_id__in=user.coordinated_lag_ids())
    return qs.order_by("updated_at", "id")


def pending_actor_counts(*, lag_ids=None) -> dict[int, int]:
    """{LAG id: actors awaiting moderation} for these LAGs (every LAG for None), one query.

    The coordinator's desk reads it; LAGs with nothing waiting are left out.
    """
    qs = Actor.objects.filter(status=ActorStatus.PENDING)
    if lag_ids is not None:
        qs = qs.filter(lag_id__in=lag_ids)
    rows = qs.order_by().values("lag_id").annotate(n=Count("pk")).values_list("lag_id", "n")
    return dict(rows)


def actors_of_member(*, user, published: bool = False) -> QuerySet:
    """The actors this person belongs to (any role), by name: the one read of "my actors".

    `published=True` keeps the published ones: those a person may post, write or book for.
    Nobody's for a visitor who is not signed in.
    """
    if not user.is_authenticated:
        return Actor.objects.none()
    actors = Actor.objects.filter(memberships__user=user)
    if published:
        actors = actors.published()
    return actors.select_related("lag", "settlement").order_by("name_sort", "pk")


def memberships_of(*, user) -> list[ActorMembership]:
    """This person's memberships (role) with their actors, by the actor's name, in one query."""
    return list(
        ActorMembership.objects.filter(user=user)
        .select_related("actor", "actor__lag")
        .order_by("actor__name_sort", "actor_id")
    )
