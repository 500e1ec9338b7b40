"""Reads of virtual fairs: lists, the hall, a booth, the exhibitor's and coordinator's pages,
the reports. Each page reads a fixed number of queries, whatever the number of booths."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.models import Actor
from kaimolink.fairs.enums import ApplicationState
from kaimolink.fairs.models import (
    Booth,
    BoothQuestion,
    BoothVisit,
    ExhibitorApplication,
    Fair,
    Favourite,
    MeetingBooking,
    MeetingSlot,
)
from kaimolink.market.enums import ProductStatus
from kaimolink.market.models import OrderItem, Product, ProductPhoto

NO_SUCH_FAIR = _("No such fair.")


@dataclass
class FairLists:
    open: list
    upcoming: list
    past: list


def fairs_list(*, past_limit: int = 20) -> FairLists:
    """Published fairs: open now, upcoming (soonest first), past (latest first)."""
    now = timezone.now()
    base = (
        Fair.objects.published()
        .prefetch_related("lags")
        .annotate(booth_count=Count("booths", distinct=True))
    )
    return FairLists(
        open=list(base.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "id")),
        upcoming=list(base.filter(opens_at__gt=now).order_by("opens_at", "id")),
        past=list(base.filter(closes_at__lte=now).order_by("-closes_at", "-id")[:past_limit]),
    )


def fair_for_page(*, slug: str) -> Fair | None:
    return (
        Fair.objects.select_related("settlement")
        .prefetch_related("lags", "sessions")
        .filter(slug=slug)
        .first()
    )


def _booth_products() -> Prefetch:
    return Prefetch(
        "products",
        queryset=Product.objects.filter(status=ProductStatus.PUBLISHED)
        .prefetch_related(
            Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id"))
        )
        .order_by("name_sort", "id"),
    )


def hall(*, fair: Fair, category: str = "", lag=None) -> QuerySet:
    """The fair's booths, by the actor's name: of one category (a product in it), one LAG."""
    qs = Booth.objects.filter(fair=fair, actor__status="published")
    if category:
        qs = qs.filter(
            Exists(
                Booth.products.through.objects.filter(
                    booth=OuterRef("pk"),
                    product__category=category,
                    product__status=ProductStatus.PUBLISHED,
                )
            )
        )
    if lag is not None:
        qs = qs.filter(actor__lag=lag)
    return (
        qs.select_related("actor", "actor__lag", "fair")
        .prefetch_related(_booth_products())
        .order_by("actor__name_sort", "id")
    )


def booth_for_page(*, fair: Fair, booth_id: int) -> Booth | None:
    return (
        Booth.objects.filter(fair=fair, pk=booth_id, actor__status="published")
        .select_related("actor", "actor__lag", "fair")
        .prefetch_related(
            _booth_products(),
            Prefetch(
                "questions",
                queryset=BoothQuestion.objects.select_related("answered_by").order_by(
                    "-created_at", "-id"
                ),
            ),
            Prefetch(
                "slots",
                queryset=MeetingSlot.objects.select_related("booking").order_by("starts_at", "id"),
            ),
        )
        .first()
    )


def booth_of_member(*, user, fair: Fair, booth_id: int) -> Booth | None:
    """A booth whose actor the person belongs to (else None: the view answers 404)."""
    if not user.is_authenticated:
        return None
    return (
        Booth.objects.filter(fair=fair, pk=booth_id, actor__memberships__user=user)
        .select_related("actor", "fair")
        .first()
    )


def is_favourite(*, booth: Booth, user) -> bool:
    return user.is_authenticated and Favourite.objects.filter(booth=booth, person=user).exists()


def applications_of(*, fair: Fair) -> QuerySet:
    return fair.applications.select_related("actor", "actor__lag", "applied_by").order_by(
        "state", "created_at", "id"
    )


def applicable_actors(*, user, fair: Fair) -> QuerySet:
    """The person's published actors of the fair's LAGs that have not applied yet."""
    return (
        Actor.objects.published()
        .filter(memberships__user=user, lag__in=fair.lags.all())
        .exclude(fair_applications__fair=fair)
        .distinct()
        .order_by("name_sort")
    )


def my_applications(*, user) -> QuerySet:
    """Applications of the person's actors, with their booths, newest fairs first."""
    return (
        ExhibitorApplication.objects.filter(actor__memberships__user=user)
        .select_related("fair", "actor")
        .order_by("-fair__opens_at", "actor__name_sort", "id")
        .distinct()
    )


def booths_by_fair_actor(*, applications) -> dict[tuple[int, int], Booth]:
    pairs = [(a.fair_id, a.actor_id) for a in applications]
    if not pairs:
        return {}
    q = Q()
    for fair_id, actor_id in pairs:
        q |= Q(fair_id=fair_id, actor_id=actor_id)
    return {(b.fair_id, b.actor_id): b for b in Booth.objects.filter(q)}


def fairs_of_coordinator(*, user) -> QuerySet:
    qs = Fair.objects.prefetch_related("lags").annotate(
        waiting=Count(
            "applications",
            filter=Q(applications__state=ApplicationState.PENDING),
            distinct=True,
        )
    )
    if not user.is_superuser:
        qs = qs.filter(lags__in=user.coordinated_lag_ids()).distinct()
    return qs.order_by("-opens_at", "-id")


