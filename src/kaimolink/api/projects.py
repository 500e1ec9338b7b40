"""Public read endpoints of cooperation projects and the agreements registry.

Glue only: parameters are validated by `projects.forms` (the same LAG values as the web
pages), rows come from `projects.selectors` (partners and indicators prefetched, so a page
of 1 or 100 projects costs the same queries), and only published projects are shown;
drafts answer 404 as if they did not exist. The schemas live here, next to their endpoints.
"""

import datetime
import re
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from kaimolink.api.query import valid_or_422
from kaimolink.api.schemas import ErrorOut, Page, ValidationErrorOut
from kaimolink.indicators.measures import project_indicator_rows
from kaimolink.projects import selectors
from kaimolink.projects.enums import PartnerRole, ProjectStatus
from kaimolink.projects.forms import MAX_QUERY_LENGTH, AgreementFilterForm, ProjectApiFilterForm

router = Router()

# What Project.slug can hold; anything else is answered 404 without asking the database
# (PostgreSQL refuses to compare text holding a NUL character: a 500 otherwise).
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


class ProjectFilters(Schema):
    lag: str = Field(
        "", description="Slug of a LAG (`GET /lags`): projects it leads or is a partner of."
    )
    q: str = Field(
        "",
        description="Search words in the title, number, programme, goals and partner names. "
        "Case and Lithuanian accents are ignored.",
        json_schema_extra={"maxLength": MAX_QUERY_LENGTH},
    )


class AgreementFilters(Schema):
    lag: str = Field("", description="Slug of a LAG: agreements it registered or signed.")


class PartnerOut(Schema):
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code, e.g. `LT`, `LV`, `CZ`.")
    country_name: str = Field(description="Name of the country in the language asked for.")
    lag: str | None = Field(description="Slug of the LAG when the partner is on the platform.")
    role: PartnerRole = Field(
        description="`lead` (the coordinator), `partner`, or `participant` (a local "
        "organisation taking part through a partner LAG)."
    )

    @staticmethod
    def resolve_country_name(obj) -> str:
        return str(obj.get_country_display())

    @staticmethod
    def resolve_lag(obj) -> str | None:
        return obj.lag.slug if obj.lag_id else None


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str = Field(
        description="Unit key (participant, event, training, hour, …), 'custom' for a unit "
        "of the project's own (see unit_forms), or empty for a bare number."
    )
    unit_forms: list[str] = Field(
        description="A custom unit's Lithuanian forms for 1, 2, fractions and 10 (else empty)."
    )
    target: Decimal = Field(description="Target value (a decimal number as a string).")
    achieved: Decimal | None = Field(description="Achieved value, when reported.")

    @staticmethod
    def resolve_unit_forms(obj) -> list[str]:
        if obj.unit != "custom":
            return []
        return [getattr(obj, name) for name in obj.CUSTOM_FORM_FIELDS]


class IndicatorResultOut(IndicatorOut):
    """An indicator of one project: `achieved` counted by the platform when `computed`."""

    achieved: Decimal | None = Field(
        description="Achieved value: counted from the platform's records when `computed`, "
        "else as reported (null when not reported)."
    )
    computed: bool = Field(description="True when the platform counts the achieved value.")

    @staticmethod
    def resolve_code(row) -> str:
        return row.indicator.code

    @staticmethod
    def resolve_name(row) -> str:
        return row.indicator.name

    @staticmethod
    def resolve_unit(row) -> str:
        return row.indicator.unit

    @staticmethod
    def resolve_unit_forms(row) -> list[str]:
        return IndicatorOut.resolve_unit_forms(row.indicator)


class ProjectListItem(Schema):
    slug: str
    title: str
    title_en: str = Field(description="Official English title; empty when there is none.")
    number: str = Field(description="Project number; empty when not given.")
    programme: str = Field(description="Programme and measure; empty when not given.")
    start: datetime.date | None = Field(description="First day, when the exact day is known.")
    end: datetime.date | None = Field(description="Last day, when the exact day is known.")
    start_year: int | None
    end_year: int | None
    budget: Decimal | None = Field(
        description="Budget (support amount) in euros, as a decimal string; null when not given."
    )
    lead: PartnerOut | None = Field(description="The lead partner; null when not given.")
    partners: list[PartnerOut] = Field(description="Every partner row, the lead included.")
    indicators: list[IndicatorOut] = Field(description="Planned results.")
    url: str = Field(description="Path of the project page, in the language asked for.")

    @staticmethod
    def resolve_start(obj):
        return obj.start_date

    @staticmethod
    def resolve_end(obj):
        return obj.end_date

    @staticmethod
    def resolve_lead(obj):
        return next((p for p in obj.partners.all() if p.role == PartnerRole.LEAD), None)

    @staticmethod
    def resolve_partners(obj):
        return list(obj.partners.all())

    @staticmethod
    def resolve_indicators(obj):
        return list(obj.indicators.all())

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class ProjectPage(Schema):
    count: int = Field(description="Projects matching the filters, on all pages.")
    items: list[ProjectListItem]


