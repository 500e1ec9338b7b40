"""Public read endpoint of tourism services: the list and map layer's filters, and a box.

Glue only: parameters are validated by the web list's `TourismFilterForm` (plus `bbox`),
rows come from `tourism.selectors`; only published services of published actors are shown.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from kaimolink.actors.views import _parse_bbox
from kaimolink.api.query import valid_or_422
from kaimolink.api.schemas import Page, ValidationErrorOut
from kaimolink.tourism import selectors
from kaimolink.tourism.enums import ServiceKind
from kaimolink.tourism.forms import MAX_QUERY_LENGTH, TourismFilterForm

router = Router()


class TourismApiFilterForm(TourismFilterForm):
    bbox = forms.CharField(required=False, max_length=200)

    def clean_bbox(self):
        raw = self.cleaned_data["bbox"].strip()
        if not raw:
            return None
        box = _parse_bbox(raw)
        if box is None:
            raise forms.ValidationError(
                _("Give bbox=west,south,east,north in degrees."), code="invalid"
            )
        return box


class TourismFilters(Schema):
    q: str = Field(
        "",
        description="Search words; case, Lithuanian accents and word forms are ignored.",
        json_schema_extra={"maxLength": MAX_QUERY_LENGTH},
    )
    lag: str = Field("", description="Slug of a LAG, as listed by `GET /lags`.")
    kind: str = Field(
        "",
        description="Kind of service.",
        json_schema_extra={"enum": ["", *ServiceKind.values]},
    )
    bbox: str = Field(
        "", description="`west,south,east,north` in degrees: only services inside this box."
    )

    def form_data(self) -> dict[str, str]:
        return self.model_dump()


class TourismItem(Schema):
    slug: str
    name: str
    kind: ServiceKind
    kind_label: str
    provider: str = Field(description="Name of the actor who offers it.")
    lag: str = Field(description="Slug of the provider's LAG.")
    settlement: str | None
    lat: float
    lon: float
    capacity: int | None
    languages: list[str] = Field(description="ISO 639-1 codes of the languages spoken.")
    season_months: list[int] = Field(description="Months of the season (1–12); empty: all year.")
    price: str | None = Field(description="Price in euros, as a decimal string.")
    price_text: str
    url: str = Field(description="Path of the service's page, in the language asked for.")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_provider(obj) -> str:
        return obj.actor.name

    @staticmethod
    def resolve_lag(obj) -> str:
        return obj.lag.slug

    @staticmethod
    def resolve_settlement(obj) -> str | None:
        return obj.settlement.name if obj.settlement_id else None

    @staticmethod
    def resolve_price(obj) -> str | None:
        return None if obj.price is None else str(obj.price)

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class TourismPage(Schema):
    count: int = Field(description="Services matching the filters, on all pages.")
    items: list[TourismItem]


@router.get(
    "/tourism", response={200: TourismPage, 422: ValidationErrorOut}, tags=["tourism"],
    summary="Tourism services for visitors", operation_id="tourism_list",
)  # fmt: skip
def tourism_list(request, filters: Query[TourismFilters], page: Query[Page]):
    """Published tourism services matching the filters, in Lithuanian alphabetical order.

    A refused value answers 422 with `detail[].loc` naming the parameter.
    """
    form = valid_or_422(TourismApiFilterForm(filters.form_data()))
    qs = selectors.services_filtered(query=form.to_query())
    if box := form.cleaned_data["bbox"]:
        west, south, east, north = box
        qs = qs.filter(lat__gte=south, lat__lte=north, lon__gte=west, lon__lte=east)
    rows = qs.select_related("actor", "lag", "settlement")
    return {"count": qs.count(), "items": list(rows[page.offset : page.offset + page.limit])}