def booth_desk(*, booth: Booth) -> dict:
    """The exhibitor's view of the booth: questions (unanswered first), slots with bookings."""
    questions = list(
        booth.questions.select_related("asked_by").order_by("answered_at", "-created_at", "-id")
    )
    slots = list(booth.slots.select_related("booking__person").order_by("starts_at", "id"))
    return {"questions": questions, "slots": slots}


def my_meetings(*, user) -> QuerySet:
    return (
        MeetingBooking.objects.filter(person=user)
        .select_related("slot__booth__actor", "slot__booth__fair")
        .order_by("slot__starts_at", "id")
    )


def my_favourites(*, user) -> QuerySet:
    return (
        Favourite.objects.filter(person=user)
        .select_related("booth__actor", "booth__fair")
        .order_by("-created_at", "-id")
    )


# --- Reports -------------------------------------------------------------------------------


@dataclass
class Leads:
    booth: Booth
    visits: int = 0
    questions: int = 0
    answered: int = 0
    orders: int = 0
    meetings: int = 0
    favourites: int = 0


@dataclass
class FairReport:
    fair: Fair
    rows: list[Leads] = field(default_factory=list)
    applications: Counter = field(default_factory=Counter)

    def total(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.rows)

    @property
    def totals(self) -> dict[str, int]:
        names = ("visits", "questions", "answered", "orders", "meetings", "favourites")
        return {name: self.total(name) for name in names}


def _by_booth(qs, key: str, value) -> dict[int, int]:
    return {row[key]: row["n"] for row in qs.values(key).annotate(n=value).order_by()}


def fair_report(*, fair: Fair, booths=None) -> FairReport:
    """Counts per booth (all the fair's booths, or the given ones) in seven queries.

    Orders: order requests to the exhibitor, made while the fair was open, that contain a
    product the booth brought.
    """
    booths = list(
        booths
        if booths is not None
        else Booth.objects.filter(fair=fair)
        .select_related("actor")
        .order_by("actor__name_sort", "id")
    )
    ids = [b.pk for b in booths]
    visits = _by_booth(BoothVisit.objects.filter(booth_id__in=ids), "booth_id", Sum("count"))
    questions = _by_booth(BoothQuestion.objects.filter(booth_id__in=ids), "booth_id", Count("id"))
    answered = _by_booth(
        BoothQuestion.objects.filter(booth_id__in=ids).exclude(answer=""), "booth_id", Count("id")
    )
    meetings = _by_booth(
        MeetingBooking.objects.filter(slot__booth_id__in=ids), "slot__booth_id", Count("id")
    )
    favourites = _by_booth(Favourite.objects.filter(booth_id__in=ids), "booth_id", Count("id"))
    brought = list(
        Booth.products.through.objects.filter(booth_id__in=ids).values_list(
            "booth_id", "product_id"
        )
    )
    lines = OrderItem.objects.filter(
        product_id__in={p for _b, p in brought},
        order__created_at__gte=fair.opens_at,
        order__created_at__lt=fair.closes_at,
    ).values_list("order_id", "product_id")
    orders_of_product: dict[int, set[int]] = {}
    for order_id, product_id in lines:
        orders_of_product.setdefault(product_id, set()).add(order_id)
    orders: dict[int, set[int]] = {}
    for booth_id, product_id in brought:
        orders.setdefault(booth_id, set()).update(orders_of_product.get(product_id, ()))
    report = FairReport(fair=fair)
    for booth in booths:
        report.rows.append(
            Leads(
                booth=booth,
                visits=visits.get(booth.pk) or 0,
                questions=questions.get(booth.pk, 0),
                answered=answered.get(booth.pk, 0),
                orders=len(orders.get(booth.pk, ())),
                meetings=meetings.get(booth.pk, 0),
                favourites=favourites.get(booth.pk, 0),
            )
        )
    report.applications = Counter(
        dict(fair.applications.values_list("state").annotate(n=Count("id")).order_by())
    )
    return report


def booth_leads(*, booth: Booth) -> Leads:
    return fair_report(fair=booth.fair, booths=[booth]).rows[0]


def fairs_filtered(*, period: str = "", lag=None) -> QuerySet:
    """Published fairs (the API's list): of one period and one LAG, latest opening first."""
    now = timezone.now()
    qs = Fair.objects.published()
    if period == "open":
        qs = qs.filter(opens_at__lte=now, closes_at__gt=now)
    elif period == "upcoming":
        qs = qs.filter(opens_at__gt=now)
    elif period == "past":
        qs = qs.filter(closes_at__lte=now)
    if lag is not None:
        qs = qs.filter(lags=lag)
    return (
        qs.select_related("settlement")
        .prefetch_related("lags")
        .annotate(booth_count=Count("booths", distinct=True))
        .order_by("-opens_at", "-id")
    )


def exhibitors_of(*, fair: Fair) -> list[Booth]:
    """The fair's booths of published actors, by name, with their published products."""
    return list(
        Booth.objects.filter(fair=fair, actor__status="published")
        .select_related("actor", "actor__lag", "fair")
        .prefetch_related(_booth_products())
        .order_by("actor__name_sort", "id")
    )