class NewsOut(Schema):
    title: str
    date: datetime.date
    body: str = Field(description="Markdown, as written.")


class DocumentOut(Schema):
    title: str
    url: str
    size: int = Field(description="Bytes.")

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.file.url


class ProjectDetail(ProjectListItem):
    summary: str = Field(description="Markdown.")
    goals: str = Field(description="Markdown.")
    target_groups: str = Field(description="Markdown.")
    indicators: list[IndicatorResultOut] = Field(
        description="Planned results with their achieved values."
    )
    news: list[NewsOut]
    documents: list[DocumentOut]

    @staticmethod
    def resolve_indicators(obj):
        return project_indicator_rows(obj)

    @staticmethod
    def resolve_news(obj):
        return list(obj.news.all())

    @staticmethod
    def resolve_documents(obj):
        return list(obj.documents.all())


class PartyOut(Schema):
    name: str
    lag: str | None = Field(description="Slug of the LAG when the party is on the platform.")


class SignatoryOut(Schema):
    name: str
    position: str
    organisation: str = Field(description="The party this person signed for.")


class MaterialOut(Schema):
    kind: str = Field(description="agreement, methodology or other.")
    title: str
    url: str | None = Field(description="Path of the file; null when it is not uploaded.")

    @staticmethod
    def resolve_url(obj) -> str | None:
        return obj.file.url if obj.file else None


class AgreementOut(Schema):
    id: int
    title: str
    date: datetime.date | None = Field(description="Day of signing; null when not known.")
    registered_by: str = Field(description="Slug of the LAG whose registry holds it.")
    parties: list[PartyOut] = Field(description="Platform LAGs first, then other parties.")
    purpose: str = Field(description="Markdown.")
    valid_from: datetime.date | None
    valid_until: datetime.date | None = Field(description="Null when open-ended or unknown.")
    indefinite: bool = Field(description="Valid without an end date.")
    document: str | None = Field(description="Path of the signed document, when uploaded.")
    signatories: list[SignatoryOut] = Field(
        description="Who signed it, as the agreement names them."
    )
    materials: list[MaterialOut] = Field(description="Methodological material and other files.")

    @staticmethod
    def resolve_registered_by(obj) -> str:
        return obj.lag.slug

    @staticmethod
    def resolve_parties(obj) -> list[dict]:
        return (
            [{"name": lag.name, "lag": lag.slug} for lag in obj.parties.all()]
            + [{"name": actor.name, "lag": None} for actor in obj.actor_parties.all()]
            + [{"name": name, "lag": None} for name in obj.other_party_names()]
        )

    @staticmethod
    def resolve_signatories(obj) -> list:
        # Public by their role: they signed a public agreement for its parties.
        return list(obj.signatories.all())

    @staticmethod
    def resolve_materials(obj) -> list:
        return list(obj.materials.all())

    @staticmethod
    def resolve_document(obj) -> str | None:
        return obj.document.url if obj.document else None


class AgreementPage(Schema):
    count: int = Field(description="Agreements matching the filters, on all pages.")
    items: list[AgreementOut]


def _validated(form) -> dict:
    """The cleaned filters, or a 422 naming each refused parameter and the reason."""
    valid_or_422(form)
    return form.cleaned_data


@router.get(
    "/projects", response={200: ProjectPage, 422: ValidationErrorOut}, tags=["projects"],
    summary="Cooperation projects", operation_id="projects_list",
)  # fmt: skip
def projects_list(request, filters: Query[ProjectFilters], page: Query[Page]):
    """Published cooperation projects, newest first, with partners and planned results.

    A refused value answers 422 with `detail[].loc` naming the parameter and
    `detail[].msg` the reason.
    """
    data = _validated(ProjectApiFilterForm(filters.model_dump()))
    qs = selectors.public_projects(lag=data["lag"], q=data["q"])
    return {"count": qs.count(), "items": list(qs[page.offset : page.offset + page.limit])}


@router.get(
    "/projects/{slug}", response={200: ProjectDetail, 404: ErrorOut}, tags=["projects"],
    summary="A cooperation project", operation_id="projects_detail",
)  # fmt: skip
def projects_detail(request, slug: str):
    """One published project with its news and documents; 404 for drafts."""
    project = selectors.project_for_page(slug) if _SLUG.fullmatch(slug) else None
    if project is None or project.status != ProjectStatus.PUBLISHED:
        raise Http404(_("No published project with this slug."))
    return project


@router.get(
    "/agreements", response={200: AgreementPage, 422: ValidationErrorOut}, tags=["agreements"],
    summary="Cooperation agreements", operation_id="agreements_list",
)  # fmt: skip
def agreements_list(request, filters: Query[AgreementFilters], page: Query[Page]):
    """The registry of cooperation agreements, newest first (undated ones last)."""
    data = _validated(AgreementFilterForm(filters.model_dump()))
    qs = selectors.agreements(lag=data["lag"])
    return {"count": qs.count(), "items": list(qs[page.offset : page.offset + page.limit])}
