"""Synthetic data at scale for benchmarks: N LAGs, each with a district and ~20 settlements,
and any number of published actors spread over them, and (`products`) products and
services of the local market spread over those actors.

Names and texts come from the same builders as the demo data (demo.seed_facts), with
generated Lithuanian-looking place names, so search, filters and the map behave as they
would on real data. Rows are written with `bulk_create` in batches; the values that
`save()` would compute (`name_sort`, `search_text`, `search_name`, `search_stems`) are
computed here in Python with exactly the same functions and no per-row query
(tests/demo/test_scale.py compares them with `Actor.refresh_search_fields` and
`Product.refresh_search_fields`).

Scale data is marked by the "scale-" prefix of its LAG and district slugs (actors belong
to those LAGs). `seed_scale` refuses to add to existing scale data unless `reset=True`,
which first deletes the earlier scale data.
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from django.db import connection, models, transaction
from django.utils.text import slugify

from kaimolink.core.pagecache import public_pages_changed
from kaimolink.core.search import search_copies, stems_of
from kaimolink.core.text import fold, lt_sort_key
from kaimolink.demo import seed_facts as demo
from kaimolink.demo.seed_facts import Place

SCALE_PREFIX = "scale-"
BATCH_SIZE = 5000
# A LAG takes a town and up to 22 villages: 100 LAGs fit the pool of place names
# (len(ROOTS) * len(ENDINGS) * len(NUMERALS) = 4 500) with room for real settlements.
MAX_LAGS = 100

# Lithuania's bounding box (approximately; it includes a little of the neighbours).
LAT_MIN, LAT_MAX = 53.9, 56.45
LON_MIN, LON_MAX = 21.0, 26.8

# Place names: a root and an ending, with the ending's genitive.
ROOTS = [
    "Alksn", "Ąžuol", "Berž", "Gerv", "Liep", "Pušal", "Eglin", "Rud", "Smilg", "Vilk",
    "Kalv", "Šilal", "Dvar", "Pal", "Žal", "Rag", "Mišk", "Bal", "Varn", "Kiaun", "Lūk",
    "Daug", "Pievel", "Tausk", "Žvirg", "Šilėn", "Ramon", "Svil", "Garl", "Mank", "Dub",
    "Stirn", "Kriaun", "Gaiž", "Šarn", "Upel", "Lankel", "Akmen", "Kėkšt", "Gegūž", "Ešer",
    "Lyn", "Karkl", "Ievel", "Šerm", "Obel", "Klev", "Jovar", "Vyšn", "Lazdyn", "Sėl",
    "Meškuž", "Vilkel", "Kurp", "Verb", "Riešut", "Tilž", "Dovil", "Linkm", "Žiogel",
]  # fmt: skip
ENDINGS = [
    ("iai", "ių"), ("ėnai", "ėnų"), ("onys", "onių"), ("iškis", "iškio"), ("iškiai", "iškių"),
    ("ava", "avos"), ("uva", "uvos"), ("ynė", "ynės"), ("elė", "elės"), ("kalnis", "kalnio"),
    ("upis", "upio"), ("ai", "ų"), ("ėliai", "ėlių"), ("aičiai", "aičių"), ("ališkiai", "ališkių"),
]  # fmt: skip
# Numbered names once the pool of root + ending runs out (villages such as "Bajorai II").
NUMERALS = ["", " II", " III", " IV", " V"]
# How often each kind of actor appears (community organisations in every settlement, too).
KIND_WEIGHTS = {
    "community": 18, "farmer": 24, "business": 12, "homestead": 5, "trade": 14,
    "community_business": 9, "social": 5, "public": 7, "other": 6,
}  # fmt: skip
_SPACES = re.compile(r"\s+")


class ScaleError(Exception):
    """Scale data cannot be written as asked; the message says why."""


@dataclass
class ScaleResult:
    lags: int = 0
    districts: int = 0
    settlements: int = 0
    actors: int = 0
    actor_themes: int = 0
    products: int = 0
    deleted_actors: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def place_names(rng: random.Random, count: int, taken: set[str]) -> list[tuple[str, str]]:
    """`count` distinct (nominative, genitive) place names not in `taken` (which grows).

    Random picks from the finite pool of root + ending names; when those run out, the same
    names numbered as Lithuanian villages are ("Alksniai II"). Raises ScaleError when even
    the numbered names run out, instead of looking for ever.
    """
    names: list[tuple[str, str]] = []
    for numeral in NUMERALS:
        free = [
            (root + ending + numeral, root + genitive + numeral)
            for root in ROOTS
            for ending, genitive in ENDINGS
            if root + ending + numeral not in taken
        ]
        while free and len(names) < count:
            name, genitive = free.pop(rng.randrange(len(free)))
            taken.add(name)
            names.append((name, genitive))
        if len(names) == count:
            return names
    raise ScaleError(f"Not enough distinct place names for {count} more settlements.")


@lru_cache(maxsize=100_000)
def _fold(text: str) -> str:
    return fold(text)


def _fold_join(parts) -> str:
    """fold(" ".join(parts)), from cached folds of the parts (they repeat a lot).

    Folding works character by character and squeezes whitespace, so folding the parts
    and joining them with single spaces gives the same string.
    """
    return _SPACES.sub(" ", " ".join(_fold(p) for p in parts if p)).strip()


@lru_cache(maxsize=100_000)
def _sort_key(name: str) -> str:
    return lt_sort_key(name)


def _delete_scale_data() -> int:
    """Delete earlier scale data (LAGs and districts whose slug starts with SCALE_PREFIX)."""
    from kaimolink.actors.models import Actor
    from kaimolink.core.models import District, Lag, Settlement
    from kaimolink.market.models import Product

    lag_ids = list(Lag.objects.filter(slug__startswith=SCALE_PREFIX).values_list("pk", flat=True))
    actors = Actor.objects.filter(lag_id__in=lag_ids)
    deleted = 0
    if lag_ids:
        # The market's products of scale actors (hundreds of thousands) first, the same way.
        _clear_references(Product, Product.objects.filter(actor__in=actors))
        _delete_where(Product, "actor_id IN (SELECT id FROM {actors} WHERE lag_id IN ({ids}))",
                      lag_ids)  # fmt: skip
        _clear_references(Actor, actors)
        deleted = _delete_where(Actor, "lag_id IN ({ids})", lag_ids)
    Settlement.objects.filter(district__slug__startswith=SCALE_PREFIX).delete()
    Lag.objects.filter(pk__in=lag_ids).delete()
    District.objects.filter(slug__startswith=SCALE_PREFIX).delete()
    return deleted


def _clear_references(model, rows) -> None:
    """Cascade or null the rows that point at `rows` (memberships, log entries, many-to-many
    links, and whatever other apps add), so that `rows` can go in one statement instead of
    through Django's collector, which would load every row."""
    for rel in model._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        related = rel.related_model._base_manager.filter(**{f"{rel.field.name}__in": rows})
        if rel.on_delete is models.CASCADE:
            related.delete()
        elif rel.on_delete is models.SET_NULL:
            related.update(**{rel.field.name: None})
        elif related.exists():
            raise ScaleError(
                f"{rel.related_model._meta.label} rows refer to scale data; delete them first."
            )


