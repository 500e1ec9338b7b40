"""Reads of projects and agreements, with the related rows a page or an API list shows.

Every list prefetches what its rows display, so a page costs the same number of queries
for 1 or 100 rows (tests/projects/test_queries.py).
"""

from django.db.models import Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from kaimolink.actors.models import Actor
from kaimolink.core.models import Lag
from kaimolink.core.search import word_forms_match
from kaimolink.projects.models import (
    Agreement,
    AgreementMaterial,
    AgreementSignatory,
    Indicator,
    Project,
    ProjectDocument,
    ProjectNews,
    ProjectPartner,
)


def _partners():
    return Prefetch("partners", queryset=ProjectPartner.objects.select_related("lag", "actor"))


def projects_of_lag(qs: QuerySet, lag: Lag) -> QuerySet:
    """Projects the LAG leads or partners (a subquery: no duplicate rows)."""
    return qs.filter(Exists(ProjectPartner.objects.filter(project=OuterRef("pk"), lag=lag)))


def public_projects(*, lag: Lag | None = None, year: int | None = None, q: str = "") -> QuerySet:
    """Published projects, newest first, with partners and indicators prefetched.

    `year` keeps the projects running in that year (by their start and end years; a
    project with only a start year counts for that year).
    """
    qs = Project.objects.published()
    if lag is not None:
        qs = projects_of_lag(qs, lag)
    if year is not None:
        qs = qs.annotate(
            last_year=Coalesce("end_year", "start_year", output_field=IntegerField())
        ).filter(start_year__lte=year, last_year__gte=year)
    qs = qs.filter(word_forms_match(q))
    return qs.prefetch_related(_partners(), "indicators").order_by("-start_year", "title", "id")


def project_years() -> list[int]:
    """Every year some published project runs in, newest first (for the period filter)."""
    rows = Project.objects.published().filter(start_year__isnull=False)
    years: set[int] = set()
    for start, end in rows.values_list("start_year", "end_year"):
        years.update(range(start, (end or start) + 1))
    return sorted(years, reverse=True)


def project_for_page(slug: str) -> Project | None:
    """One project with everything its page shows, whatever its status (the caller checks)."""
    return (
        Project.objects.filter(slug=slug)
        .prefetch_related(
            _partners(),
            Prefetch("indicators", queryset=Indicator.objects.order_by("position", "id")),
            Prefetch("news", queryset=ProjectNews.objects.order_by("-date", "-id")),
            Prefetch("documents", queryset=ProjectDocument.objects.order_by("position", "id")),
        )
        .first()
    )


def agreements(*, lag: Lag | None = None) -> QuerySet:
    """The registry: newest first (undated last); `lag` keeps those it registered or signed."""
    qs = Agreement.objects.all()
    if lag is not None:
        qs = qs.filter(
            Q(lag=lag) | Exists(Agreement.parties.through.objects.filter(
                agreement_id=OuterRef("pk"), lag_id=lag.pk))
        )  # fmt: skip
    return qs.select_related("lag").prefetch_related(*_agreement_rows())


def _agreement_rows() -> list:
    """What an agreement shows wherever it is listed: parties, signatories, materials."""
    return [
        Prefetch("parties", queryset=Lag.objects.order_by("name_sort")),
        Prefetch("actor_parties", queryset=Actor.objects.order_by("name")),
        Prefetch("signatories", queryset=AgreementSignatory.objects.order_by("order", "id")),
        Prefetch("materials", queryset=AgreementMaterial.objects.order_by("position", "id")),
    ]


# --- The coordinator's desk: what a person may edit ----------------------------------------


def projects_for_desk(*, lag_ids: set[int] | None) -> QuerySet:
    """Projects whose partners include one of `lag_ids` (every project for None: a platform
    administrator), newest first, with the partners a list shows."""
    qs = Project.objects.all()
    if lag_ids is not None:
        qs = qs.filter(
            Exists(ProjectPartner.objects.filter(project=OuterRef("pk"), lag_id__in=lag_ids))
        )
    return qs.prefetch_related(_partners()).order_by("-start_year", "title", "id")


def agreements_for_desk(*, lag_ids: set[int] | None) -> QuerySet:
    """Agreements registered by one of `lag_ids` (every one for None), newest first."""
    qs = Agreement.objects.all()
    if lag_ids is not None:
        qs = qs.filter(lag_id__in=lag_ids)
    return qs.select_related("lag").prefetch_related(*_agreement_rows())


def agreement_for_desk(pk: int, *, lag_ids: set[int] | None) -> Agreement | None:
    """One agreement the person may edit, with everything its pages show; None otherwise."""
    return agreements_for_desk(lag_ids=lag_ids).filter(pk=pk).first()


def material_for_download(pk: int) -> AgreementMaterial | None:
    """A file kept with an agreement of the public registry (None without a file)."""
    return AgreementMaterial.objects.filter(pk=pk).exclude(file="").first()


def document_for_download(pk: int) -> ProjectDocument | None:
    """One project document with its project (the caller checks the project's page rule)."""
    return ProjectDocument.objects.select_related("project").filter(pk=pk).first()


def agreement_for_download(pk: int) -> Agreement | None:
    """One agreement of the public registry, for its document."""
    return Agreement.objects.filter(pk=pk).exclude(document="").first()
