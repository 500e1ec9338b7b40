"""Public read endpoints of virtual fairs: the published fairs, and one fair with its
exhibitors and the market products each brings (the same rows as /<lang>/fairs/).

Glue only: parameters are validated by `fairs.forms.FairListFilterForm`, rows come from
`fairs.selectors`.
"""

from datetime import datetime
from decimal import Decimal

from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from kaimolink.api.query import valid_or_422
from kaimolink.api.schemas import ErrorOut, Page, ValidationErrorOut
from kaimolink.fairs import selectors
from kaimolink.fairs.enums import FairStatus, Period
from kaimolink.fairs.forms import FairListFilterForm

router = Router()


class FairFilters(Schema):
    period: str = Field(
        "",
        description="`open` (open now), `upcoming` or `past`; empty: all.",
        json_schema_extra={"enum": ["", *Period.values]},
    )
    lag: str = Field("", description="Slug of a LAG, as listed by `GET /lags`.")


class FairOut(Schema):
    slug: str
    title: str
    theme: str
    lags: list[str] = Field(description="Slugs of the fair's LAGs.")
    categories: list[str] = Field(description="Market categories accepted; empty: all.")
    opens_at: datetime
    closes_at: datetime
    period: Period
    settlement: str | None = Field(description="Settlement of the live part, when hybrid.")
    address: str
    booth_count: int
    url: str = Field(description="Path of the fair's page.")


class FairPage(Schema):
    count: int = Field(description="Fairs matching the filters, on all pages.")
    items: list[FairOut]


class ProductRef(Schema):
    slug: str
    name: str
    category: str
    price: Decimal | None
    unit: str
    url: str = Field(description="Path of the product's market page.")


class ExhibitorOut(Schema):
    actor: str = Field(description="Slug of the exhibiting actor.")
    name: str
    lag: str = Field(description="Slug of the actor's LAG.")
    live_hours: str
    video_url: str
    products: list[ProductRef]
    url: str = Field(description="Path of the booth's page.")


class FairDetailOut(FairOut):
    description: str
    exhibitors: list[ExhibitorOut]


def _fair(fair, booth_count=None) -> dict:
    return {
        "slug": fair.slug,
        "title": fair.title,
        "theme": fair.theme,
        "lags": [lag.slug for lag in fair.lags.all()],
        "categories": fair.categories,
        "opens_at": fair.opens_at,
        "closes_at": fair.closes_at,
        "period": fair.period(),
        "settlement": fair.settlement.name if fair.settlement_id else None,
        "address": fair.address,
        "booth_count": fair.booth_count if booth_count is None else booth_count,
        "url": fair.get_absolute_url(),
    }


@router.get(
    "/fairs", response={200: FairPage, 422: ValidationErrorOut}, tags=["fairs"],
    summary="Virtual fairs", operation_id="fairs_list",
)  # fmt: skip
def fairs_list(request, filters: Query[FairFilters], page: Query[Page]):
    """Published virtual fairs, latest opening first. A refused filter answers 422 naming it."""
    form = valid_or_422(FairListFilterForm(filters.model_dump()))
    qs = selectors.fairs_filtered(period=form.cleaned_data["period"], lag=form.cleaned_data["lag"])
    items = [_fair(f) for f in qs[page.offset : page.offset + page.limit]]
    return {"count": qs.count(), "items": items}


@router.get(
    "/fairs/{slug}", response={200: FairDetailOut, 404: ErrorOut}, tags=["fairs"],
    summary="One fair with its exhibitors", operation_id="fairs_detail",
)  # fmt: skip
def fairs_detail(request, slug: str):
    """One published fair: its exhibitors and the market products each brings."""
    fair = selectors.fair_for_page(slug=slug)
    if fair is None or fair.status != FairStatus.PUBLISHED:
        raise Http404(str(selectors.NO_SUCH_FAIR))
    booths = selectors.exhibitors_of(fair=fair)
    return {
        **_fair(fair, booth_count=len(booths)),
        "description": fair.description,
        "exhibitors": [
            {
                "actor": b.actor.slug,
                "name": b.actor.name,
                "lag": b.actor.lag.slug,
                "live_hours": b.live_hours,
                "video_url": b.video_url,
                "url": reverse("fairs:booth", kwargs={"slug": fair.slug, "booth_id": b.pk}),
                "products": [
                    {
                        "slug": p.slug,
                        "name": p.name,
                        "category": p.category,
                        "price": p.price,
                        "unit": p.unit,
                        "url": p.get_absolute_url(),
                    }
                    for p in b.products.all()
                ],
            }
            for b in booths
        ],
    }
