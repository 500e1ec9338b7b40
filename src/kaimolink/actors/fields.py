"""The one table of an actor's fields that people put in and take out.

Adding a field to actors means one line here (and the model field): the spreadsheet import
(`importing.py`: header synonyms, required cells, lengths, the template), the export
(`exporting.py`: columns and who sees them) and the profile form (`forms.ActorForm`'s
field list) all read `FIELDS`. What a valid value is lives on the model (field validators
and `Actor.clean`), so the form and the import refuse the same things with the same words.

Labels are English msgids (marked with `gettext_noop`, translated when shown): the import
template writes them as headers and the export uses them too, so an exported file can be
read back by the import. Headers are compared folded and without punctuation
(`importing.header_key`), so "El. paštas", "el pastas" and "EL.PAŠTAS" agree.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

# Who sees a column of the export (exporting.py explains the rules).
PUBLIC, CONTACT, PRIVATE = "public", "contact", "private"


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


@dataclass(frozen=True)
class ActorField:
    """One field of an actor as a person writes it in a form or a spreadsheet.

    `name` is the key of the field (the model's attribute for the form). `synonyms` are
    other column names the import recognises (the label in every language is recognised
    anyway). `importable`: the import reads it; `in_form`: ActorForm shows it; `export`:
    how the export writes it, `(actor, absolute_url) -> str`, None when not exported;
    `visibility`: PUBLIC, CONTACT or PRIVATE in the export.
    """

    name: str
    label: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    max_length: int = 200
    multiline: bool = False
    help: str = ""
    importable: bool = True
    in_form: bool = True
    export: Callable | None = None
    visibility: str = PUBLIC


FIELDS = (
    ActorField(
        "name", gettext_noop("Name"),
        ("pavadinimas", "veikėjo pavadinimas", "organizacijos pavadinimas", "actor name",
         "įmonės pavadinimas", "organizacija"),
        required=True, max_length=200,
        help=gettext_noop("The name of the organisation, business or person."),
        export=lambda a, url: a.name,
    ),
    ActorField(
        "actor_type", gettext_noop("Type"),
        ("tipas", "veikėjo tipas", "actor type", "rūšis", "veiklos forma", "teisinė forma"),
        max_length=100,
        help=gettext_noop("One of the types listed below; empty means “Other”."),
        export=lambda a, url: a.get_actor_type_display(),
    ),
    ActorField(
        "legal_code", gettext_noop("Legal entity code"),
        ("juridinio asmens kodas", "legal code", "įmonės kodas", "ja kodas", "kodas", "code"),
        max_length=40,
        help=gettext_noop("7 to 12 digits; leave empty for a person."),
        export=lambda a, url: a.legal_code or "", visibility=PRIVATE,
    ),
    ActorField(
        "lag", gettext_noop("LAG"), importable=False,
        export=lambda a, url: a.lag.name,
    ),
    ActorField(
        "district", gettext_noop("District"),
        ("savivaldybė", "rajonas", "municipality", "rajono savivaldybė"), max_length=120,
        help=gettext_noop("Only needed when two settlements of the LAG have the same name."),
        in_form=False, export=lambda a, url: a.district.name,
    ),
    ActorField(
        "settlement", gettext_noop("Settlement"),
        ("gyvenvietė", "vietovė", "place", "kaimas", "miestelis", "gyvenamoji vietovė"),
        required=True, max_length=120,
        help=gettext_noop("A town or village in the territory of the LAG."),
        export=lambda a, url: a.settlement.name if a.settlement else "",
    ),
    ActorField(
        "eldership", gettext_noop("Eldership"), ("seniūnija",), max_length=120,
        help=gettext_noop("Read to tell settlements apart; not stored."),
        in_form=False,
    ),
    ActorField(
        "description", gettext_noop("Description"), ("aprašymas", "apie", "veikla"),
        max_length=5000, multiline=True, export=lambda a, url: a.description,
    ),
    ActorField(
        "themes", gettext_noop("Themes"),
        ("temos", "tema", "theme", "veiklos sritys", "veiklos sritis", "sritys"),
        max_length=1000,
        help=gettext_noop("Names of the themes listed below, separated by commas."),
        export=lambda a, url: ", ".join(t.name for t in a.themes.all()),
    ),
    ActorField(
        "offers", gettext_noop("Offers"),
        ("siūlo", "produktai ir paslaugos", "products and services offered", "paslaugos"),
        max_length=2000, multiline=True, export=lambda a, url: a.offers,
    ),
    ActorField(
        "seeks", gettext_noop("Seeks"), ("ieško", "looking for", "poreikiai"),
        max_length=2000, multiline=True, export=lambda a, url: a.seeks,
    ),
    ActorField(
        "website", gettext_noop("Website"),
        ("svetainė", "interneto svetainė", "tinklalapis", "web", "internetinis puslapis"),
        max_length=200, export=lambda a, url: a.website,
    ),
    ActorField(
        "certification", gettext_noop("Certification"), importable=False, in_form=False,
        export=lambda a, url: a.get_certification_status_display(),
    ),
    ActorField(
        "profile_url", gettext_noop("Profile address"), importable=False, in_form=False,
        export=lambda a, url: url(a.get_absolute_url()),
    ),
    ActorField(
        "email", gettext_noop("E-mail"),
        ("el. paštas", "elektroninis paštas", "email", "el. pašto adresas"), max_length=254,
        export=lambda a, url: a.email, visibility=CONTACT,
    ),
    ActorField(
        "phone", gettext_noop("Phone"), ("telefonas", "tel.", "telefono numeris", "tel. nr."),
        max_length=40, export=lambda a, url: a.phone, visibility=CONTACT,
    ),
    ActorField(
        "address", gettext_noop("Address"), ("adresas",), max_length=255,
        export=lambda a, url: a.address, visibility=CONTACT,
    ),
    ActorField(
        "contacts_public", gettext_noop("Contacts public"),
        ("kontaktai viešai", "show contacts publicly", "viešinti kontaktus"), max_length=10,
        help=gettext_noop("yes or no (taip or ne): may e-mail, phone and address be shown "
                          "to visitors?"),
        export=lambda a, url: _yes_no(a.contacts_public), visibility=PRIVATE,
    ),
    ActorField("logo", gettext_noop("Logo or photo"), importable=False),
    ActorField(
        "status", gettext_noop("Status"), importable=False, in_form=False,
        export=lambda a, url: a.get_status_display(), visibility=PRIVATE,
    ),
    ActorField(
        "created", gettext_noop("Created"), importable=False, in_form=False,
        export=lambda a, url: _when(a.created_at), visibility=PRIVATE,
    ),
    ActorField(
        "published", gettext_noop("Published"), importable=False, in_form=False,
        export=lambda a, url: _when(a.published_at), visibility=PRIVATE,
    ),
)  # fmt: skip

FIELDS_BY_NAME = {f.name: f for f in FIELDS}
IMPORT_FIELDS = tuple(f for f in FIELDS if f.importable)
EXPORT_FIELDS = tuple(f for f in FIELDS if f.export is not None)
# Themes are a many-to-many field the form shows as checkboxes; all others map one to one.
FORM_FIELDS = [f.name for f in FIELDS if f.in_form]

# The public API (api/schemas.py, ActorDetail) publishes these fields under these names
# (its names are a published contract, so some differ); the rest are not published.
# tests/api/test_actor_fields.py holds the API schema to this table both ways, so a new
# field is either listed here and in the schema or deliberately left out.
API_NAMES = {
    "name": "name",
    "actor_type": "type",
    "lag": "lag",
    "district": "district",
    "settlement": "settlement",
    "description": "description",
    "themes": "themes",
    "offers": "offers",
    "seeks": "seeks",
    "website": "website",
    "certification": "certified",
    "profile_url": "url",
    "email": "contacts.email",
    "phone": "contacts.phone",
    "address": "contacts.address",
    "contacts_public": "contacts",  # contacts are null unless the actor made them public
    "logo": "logo",
    "published": "published_at",
}
NOT_IN_API = {"legal_code", "eldership", "status", "created"}