def _delete_where(model, condition: str, lag_ids: list[int]) -> int:
    from kaimolink.actors.models import Actor

    table = connection.ops.quote_name(model._meta.db_table)
    where = condition.format(
        actors=connection.ops.quote_name(Actor._meta.db_table),
        ids=", ".join(["%s"] * len(lag_ids)),
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {where}", lag_ids)
        return cursor.rowcount


def scale_data_exists() -> bool:
    from kaimolink.core.models import District, Lag

    return (
        Lag.objects.filter(slug__startswith=SCALE_PREFIX).exists()
        or District.objects.filter(slug__startswith=SCALE_PREFIX).exists()
    )


def seed_scale(
    *, lags: int, actors: int, products: int = 0, reset: bool = False, seed: int = 7,
    batch_size: int = BATCH_SIZE, log=None,
) -> ScaleResult:  # fmt: skip
    """Write `lags` synthetic LAGs and `actors` published actors spread over them, and
    `products` market products and services of those actors.

    Raises ScaleError when scale data exists already and `reset` is false. All or nothing:
    one transaction. On PostgreSQL the tables are analysed afterwards (and vacuumed when
    not inside an outer transaction), so the planner knows the new sizes at once.
    """
    if not 1 <= lags <= MAX_LAGS or actors < 0 or products < 0:
        raise ScaleError(f"Give 1 to {MAX_LAGS} LAGs and zero or more actors and products.")
    if products and not actors:
        raise ScaleError("Products need actors to sell them: give --actors too.")
    log = log or (lambda message: None)
    result = ScaleResult()
    started = time.perf_counter()
    with transaction.atomic():
        if scale_data_exists():
            if not reset:
                raise ScaleError("Scale data exists already: run again with --reset to replace it.")
            result.deleted_actors = _delete_scale_data()
            log(f"deleted earlier scale data ({result.deleted_actors} actors)")
        result.seconds["delete"] = time.perf_counter() - started
        rng = random.Random(seed)
        territories = _write_territories(rng, lags, result)
        result.seconds["territories"] = time.perf_counter() - started
        _write_actors(rng, territories, actors, batch_size, result, log)
        result.seconds["actors"] = time.perf_counter() - started
        if products:
            _write_products(rng, territories, products, batch_size, result, log)
        result.seconds["products"] = time.perf_counter() - started
    public_pages_changed()  # bulk_create sends no signals
    _analyse()
    result.seconds["total"] = time.perf_counter() - started
    return result


@dataclass
class _Territory:
    lag: object
    district: object
    settlements: list  # of (Settlement, Place)
    weights: list


def _write_territories(rng: random.Random, count: int, result: ScaleResult) -> list[_Territory]:
    from kaimolink.core.models import District, Lag, Settlement

    taken = set(Settlement.objects.values_list("name", flat=True))
    taken |= {name for name, _ in demo.DISTRICTS}
    existing_districts = set(District.objects.values_list("name", flat=True))
    existing_lags = set(Lag.objects.values_list("name", flat=True))
    territories = []
    for i in range(1, count + 1):
        while True:
            ((town, town_gen),) = place_names(rng, 1, taken)
            district_name = f"{town_gen} r. sav."
            lag_name = f"{town_gen} rajono vietos veiklos grupė"
            if district_name not in existing_districts and lag_name not in existing_lags:
                break
        key = slugify(fold(town_gen))
        district = District(name=district_name, slug=f"{SCALE_PREFIX}{i:03d}-{key}-r",
                            name_sort=lt_sort_key(district_name))  # fmt: skip
        district.save()  # a handful of rows: save() is clearer than bulk_create here
        lag = Lag(
            name=lag_name, short_name=f"{town_gen} r. VVG", slug=f"{SCALE_PREFIX}{i:03d}-{key}",
            email=f"{key}.vvg@example.lt", phone=demo.phone_number(rng),
            website=f"https://{key}-vvg.example.lt", address=f"Vilniaus g. 1, {town}",
        )  # fmt: skip
        lag.save()
        lag.districts.add(district)
        # The district's town first, then villages within ~25 km of it.
        lat = rng.uniform(LAT_MIN + 0.25, LAT_MAX - 0.25)
        lon = rng.uniform(LON_MIN + 0.4, LON_MAX - 0.4)
        names = [(town, town_gen), *place_names(rng, rng.randint(17, 22), taken)]
        places = []
        for n, (name, genitive) in enumerate(names):
            if n == 0:
                p_lat, p_lon = lat, lon
            else:
                p_lat = min(LAT_MAX, max(LAT_MIN, lat + rng.uniform(-0.22, 0.22)))
                p_lon = min(LON_MAX, max(LON_MIN, lon + rng.uniform(-0.38, 0.38)))
            places.append(Place(name, genitive, round(p_lat, 4), round(p_lon, 4)))
        settlements = Settlement.objects.bulk_create(
            Settlement(name=p.name, name_genitive=p.genitive, district=district, lat=p.lat,
                       lon=p.lon, name_sort=lt_sort_key(p.name),
                       search_name=fold(f"{p.name} {p.genitive}"))
            for p in places
        )  # fmt: skip
        weights = [6] + [1 + rng.random() * 2 for _ in places[1:]]  # the town has more actors
        territories.append(_Territory(lag, district, list(zip(settlements, places, strict=True)),
                                      weights))  # fmt: skip
        result.lags += 1
        result.districts += 1
        result.settlements += len(settlements)
    return territories


def _write_actors(rng, territories, count, batch_size, result, log) -> None:
    from kaimolink.actors.enums import ActorStatus, ActorType
    from kaimolink.actors.models import Actor
    from kaimolink.core.models import Theme

    themes = {t.slug: t for t in Theme.objects.all()}
    # refresh_search_fields() lists an actor's themes in Theme's default order.
    theme_rank = {slug: rank for rank, slug in enumerate(themes)}
    theme_text = {slug: f"{t.name_lt} {t.name_en}" for slug, t in themes.items()}
    # The type label in the active language, as Actor.refresh_search_fields() writes it.
    type_label = {value: str(label) for value, label in ActorType.choices}
    kinds = list(KIND_WEIGHTS)
    kind_weights = list(KIND_WEIGHTS.values())
    Through = Actor.themes.through
    base_day = datetime(2022, 1, 10, 9, 0, tzinfo=demo.VILNIUS)
    done = 0
    seq = 0
    while done < count:
        batch = []
        batch_themes = []
        for _ in range(min(batch_size, count - done)):
            seq += 1
            territory = territories[seq % len(territories)]
            settlement, place = rng.choices(territory.settlements, territory.weights)[0]
            kind = rng.choices(kinds, kind_weights)[0]
            text = demo.kind_text(rng, kind, place)
            text.themes.sort(key=theme_rank.__getitem__)
            lat, lon = demo.jitter(rng, place.lat, place.lon)
            public = rng.random() < 0.4
            published_at = base_day + timedelta(minutes=rng.randint(0, 60 * 24 * 1400))
            lag_label = str(territory.lag)
            place_text = f"{settlement.name} {territory.district.name}"
            name_slug = slugify(_fold(text.name))[:200]
            search_text = _fold_join(
                [
                    text.name,
                    place_text,
                    lag_label,
                    text.description,
                    text.offers,
                    text.seeks,
                    type_label[text.actor_type],
                    *(theme_text[s] for s in text.themes),
                ]
            )  # fmt: skip
            # No certification status: it is derived from licences, which only the
            # certification process issues, and scale data holds none. The draw that once
            # chose a made-up status is kept, so every actor drawn after it stays the same.
            if text.actor_type == "community_business":
                rng.random()
            actor = Actor(
                name=text.name,
                name_sort=_sort_key(text.name),
                slug=f"{name_slug}-s{seq}",
                actor_type=text.actor_type,
                legal_code=f"9{seq:08d}" if text.organisation else None,
                lag_id=territory.lag.pk,
                district_id=territory.district.pk,
                settlement_id=settlement.pk,
                lat=lat,
                lon=lon,
                description=text.description,
                offers=text.offers,
                seeks=text.seeks,
                email=f"{name_slug[:30].strip('-')}.{seq}@example.lt",
                phone=demo.phone_number(rng) if public else "",
                contacts_public=public,
                contacts_consent_at=published_at if public else None,
                status=ActorStatus.PUBLISHED,
                published_at=published_at,
                search_name=_fold_join([text.name, place_text])[:400],
                search_text=search_text,
                search_stems=stems_of(search_text),
            )
            batch.append(actor)
            batch_themes.append(text.themes)
        Actor.objects.bulk_create(batch, batch_size=batch_size)
        links = [
            Through(actor_id=actor.pk, theme_id=themes[slug].pk)
            for actor, slugs in zip(batch, batch_themes, strict=True)
            for slug in slugs
        ]
        Through.objects.bulk_create(links, batch_size=batch_size * 2)
        done += len(batch)
        result.actors += len(batch)
        result.actor_themes += len(links)
        log(f"  {done} / {count} actors")


# Products and services of the market, by category: (name, what the description says).
PRODUCTS = {
    "food": [
        ("liepų medus", "Liepų medus iš mūsų bityno, stiklainiais."),
        ("grikių medus", "Tamsus grikių medus, kopiamas rugpjūtį."),
        ("rūkytas sūris", "Ūkyje rūkytas karvės pieno sūris su kmynais."),
        ("varškės sūris", "Šviežias varškės sūris, gaminamas kasdien."),
        ("ruginė duona", "Ant kiškio kepta ruginė duona su kmynais."),
        ("šakotis", "Šventinis šakotis, kepamas ant ugnies."),
        ("obuolių sultys", "Spaustos obuolių sultys be cukraus, pasterizuotos."),
        ("braškių uogienė", "Braškių uogienė iš mūsų laukų."),
        ("spanguolių sirupas", "Pelkių spanguolių sirupas, virtas mažais kiekiais."),
        ("džiovinti baravykai", "Miške rinkti ir džiovinti baravykai."),
        ("naminis kastinys", "Žemaitiškas kastinys su česnaku."),
        ("ožkų pieno jogurtas", "Natūralus ožkų pieno jogurtas."),
    ],
    "crafts": [
        ("kalėdiniai atvirukai", "Rankų darbo kalėdiniai atvirukai su bendruomenės piešiniais."),
        ("rankų darbo vokai", "Vokai iš perdirbto popieriaus, dekoruoti rankomis."),
        ("medinis žaislas", "Medinis žaislas vaikams, dažytas natūraliais dažais."),
        ("pintas krepšys", "Iš karklų vytelių pintas krepšys."),
        ("lininė staltiesė", "Austa lininė staltiesė su tautiniais raštais."),
        ("molinis ąsotis", "Žiedtu žiestas ir degtas molinis ąsotis."),
        ("vilnonės pirštinės", "Megztos vilnonės pirštinės su raštais."),
        ("šiaudinis sodas", "Tradicinis šiaudinis sodas šventėms."),
        ("verbos", "Vilniaus verbos iš džiovintų žolynų."),
    ],
    "home_garden": [
        ("daržovių daigai", "Pomidorų, agurkų ir paprikų daigai pavasarį."),
        ("obelų sodinukai", "Senųjų Lietuvos veislių obelų sodinukai."),
        ("vaško žvakės", "Bičių vaško žvakės, lietos rankomis."),
        ("medinė lesyklėlė", "Medinė lesyklėlė paukščiams žiemą."),
        ("skaldytos malkos", "Sausos beržinės malkos, pristatome."),
    ],
    "services": [
        ("kubilo nuoma", "Kubilo nuoma su pristatymu į sodybą."),
        ("audimo dirbtuvės", "Audimo staklėmis dirbtuvės grupėms."),
        ("duonos kepimo edukacija", "Edukacija: kepame duoną senoviniu būdu."),
        ("šienavimo paslaugos", "Pievų šienavimas ir žolės išvežimas."),
    ],
    "tourism": [
        ("pažintinis žygis su gidu", "Žygis po apylinkes su vietos gidu."),
        ("nakvynė sodyboje", "Nakvynė kaimo turizmo sodyboje prie ežero."),
        ("baidarių nuoma", "Baidarių nuoma ir pervežimas upe."),
        ("pirties ritualai", "Pirties ritualai su vantomis ir žolelių arbata."),
    ],
    "other": [
        ("dovanų krepšelis", "Vietos gamintojų dovanų krepšelis."),
        ("kalėdinė dovanų dėžutė", "Kalėdinė dėžutė: medus, arbata ir žvakė."),
    ],
}
CATEGORY_WEIGHTS = {"food": 40, "crafts": 25, "home_garden": 10, "services": 10, "tourism": 10,
                    "other": 5}  # fmt: skip
PRODUCT_SIZES = ["", " 0,5 kg", " 1 kg", ", didelis", ", mažas", " – dovanų rinkinys"]
MORE_TEXT = [
    "Atsiimti galima ūkyje.", "Siunčiame paštu visoje Lietuvoje.", "Užsakymus priimame iš anksto.",
    "Gaminame pagal užsakymą.", "Sezoninis gaminys.", "Regioninis gaminys.", "",
]  # fmt: skip


def _write_products(rng, territories, count, batch_size, result, log) -> None:
    """`count` products and services spread over the scale actors, as product_save() writes
    them; 90 % published, the rest drafts or waiting for the coordinator."""
    from kaimolink.actors.models import Actor
    from kaimolink.market.enums import Availability, Category, ProductKind, ProductStatus
    from kaimolink.market.models import Product

    lag_ids = [t.lag.pk for t in territories]
    places = {s.pk: place for t in territories for s, place in t.settlements}
    sellers = list(
        Actor.objects.filter(lag_id__in=lag_ids).values_list(
            "id", "name", "lag_id", "settlement_id"
        )
    )
    # The category label in the active language, as Product.refresh_search_fields() writes it.
    category_label = {value: str(label) for value, label in Category.choices}
    categories = list(CATEGORY_WEIGHTS)
    category_weights = list(CATEGORY_WEIGHTS.values())
    base_day = datetime(2024, 1, 10, 9, 0, tzinfo=demo.VILNIUS)
    done = 0
    while done < count:
        batch = []
        for _ in range(min(batch_size, count - done)):
            seq = done + len(batch) + 1
            actor_id, actor_name, lag_id, settlement_id = sellers[rng.randrange(len(sellers))]
            place = places[settlement_id]
            category = rng.choices(categories, category_weights)[0]
            noun, text = rng.choice(PRODUCTS[category])
            name = f"{place.genitive} {noun}{rng.choice(PRODUCT_SIZES)}"
            description = f"{text} {rng.choice(MORE_TEXT)} {place.name}.".replace("  ", " ")
            availability = rng.choices(list(Availability), [70, 20, 10])[0]
            organic = "Ekologiškas, sertifikavo Ekoagros" if rng.random() < 0.1 else ""
            delivery_area = f"{place.genitive} apylinkės" if rng.random() < 0.3 else ""
            status = rng.choices(
                [ProductStatus.PUBLISHED, ProductStatus.DRAFT, ProductStatus.PENDING], [90, 6, 4]
            )[0]  # fmt: skip
            price_on_request = rng.random() < 0.1
            created = base_day + timedelta(minutes=rng.randint(0, 60 * 24 * 700))
            search_text, search_stems = search_copies(
                " ".join([name, description, category_label[category], organic, actor_name])
            )
            batch.append(
                Product(
                    actor_id=actor_id,
                    lag_id=lag_id,
                    kind=ProductKind.SERVICE
                    if category in ("services", "tourism")
                    else ProductKind.PRODUCT,
                    category=category,
                    name=name,
                    name_sort=_sort_key(name),
                    slug=f"{slugify(_fold(name))[:180]}-p{seq}",
                    description=description,
                    price=None if price_on_request else Decimal(rng.randint(100, 5000)) / 100,
                    unit="vnt." if category != "food" else "kg",
                    price_on_request=price_on_request,
                    availability=availability,
                    quantity=rng.randint(0, 40) if availability == Availability.IN_STOCK else None,
                    lead_time_days=rng.randint(2, 30)
                    if availability == Availability.TO_ORDER
                    else None,
                    season_months=sorted(rng.sample(range(1, 13), 3))
                    if availability == Availability.SEASONAL
                    else [],
                    pickup=rng.random() < 0.8,
                    pickup_settlement_id=settlement_id,
                    delivery_area=delivery_area,
                    delivers=bool(delivery_area.strip()),
                    by_post=rng.random() < 0.25,
                    regional=rng.random() < 0.05,
                    organic_claim=organic,
                    status=status,
                    search_text=search_text,
                    search_stems=search_stems,
                    published_at=created if status == ProductStatus.PUBLISHED else None,
                )
            )
        Product.objects.bulk_create(batch, batch_size=batch_size)
        done += len(batch)
        result.products += len(batch)
        log(f"  {done} / {count} products")


def _analyse() -> None:
    """Give PostgreSQL's planner fresh statistics for the tables just filled."""
    if connection.vendor != "postgresql":
        return
    from kaimolink.actors.models import Actor
    from kaimolink.core.models import District, Lag, Settlement
    from kaimolink.market.models import Product

    models_ = [Actor, Actor.themes.through, Settlement, Lag, Lag.districts.through, District,
               Product]  # fmt: skip
    tables = [connection.ops.quote_name(m._meta.db_table) for m in models_]
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            cursor.execute(f"ANALYZE {', '.join(tables)}")
        else:
            # Outside a transaction also VACUUM: it sets the visibility map (index-only scans
            # for counts) and flushes the GIN pending lists, as autovacuum soon would.
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")
