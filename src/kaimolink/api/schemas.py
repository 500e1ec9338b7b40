"""Shapes of the public API: what goes in (query parameters) and what comes out.

The filter parameters are documented here but validated by the web directory's
`DirectoryFilterForm` (see api/actors.py), so the page and the API accept exactly the same
values. The allowed values written into the OpenAPI document are read from that form for
the same reason: one list, no drift.
"""

from datetime import datetime

from ninja import Field, Schema

from kaimolink.actors.enums import ActorType
from kaimolink.actors.forms import MAX_QUERY_LENGTH, DirectoryFilterForm

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
# Deep offsets make the database skip rows one by one; nobody pages 100 000 rows by hand.
MAX_OFFSET = 100_000


def _form_choices(name: str) -> list[str]:
    """The values the directory form accepts for a choice field ("" means no filter)."""
    return [str(value) for value, _label in DirectoryFilterForm.base_fields[name].choices]


class ActorFilters(Schema):
    """Directory filters; empty values mean "no filter", as in the web directory."""

    q: str = Field(
        "",
        description="Search words. Case and Lithuanian accents are ignored: "
        "`slapaberze` finds Šlapaberžė.",
        json_schema_extra={"maxLength": MAX_QUERY_LENGTH},
    )
    lag: str = Field("", description="Slug of a LAG, as listed by `GET /lags`.")
    district: str = Field("", description="Slug of a district (municipality).")
    type: str = Field(
        "", description="Actor type.", json_schema_extra={"enum": _form_choices("type")}
    )
    theme: str = Field("", description="Slug of a smart-village theme or training topic.")
    certified: str = Field(
        "",
        description="`true`: certified community businesses only; `false`: all others.",
        json_schema_extra={"enum": _form_choices("certified")},
    )
    ordering: str = Field(
        "",
        description="`name` (A–Ž, Lithuanian alphabet, the default), `-name` (Ž–A) or "
        "`newest` (recently added first).",
        json_schema_extra={"enum": ["", *_form_choices("ordering")]},
    )

    def form_data(self) -> dict[str, str]:
        return self.model_dump()


class Page(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


class LagOut(Schema):
    slug: str
    name: str
    short_name: str
    actor_count: int = Field(description="Published actors of this LAG.")


class ActorListItem(Schema):
    """An actor as a directory row: enough for a list or a map marker."""

    slug: str
    name: str
    type: ActorType
    type_label: str
    lag: str = Field(description="Slug of the actor's LAG.")
    district: str = Field(description="Name of the district.")
    settlement: str | None = Field(description="Name of the settlement, when known.")
    lat: float | None
    lon: float | None
    themes: list[str] = Field(description="Theme slugs, in the platform's theme order.")
    certified: bool = Field(description="Holds a valid community-business certificate.")
    url: str = Field(
        description="Path of the public profile page, in the language the request asks for."
    )

    # Resolvers read the related rows loaded by selectors.actors_directory (select_related
    # and prefetch_related), so a page costs the same queries for 1 or 100 actors.
    @staticmethod
    def resolve_type(obj) -> str:
        return obj.actor_type

    @staticmethod
    def resolve_type_label(obj) -> str:
        return str(obj.get_actor_type_display())

    @staticmethod
    def resolve_lag(obj) -> str:
        return obj.lag.slug

    @staticmethod
    def resolve_district(obj) -> str:
        return obj.district.name

    @staticmethod
    def resolve_settlement(obj) -> str | None:
        return obj.settlement.name if obj.settlement_id else None

    @staticmethod
    def resolve_themes(obj) -> list[str]:
        return [theme.slug for theme in obj.themes.all()]

    @staticmethod
    def resolve_certified(obj) -> bool:
        return obj.is_certified

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class ActorPage(Schema):
    count: int = Field(description="Actors matching the filters, on all pages.")
    items: list[ActorListItem]


class ContactsOut(Schema):
    email: str
    phone: str
    address: str


class ActorDetail(ActorListItem):
    """The public profile. Contacts appear only when the actor has agreed to show them."""

    description: str
    offers: str
    seeks: str
    website: str
    logo: str | None = Field(description="Path of the logo or photo, when there is one.")
    contacts: ContactsOut | None = Field(
        description="E-mail, phone and address; null unless the actor made them public."
    )
    published_at: datetime | None

    @staticmethod
    def resolve_logo(obj) -> str | None:
        return obj.logo.url if obj.logo else None

    @staticmethod
    def resolve_contacts(obj) -> dict | None:
        if not obj.contacts_public:
            return None
        return {"email": obj.email, "phone": obj.phone, "address": obj.address}


class ErrorOut(Schema):
    detail: str


class ParamError(Schema):
    loc: list[str | int] = Field(description='Where the error is, e.g. `["query", "lag"]`.')
    msg: str = Field(description="Why the value was refused, for a person to read.")
    type: str = Field(description="A short machine-readable code of the error.")


class ValidationErrorOut(Schema):
    detail: list[ParamError]
