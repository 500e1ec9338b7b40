"""Shapes of the public API: what goes in (query parameters) and what comes out.

The filter parameters are documented here but validated by the web directory's
`DirectoryFilterForm` (see api/actors.py), so the page and the API accept exactly the same
values. The allowed values written into the OpenAPI document are read from that form for
the same reason: one list, no drift.
"""

from datetime import date, datetime

from django.utils import timezone
from ninja import Field, Schema

from kaimolink.actors.enums import ActorType
from kaimolink.actors.forms import MAX_QUERY_LENGTH, DirectoryFilterForm
from kaimolink.events.enums import EventKind, EventStatus
from kaimolink.events.forms import EventFilterForm

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


# --- Events ---------------------------------------------------------------------------------
# The event filters are validated by `api.events.EventApiFilterForm`, which extends the web
# event list's `EventFilterForm`: the kinds below are read from that form, as above.


# A day as `YYYY-MM-DD`, or empty for "no limit" (a "date" format would refuse the empty
# value that the web list sends). Days that do not exist answer 422 like other refused values.
ISO_DATE_OR_EMPTY = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"


def _event_kinds() -> list[str]:
    return [str(value) for value, _label in EventFilterForm.base_fields["kind"].choices]


class EventFilters(Schema):
    """Event list filters; empty values mean "no filter", as in the web event list."""

    lag: str = Field("", description="Slug of an organising LAG, as listed by `GET /lags`.")
    kind: str = Field("", description="Kind of event.", json_schema_extra={"enum": _event_kinds()})
    series: str = Field(
        "",
        description="Id of an event series (a programme, e.g. one LAG's training cycle).",
        json_schema_extra={"pattern": r"^[0-9]*$"},
    )
    theme: str = Field("", description="Slug of a smart-village theme or training topic.")
    date_from: str = Field(
        "",
        alias="from",
        description="ISO date (`2026-05-01`): events still on or after this day.",
        json_schema_extra={"pattern": ISO_DATE_OR_EMPTY},
    )
    date_to: str = Field(
        "",
        alias="to",
        description="ISO date: events starting on or before this day; not before `from`.",
        json_schema_extra={"pattern": ISO_DATE_OR_EMPTY},
    )

    def form_data(self) -> dict[str, str]:
        return self.model_dump(by_alias=True)


class EventListItem(Schema):
    """An event as a list row. Times are local (Europe/Vilnius) with their UTC offset."""

    slug: str
    title: str
    kind: EventKind
    kind_label: str
    status: EventStatus
    lags: list[str] = Field(description="Slugs of the organising LAGs (several: a joint event).")
    series: int | None = Field(description="Id of the event's series, when it has one.")
    theme: str | None = Field(description="Slug of the theme or training topic, when set.")
    start: datetime | None = Field(description="Start of the first day; null without a programme.")
    end: datetime | None = Field(description="End of the last day; null without a programme.")
    hours: float = Field(description="Hours of learning the event counts for.")
    capacity: int = Field(description="Places.")
    confirmed: int = Field(description="Confirmed registrations.")
    waiting: int = Field(description="People on the waiting list.")
    places_left: int
    url: str = Field(description="Path of the event page, in the language the request asks for.")

    # Resolvers read what api.events loads once per page (counts annotated, LAGs and the
    # theme joined or prefetched), so a page costs the same queries for 1 or 100 events.
    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_lags(obj) -> list[str]:
        return [lag.slug for lag in obj.lags.all()]

    @staticmethod
    def resolve_series(obj) -> int | None:
        return obj.series_id

    @staticmethod
    def resolve_theme(obj) -> str | None:
        return obj.theme.slug if obj.theme_id else None

    @staticmethod
    def resolve_start(obj) -> datetime | None:
        return timezone.localtime(obj.starts_at) if obj.starts_at else None

    @staticmethod
    def resolve_end(obj) -> datetime | None:
        return timezone.localtime(obj.ends_at) if obj.ends_at else None

    @staticmethod
    def resolve_confirmed(obj) -> int:
        return obj.confirmed_count

    @staticmethod
    def resolve_waiting(obj) -> int:
        return obj.waiting_count

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class EventPage(Schema):
    count: int = Field(description="Events matching the filters, on all pages.")
    items: list[EventListItem]


class VenueOut(Schema):
    settlement: str | None = Field(description="Name of the settlement, when the event has one.")
    address: str
    lat: float | None
    lon: float | None
    online_url: str = Field(description="Link of an online event; empty when there is none.")


class EventDayOut(Schema):
    date: date
    start: datetime
    end: datetime
    programme: str

    @staticmethod
    def resolve_start(obj) -> datetime:
        return obj.starts_at

    @staticmethod
    def resolve_end(obj) -> datetime:
        return obj.ends_at


class EventDetail(EventListItem):
    """The public event page: programme days, venue, description and registration window."""

    description: str
    days: list[EventDayOut]
    venue: VenueOut
    trainer: str | None = Field(description="Name of the trainer or lecturer, when set.")
    series_title: str | None
    registration_opens: datetime | None = Field(
        description="Null: registration opens when the event is published."
    )
    registration_closes: datetime | None = Field(
        description="When registration closes; null when the event has no programme yet."
    )
    registration_open: bool = Field(description="A person can register now.")

    @staticmethod
    def resolve_days(obj) -> list:
        return list(obj.days.all())

    @staticmethod
    def resolve_venue(obj) -> dict:
        return {
            "settlement": obj.settlement.name if obj.settlement_id else None,
            "address": obj.address,
            "lat": obj.lat,
            "lon": obj.lon,
            "online_url": obj.online_url,
        }

    @staticmethod
    def resolve_trainer(obj) -> str | None:
        # The name only, as on the event page; never the e-mail address.
        return (obj.trainer.full_name or None) if obj.trainer_id else None

    @staticmethod
    def resolve_series_title(obj) -> str | None:
        return obj.series.title if obj.series_id else None

    @staticmethod
    def resolve_registration_opens(obj) -> datetime | None:
        return timezone.localtime(obj.registration_opens) if obj.registration_opens else None

    @staticmethod
    def resolve_registration_closes(obj) -> datetime | None:
        closes = obj.registration_closes_at
        return timezone.localtime(closes) if closes else None

    @staticmethod
    def resolve_registration_open(obj) -> bool:
        return obj.registration_is_open(timezone.now())
