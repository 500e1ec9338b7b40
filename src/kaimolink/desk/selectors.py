"""What needs a coordinator: each count comes from the app that owns it, the desk only
gathers them for the LAGs this person runs (every LAG for a platform administrator)."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from kaimolink.actors.selectors import pending_actor_counts
from kaimolink.certificates.selectors import events_with_certificates_to_issue
from kaimolink.certification.selectors import waiting_counts as certification_waiting
from kaimolink.core.models import Lag
from kaimolink.events.models import Event
from kaimolink.events.selectors import events_coming_up, events_without_attendance
from kaimolink.homework.selectors import events_with_homework_to_review
from kaimolink.market.selectors import pending_product_counts
from kaimolink.moderation.selectors import open_report_counts
from kaimolink.projects.models import Indicator, Project, ProjectPartner


def may_use_desk(user) -> bool:
    """Coordinators of a LAG and platform administrators. Reads the coordinations cached
    on the user for the request (one small query at most, none for administrators)."""
    if not (user and user.is_authenticated):
        return False
    return user.is_superuser or bool(user.coordinated_lag_ids())


def desk_lags(user) -> list[Lag]:
    """The LAGs whose work this person sees on the desk, by name (one query)."""
    lags = Lag.objects.order_by("name_sort", "pk")
    if not user.is_superuser:
        lags = lags.filter(pk__in=user.coordinated_lag_ids())
    return list(lags)


@dataclass(frozen=True)
class LagCount:
    """How many of something wait in one LAG (`lag` None: reports that belong to no LAG,
    which only platform administrators handle)."""

    lag: Lag | None
    count: int


@dataclass(frozen=True)
class Desk:
    pending_actors: list[LagCount]
    open_reports: list[LagCount]
    homework: list[Event]  # with `waiting_submissions`
    attendance: list[Event]  # with `unmarked_days`
    certificates: list[Event]  # with `certificates_due`
    coming_up: list[Event]  # with `confirmed_count`, `waiting_count`
    pending_products: list[LagCount]  # market products waiting for publication
    # Certification applications waiting for the completeness check, and for the decision.
    applications_to_check: list[LagCount] = ()
    applications_to_decide: list[LagCount] = ()

    @property
    def totals(self) -> dict[str, int]:
        """How many of each kind wait, for the summary at the top."""
        return {
            "pending_actors": sum(row.count for row in self.pending_actors),
            "open_reports": sum(row.count for row in self.open_reports),
            "homework": sum(event.waiting_submissions for event in self.homework),
            "certificates": sum(event.certificates_due for event in self.certificates),
            "pending_products": sum(row.count for row in self.pending_products),
            "applications_to_check": sum(row.count for row in self.applications_to_check),
            "applications_to_decide": sum(row.count for row in self.applications_to_decide),
        }

    @property
    def has_work(self) -> bool:
        """Something waits for the coordinator (the coming events are only for their eye)."""
        return bool(
            self.pending_actors
            or self.open_reports
            or self.homework
            or self.attendance
            or self.certificates
            or self.pending_products
            or self.applications_to_check
            or self.applications_to_decide
        )


def _by_lag(counts: dict, lags: list[Lag]) -> list[LagCount]:
    """The counts in the order of `lags` (by name); the LAG-less count, if any, last."""
    found = [LagCount(lag, counts[lag.pk]) for lag in lags if counts.get(lag.pk)]
    if counts.get(None):
        found.append(LagCount(None, counts[None]))
    return found


def desk_of(*, user, lags: list[Lag], lag: Lag | None = None) -> Desk:
    """Everything on the desk of `user` for `lags` (from `desk_lags`), or only for `lag`.

    A fixed number of queries however much there is. An administrator without a chosen
    LAG sees every LAG and the reports that belong to none.
    """
    if lag is not None:
        lag_ids, lags = {lag.pk}, [lag]
    elif user.is_superuser:
        lag_ids = None
    else:
        lag_ids = {each.pk for each in lags}
    waiting = certification_waiting(lag_ids=lag_ids)
    return Desk(
        applications_to_check=_by_lag(waiting["submitted"], lags),
        applications_to_decide=_by_lag(waiting["assessed"], lags),
        pending_actors=_by_lag(pending_actor_counts(lag_ids=lag_ids), lags),
        open_reports=_by_lag(open_report_counts(lag_ids=lag_ids), lags),
        homework=events_with_homework_to_review(lag_ids=lag_ids),
        attendance=events_without_attendance(lag_ids=lag_ids),
        certificates=events_with_certificates_to_issue(lag_ids=lag_ids),
        coming_up=events_coming_up(lag_ids=lag_ids),
        pending_products=_by_lag(pending_product_counts(lag_ids=lag_ids), lags),
    )


def desk_projects(user) -> QuerySet:
    """The projects whose reports this person may make: those a LAG they coordinate leads
    or partners, whatever their status (every project for a platform administrator)."""
    projects = Project.objects.all()
    if not user.is_superuser:
        projects = projects.filter(
            Exists(
                ProjectPartner.objects.filter(
                    project=OuterRef("pk"), lag_id__in=user.coordinated_lag_ids()
                )
            )
        )
    return projects.order_by("-start_year", "title", "id")


def desk_project(user, slug: str) -> Project | None:
    """One of `desk_projects`, with its partners and indicators (None: missing or not
    theirs, which the views answer alike with 404)."""
    return (
        desk_projects(user)
        .filter(slug=slug)
        .prefetch_related(
            Prefetch("partners", queryset=ProjectPartner.objects.select_related("lag")),
            Prefetch("indicators", queryset=Indicator.objects.order_by("position", "id")),
        )
        .first()
    )
