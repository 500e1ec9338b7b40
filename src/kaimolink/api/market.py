"""Public read endpoints of the local market's catalogue: products and services.

Glue only: parameters are validated by the web catalogue's `CatalogueFilterForm` (extended
with `actor` and `available`), rows come from `market.selectors.catalogue_page`, the same
query as the catalogue page. Only published products of published actors are shown; the
sellers' private contacts never (a buyer sees them on the order's page once confirmed).
Every item's `url` is the absolute address of its page, in the language the request asks for.
"""

from datetime import datetime

from django import forms
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from kaimolink.actors.models import Actor
from kaimolink.api.query import valid_or_422
from kaimolink.api.schemas import ErrorOut, Page, ValidationErrorOut
from kaimolink.market import selectors
from kaimolink.market.enums import Availability, Category, ProductKind
from kaimolink.market.forms import MAX_QUERY_LENGTH, CatalogueFilterForm
from kaimolink.market.selectors import CatalogueQuery

router = Router()

AVAILABLE_CHOICES = [
    ("", gettext_lazy("Any")),
    ("true", gettext_lazy("Can be ordered now")),
    ("false", gettext_lazy("Sold out")),
]


class ProductApiFilterForm(CatalogueFilterForm):
    """The catalogue page's filters plus the seller (`actor`) and `available`."""

    actor = forms.ModelChoiceField(
        label=gettext_lazy("Seller"),
        queryset=Actor.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All sellers"),
        error_messages={
            "invalid_choice": gettext_lazy("There is no published actor with this slug.")
        },
    )
    available = forms.ChoiceField(
        label=gettext_lazy("Can be ordered now"), required=False, choices=AVAILABLE_CHOICES
    )

    def __init__(self, data=None, *args, **kwargs):
        # PostgreSQL refuses to compare text holding a NUL character (a 500 otherwise): such
        # a value is emptied here and refused in clean(), naming its parameter.
        self._nul_fields = set()
        if data is not None:
            data = dict(data)
            for key, value in data.items():
                if "\x00" in str(value):
                    self._nul_fields.add(key)
                    data[key] = ""
        super().__init__(data, *args, **kwargs)

    def clean(self):
        data = super().clean()
        for name in self._nul_fields:
            if name in self.fields:
                self.add_error(name, _("The value holds a character that cannot be searched."))
        return data

    def to_query(self, **fixed) -> CatalogueQuery:
        query = super().to_query(**fixed)
        query.actor = self.cleaned_data["actor"]
        query.available = {"true": True, "false": False}.get(self.cleaned_data["available"])
        return query


class ProductFilters(Schema):
    """Catalogue filters; empty values mean "no filter", as on the web catalogue."""

    q: str = Field(
        "",
        description="Search words in the name, description, category and seller. Case, "
        "accents and Lithuanian word forms are ignored: `atviruku` finds „Kalėdiniai atvirukai“.",
        json_schema_extra={"maxLength": MAX_QUERY_LENGTH},
    )
    lag: str = Field("", description="Slug of the seller's LAG, as listed by `GET /lags`.")
    category: str = Field(
        "", description="Category.", json_schema_extra={"enum": ["", *Category.values]}
    )
    actor: str = Field(
        "",
        description="Slug of a published actor: its products and those it makes together "
        "with others.",
    )
    available: str = Field(
        "",
        description="`true`: can be ordered now (not sold out); `false`: sold out only.",
        json_schema_extra={"enum": ["", "true", "false"]},
    )

    def form_data(self) -> dict[str, str]:
        return self.model_dump()


class ActorRef(Schema):
    slug: str
    name: str


