"""Public read endpoints of community-business certification: the schemes and the
registry of licences (the same rows and filters as /<lang>/certification/registry/).

Glue only: parameters are validated by the registry page's `RegistryFilterForm`, rows come
from `certification.public_selectors`, each licence's verifiable credential (the mark as
an Open Badges 3.0 VC-JWT, issued by the certification app with source
"certification.licence:<pk>") from `credentials.selectors`.
"""

from datetime import date

from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from kaimolink.api.query import valid_or_422
from kaimolink.api.schemas import ErrorOut, Page, ValidationErrorOut
from kaimolink.certification import public_selectors
from kaimolink.certification.credentials_link import licence_credential_sources
from kaimolink.certification.enums import Standing
from kaimolink.certification.public_forms import MAX_QUERY_LENGTH, RegistryFilterForm
from kaimolink.core.links import absolute
from kaimolink.credentials.selectors import credentials_by_source

router = Router()


class RegistryFilters(Schema):
    """Registry filters; empty values mean "no filter", as on the registry page."""

    lag: str = Field("", description="Slug of the LAG that granted the licence.")
    scheme: str = Field(
        "", description="Slug of a scheme, as listed by `GET /certification/schemes`."
    )
    status: str = Field(
        "",
        description="The licence's standing today.",
        json_schema_extra={"enum": ["", *Standing.values]},
    )
    q: str = Field(
        "",
        description="A licence number, a printed code or words of the holder's name.",
        json_schema_extra={"maxLength": MAX_QUERY_LENGTH},
    )


class VersionOut(Schema):
    number: int
    published: date
    validity_months: int
    url: str = Field(description="Path of the version's public page.")


class SchemeOut(Schema):
    slug: str
    name: str
    code: str = Field(description="Prefix of the scheme's licence numbers.")
    current_version: int | None = Field(description="The version new applications are made under.")
    versions: list[VersionOut] = Field(description="Published versions, newest first.")


class SchemePage(Schema):
    count: int
    items: list[SchemeOut]


class HolderRef(Schema):
    slug: str
    name: str


class LicenceOut(Schema):
    number: str
    actor: HolderRef
    lag: str = Field(description="Slug of the LAG that granted the licence.")
    scheme: str = Field(description="Slug of the scheme.")
    version: int
    valid_from: date
    valid_to: date
    status: Standing = Field(description="The licence's standing today.")
    status_label: str
    credential: str | None = Field(
        description="Address of the mark's verifiable credential (VC-JWT); null when none."
    )
    url: str = Field(description="Path of the licence's registry entry.")

    @staticmethod
    def resolve_lag(obj) -> str:
        return obj.lag.slug

    @staticmethod
    def resolve_scheme(obj) -> str:
        return obj.scheme.slug

    @staticmethod
    def resolve_version(obj) -> int:
        return obj.version.number

    @staticmethod
    def resolve_valid_to(obj) -> date:
        return obj.valid_until

    @staticmethod
    def resolve_status(obj) -> str:
        return obj.standing()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_standing_display())

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("certification:registry_entry", kwargs={"number": obj.number})


class LicencePage(Schema):
    count: int = Field(description="Licences matching the filters, on all pages.")
    items: list[LicenceOut]


def _with_credentials(licences: list) -> list:
    """Set each licence's `credential` (the address of its current VC-JWT, or None): a
    reinstated licence has a new credential, its earlier one stays revoked."""
    sources = licence_credential_sources(licences)
    found = credentials_by_source(sources.values())
    for licence in licences:
        credential = found.get(sources[licence.pk])
        usable = (
            credential is not None and credential.erased_at is None and not credential.is_revoked
        )
        licence.credential = (
            absolute(reverse("credentials:jwt", kwargs={"uuid": credential.uuid}))
            if usable
            else None
        )
    return licences


@router.get(
    "/certification/schemes", response={200: SchemePage}, tags=["certification"],
    summary="Certification schemes", operation_id="certification_schemes",
)  # fmt: skip
def certification_schemes(request):
    """Schemes with a published version, by name, each with its published versions."""
    items = []
    for scheme in public_selectors.public_schemes_with_versions():
        history = scheme.published_versions
        items.append(
            {
                "slug": scheme.slug,
                "name": scheme.name,
                "code": scheme.code,
                "current_version": history[0].number if history else None,
                "versions": [
                    {
                        "number": v.number,
                        "published": v.published_at.date(),
                        "validity_months": v.validity_months,
                        "url": reverse(
                            "certification:version",
                            kwargs={"slug": scheme.slug, "number": v.number},
                        ),
                    }
                    for v in history
                ],
            }
        )
    return {"count": len(items), "items": items}


@router.get(
    "/certification/registry",
    response={200: LicencePage, 422: ValidationErrorOut}, tags=["certification"],
    summary="Registry of licences", operation_id="certification_registry",
)  # fmt: skip
def certification_registry(request, filters: Query[RegistryFilters], page: Query[Page]):
    """Every licence granted, newest first, with its standing today; expired, suspended
    and withdrawn licences stay listed. A refused filter answers 422 naming it."""
    form = valid_or_422(RegistryFilterForm(filters.model_dump()))
    qs = public_selectors.registry(**form.filters())
    items = _with_credentials(list(qs[page.offset : page.offset + page.limit]))
    return {"count": qs.count(), "items": items}


@router.get(
    "/certification/registry/{number}",
    response={200: LicenceOut, 404: ErrorOut}, tags=["certification"],
    summary="One licence", operation_id="certification_licence",
)  # fmt: skip
def certification_licence(request, number: str):
    """One licence by its number (e.g. `BV-2026-0001`); 404 when there is none."""
    licence = public_selectors.licence_by_number(number)
    if licence is None:
        raise Http404(str(public_selectors.NOT_IN_REGISTRY))
    return _with_credentials([licence])[0]
