"""Reads of tourism: the list and map (web, the API), pages, providers' lists, moderation."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from kaimolink.actors.enums import ActorStatus
from kaimolink.core.models import Lag
from kaimolink.core.search import word_forms_match
from kaimolink.tourism.enums import ServiceStatus
from kaimolink.tourism.models import Enquiry, RouteStop, ServicePhoto, TourismService


@dataclass
class TourismQuery:
    """A validated filter of the list, the map layer and the API."""

    q: str = ""
    lag: Lag | None = None
    kind: str = ""


def services_filtered(*, query: TourismQuery) -> QuerySet:
    """Published services of published actors matching the query, in Lithuanian A–Ž order.

    Search folds accents and matches Lithuanian word forms (core.search), as the directory
    and the market do.
    """
    qs = TourismService.objects.filter(
        status=ServiceStatus.PUBLISHED, actor__status=ActorStatus.PUBLISHED
    )
    if query.lag is not None:
        qs = qs.filter(lag=query.lag)
    if query.kind:
        qs = qs.filter(kind=query.kind)
    if query.q:
        qs = qs.filter(word_forms_match(query.q))
    return qs.order_by("name_sort", "id")


def with_listing(qs: QuerySet) -> QuerySet:
    """What a list shows of each service in fixed queries: provider, LAG, place, photos."""
    return qs.select_related("actor", "lag", "settlement").prefetch_related(
        Prefetch("photos", queryset=ServicePhoto.objects.order_by("position", "id"))
    )


def services_page(*, query: TourismQuery) -> QuerySet:
    return with_listing(services_filtered(query=query))


def services_in_area(*, query: TourismQuery, south, west, north, east) -> tuple[list, bool]:
    """Markers of a map viewport: at most MAP_MAX_MARKERS rows, and whether more were left."""
    limit = settings.MAP_MAX_MARKERS
    rows = list(
        services_filtered(query=query)
        .filter(lat__gte=south, lat__lte=north, lon__gte=west, lon__lte=east)
        .values("slug", "name", "kind", "lat", "lon")[: limit + 1]
    )
    return rows[:limit], len(rows) > limit


def service_for_page(*, slug: str) -> TourismService | None:
    return (
        with_listing(TourismService.objects.filter(slug=slug))
        .prefetch_related(
            Prefetch(
                "stops",
                queryset=RouteStop.objects.select_related("service").order_by("position", "id"),
            )  # fmt: skip
        )
        .first()
    )


def services_of_actors(*, actors) -> QuerySet:
    """Every service of these actors, any status: the members' "my services"."""
    return with_listing(TourismService.objects.filter(actor__in=actors)).order_by("name_sort", "id")


def stop_choices() -> QuerySet:
    """Published services a route's stop may point to."""
    return services_filtered(query=TourismQuery()).only("id", "name", "name_sort")


def moderation_queue(*, user) -> QuerySet:
    qs = TourismService.objects.filter(status=ServiceStatus.PENDING).select_related("actor", "lag")
    if not user.is_superuser:
        qs = qs.filter(lag_id__in=user.coordinated_lag_ids())
    return qs.order_by("updated_at", "id")


def enquiry_for_page(*, code: str) -> Enquiry | None:
    return (
        Enquiry.objects.filter(code=code)
        .select_related("service__actor", "service__lag", "visitor")
        .prefetch_related("log_entries__by")
        .first()
    )


def provider_enquiries(*, actors, state: str = "") -> QuerySet:
    qs = Enquiry.objects.filter(service__actor__in=actors)
    if state:
        qs = qs.filter(state=state)
    return qs.select_related("service", "visitor").order_by("-created_at", "-id")


def visitor_enquiries(*, user) -> QuerySet:
    return (
        Enquiry.objects.filter(visitor=user)
        .select_related("service")
        .order_by("-created_at", "-id")
    )