def _absolute(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


class ProductListItem(Schema):
    """A product as a catalogue row. Resolvers read what the selector loads once per page."""

    id: int
    slug: str
    name: str
    kind: ProductKind
    category: Category
    category_label: str
    actor: ActorRef = Field(description="The seller.")
    co_producers: list[ActorRef] = Field(description="Actors who make it with the seller.")
    lag: str = Field(description="Slug of the seller's LAG.")
    price: str | None = Field(
        description="Price in euro as a decimal string (`3.50`); null: price on request or unset."
    )
    unit: str
    price_on_request: bool
    availability: Availability
    availability_label: str
    available: bool = Field(description="Can be ordered now (not sold out).")
    regional: bool = Field(description="Marked as a regional product.")
    photo: str | None = Field(description="Absolute address of the small (400 px) photo.")
    url: str = Field(description="Absolute address of the product's page.")

    @staticmethod
    def resolve_category_label(obj) -> str:
        return str(obj.get_category_display())

    @staticmethod
    def resolve_co_producers(obj) -> list:
        return list(obj.co_producers.all())

    @staticmethod
    def resolve_lag(obj) -> str:
        return obj.lag.slug

    @staticmethod
    def resolve_price(obj) -> str | None:
        return None if obj.price_on_request or obj.price is None else str(obj.price)

    @staticmethod
    def resolve_availability_label(obj) -> str:
        return str(obj.get_availability_display())

    @staticmethod
    def resolve_available(obj) -> bool:
        return obj.orderable

    @staticmethod
    def resolve_photo(obj, context) -> str | None:
        photos = obj.photos.all()
        return _absolute(context, photos[0].small.url) if photos else None

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, obj.get_absolute_url())


class ProductPageOut(Schema):
    count: int = Field(description="Products matching the filters, on all pages.")
    items: list[ProductListItem]


class PhotoOut(Schema):
    large: str = Field(description="Absolute address of the 1200 px photo.")
    small: str = Field(description="Absolute address of the 400 px photo.")
    alt: str


class ProductDetail(ProductListItem):
    description: str = Field(description="Text written by the seller.")
    quantity: int | None = Field(description="Units in stock, for products kept in stock.")
    lead_time_days: int | None = Field(description="Made to order: days to make it.")
    season_months: list[int] = Field(description="Seasonal: months (1–12) it is offered.")
    pickup: bool
    pickup_settlement: str | None = Field(description="Name of the pick-up settlement.")
    delivery_area: str
    by_post: bool
    organic_claim: str = Field(description="An organic claim, as the seller wrote it.")
    photos: list[PhotoOut]
    published_at: datetime | None

    @staticmethod
    def resolve_quantity(obj) -> int | None:
        return obj.quantity if obj.tracks_stock else None

    @staticmethod
    def resolve_pickup_settlement(obj) -> str | None:
        return obj.pickup_settlement.name if obj.pickup_settlement_id else None

    @staticmethod
    def resolve_photos(obj, context) -> list[dict]:
        return [
            {
                "large": _absolute(context, photo.large.url),
                "small": _absolute(context, photo.small.url),
                "alt": photo.alt,
            }
            for photo in obj.photos.all()
        ]


@router.get(
    "/products", response={200: ProductPageOut, 422: ValidationErrorOut}, tags=["market"],
    summary="Search the local market's catalogue", operation_id="products_list",
)  # fmt: skip
def products_list(request, filters: Query[ProductFilters], page: Query[Page]):
    """Published products and services of published actors, A–Ž, one page at a time.

    The filters accept what the web catalogue accepts. A refused value answers 422 with
    `detail[].loc` naming the parameter and `detail[].msg` the reason.
    """
    form = ProductApiFilterForm(filters.form_data())
    valid_or_422(form)
    result = selectors.catalogue_result(query=form.to_query(), exact_count=True)
    return {
        "count": result.count,
        "items": list(result.products[page.offset : page.offset + page.limit]),
    }


@router.get(
    "/products/{product_id}",
    response={200: ProductDetail, 404: ErrorOut, 422: ValidationErrorOut},
    tags=["market"], summary="One product or service", operation_id="products_detail",
)  # fmt: skip
def products_detail(request, product_id: int):
    """One published product of a published actor; 404 otherwise.

    A `product_id` that is not a whole number answers 422.
    """
    # An id no row can have (SQLite refuses integers beyond 64 bits: a 500) is simply unknown.
    product = (
        selectors.catalogue_page(query=CatalogueQuery()).filter(pk=product_id).first()
        if 0 < product_id < 2**63
        else None
    )
    if product is None:
        raise Http404(_("No published product with this id."))
    return product
