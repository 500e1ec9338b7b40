"""Reads of the actors database. Every list (web, map, export, API) goes through here."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from kaimolink.actors.enums import ActorStatus, CertificationStatus
from kaimolink.actors.models import Actor, ActorMembership
from kaimolink.core.models import Lag, Settlement, Theme
from kaimolink.core.text import fold

MAX_SEARCH_TERMS = 8

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
    """Accent- and case-insensitive search; on PostgreSQL also stemmed and typo-tolerant."""
    folded = fold(q)
    terms = folded.split()[:MAX_SEARCH_TERMS]
    if not terms:
        return qs
    if connection.vendor == "postgresql":
        # Full text with the Lithuanian stemmer over the folded text (GIN index), or a
        # trigram word match on name and place (GIN index) that forgives typos.
        return qs.filter(
            Q(search_text__lt_fts=" ".join(terms))
            | Q(search_name__trigram_word_similar=" ".join(terms))
        )
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term)
    return qs.filter(condition)


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


def actors_directory(*, query: DirectoryQuery) -> QuerySet:
    """Published actors for a directory page: with place, LAG and themes in fixed queries."""
    return (
        actors_filtered(query=query)
        .select_related("lag", "district", "settlement")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position")))
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
            Prefetch("themes", queryset=Theme.objects.order_by("position")),
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


def actors_of_member(*, user) -> QuerySet:
    return (
        Actor.objects.filter(memberships__user=user)
        .select_related("lag", "settlement")
        .order_by("name_sort")
    )


def memberships_of_user(*, user) -> QuerySet:
    return ActorMembership.objects.filter(user=user).select_related("actor")
