"""Demo virtual fairs of Kėdainių r. VVG: one past (with its reports' data), one open now.

`seed_demo_fairs()` needs `demo.seed_facts.seed_demo()` (the LAG, its coordinator, the demo
member and her actors, the Kėdainiai communities that make Christmas goods) and the askers
of `demo.consultations`. Everything goes through the services (market products, fairs,
applications, booths, questions, meetings); what happened during the past fair is written
"as of" its days (`now=`), then its time stamps are set to those days, as the other demos
do. Idempotent: fairs are found by title, products by seller and name, questions by booth
and text, meeting times by booth and start, orders by seller, buyer and note; a second run
creates nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kaimolink.demo.seed_facts import CHRISTMAS_GOODS, SEED, demo_user_email

LAG = "kedainiai"
COORDINATOR = "coordinator.kedainiai"
MEMBER = "member"
VISITORS = ["ukininkas.petras", "bendruomene.jurgita", "sodyba.ramune", "consultant"]
CERAMICS = "Individuali veikla: keramikė Rūta Jankauskienė"  # the demo member's own
CENTRE = "Josvainių bendruomenės centras"  # which the demo member chairs

# What each kind of exhibitor sells: (category, name, description, price, unit)
CHRISTMAS_PRODUCTS = [
    ("crafts", "Rankų darbo kalėdiniai atvirukai", "Atvirukai su džiovintais augalais ir "
     "siuvinėjimu; kiekvienas vis kitoks.", "2.50", "vnt."),
    ("crafts", "Kalėdiniai žaisliukai iš šiaudų", "Šiaudiniai sodai, žvaigždutės ir angeliukai "
     "eglutei.", "4.00", "vnt."),
    ("food", "Imbieriniai sausainiai dėžutėje", "Kepti bendruomenės namuose pagal senelių "
     "receptą, papuošti glaistu.", "6.00", "dėžutė"),
]  # fmt: skip
# The seed's "handmade Christmas cards, envelopes and toys made by Kėdainiai district rural
# communities that can be ordered": the envelopes are in the catalogue, not at the fair.
ENVELOPES = ("crafts", "Rankų darbo vokai", "Vokai iš perdirbto popieriaus, dekoruoti "
             "rankomis; tinka atvirukams ir dovanų kortelėms.", "1.50", "vnt.")  # fmt: skip
CATALOGUE = {
    "title": "Kalėdiniai rankų darbo gaminiai",
    "intro": "Kėdainių rajono kaimo bendruomenių rankų darbo kalėdiniai atvirukai, vokai ir "
    "žaisliukai, kuriuos galima užsisakyti.",
    "order_instructions": "Užsakykite prie kiekvieno gaminio paspaudę „Užsakyti“: pardavėjas "
    "patvirtins užsakymą ir praneš, kada galima atsiimti. Mokama pavedimu arba atsiimant "
    "bendruomenės namuose; siunčiame ir paštu.",
}
CERAMICS_PRODUCTS = [
    ("crafts", "Keramikinis puodelis su eglute", "Žiestas ir glazūruotas Josvainiuose.",
     "14.00", "vnt."),
    ("crafts", "Molinis varpelis", "Rankomis lipdytas, su lininiu kaspinu.", "7.50", "vnt."),
]  # fmt: skip
AUTUMN_PRODUCTS = [
    ("food", "Rudens obuolių sūris", "Džiovintas obuolių sūris su riešutais.", "5.00",
     "vnt."),
    ("food", "Raugintų kopūstų stiklainis", "Rauginti su morkomis ir kmynais.", "3.20",
     "0,8 l"),
]  # fmt: skip

FAIRS = {
    "past": {
        "title": "Rudens gėrybių mugė",
        "theme": "Rudens derlius",
        "description": "Kėdainių krašto ūkininkų, amatininkų ir bendruomenių rudens gėrybės: "
        "obuolių sūris, rauginti kopūstai, medus ir keramika. Klauskite gamintojų ir "
        "užsisakykite iš jų tiesiai.",
        "categories": ["food", "crafts"],
        "days": (-45, -38),
    },
    "open": {
        "title": "Kalėdinė rankų darbo mugė",
        "theme": "Kalėdos",
        "description": "Kėdainių rajono kaimiškųjų bendruomenių rankų darbo kalėdiniai "
        "atvirukai, vokai, žaisliukai ir kepiniai. Gaminius galima užsisakyti iš kiekvieno "
        "stendo, o šeštadieniais susitikti gyvai Kėdainių senojoje rinkos aikštėje.",
        "categories": ["crafts", "food"],
        "days": (-2, 12),
    },
}

# (fair, exhibitor key, visitor, question, answer or "")
QUESTIONS = [
    ("past", "ceramics", "sodyba.ramune", "Ar galėtumėte pagaminti 12 puodelių sodybos "
     "svečiams su mūsų ženklu?", "Taip, per tris savaites. Parašykite, kokio ženklo norite."),
    ("past", "community", "ukininkas.petras", "Ar obuolių sūris be cukraus?",
     "Dedame truputį medaus, cukraus – ne."),
    ("open", "community", "bendruomene.jurgita", "Ar sausainius galite atsiųsti paštu į "
     "Radviliškį?", "Taip, siunčiame paštu; užsakykite per užsakymo formą."),
    ("open", "ceramics", "ukininkas.petras", "Ar varpelius galima užsakyti su vardais?",
     "Galima, iki gruodžio 18 d."),
    ("open", "christmas1", "sodyba.ramune", "Kiek atvirukų galite padaryti iki Kalėdų?", ""),
]  # fmt: skip


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _users() -> dict:
    from kaimolink.accounts.models import User

    found = {
        u.email: u
        for u in User.objects.filter(
            email__in=[demo_user_email(x) for x in [COORDINATOR, MEMBER, *VISITORS]]
        )
    }
    users = {key: found.get(demo_user_email(key)) for key in [COORDINATOR, MEMBER, *VISITORS]}
    if users[COORDINATOR] is None or users[MEMBER] is None:
        raise RuntimeError("The demo accounts are missing: run seed_facts.seed_demo() first.")
    return {k: v for k, v in users.items() if v is not None}


def _product(actor, spec, coordinator, counts):
    from kaimolink.market import services as market
    from kaimolink.market.enums import ProductStatus
    from kaimolink.market.models import Product

    category, name, description, price, unit = spec
    product = Product.objects.filter(actor=actor, name=name).first()
    if product is None:
        data = {
            "kind": "product", "category": category, "name": name,
            "description": description, "price": Decimal(price), "unit": unit,
            "availability": "in_stock", "quantity": 40, "pickup": True,
        }  # fmt: skip
        product = market.product_save(actor=actor, by=coordinator, data=data)
        counts["products"] += 1
    if product.status == ProductStatus.DRAFT:
        product = market.product_move(
            product=product, to=ProductStatus.PENDING, by=coordinator, as_coordinator=False
        )
    if product.status == ProductStatus.PENDING:
        product = market.product_move(
            product=product, to=ProductStatus.PUBLISHED, by=coordinator, as_coordinator=True
        )
    return product


def _exhibitors() -> dict:
    from kaimolink.actors.models import Actor

    published = Actor.objects.published().filter(lag__slug=LAG)
    christmas = list(
        published.filter(offers__contains=CHRISTMAS_GOODS)
        .exclude(name=CENTRE)
        .order_by("name_sort")[:2]
    )
    return {
        "ceramics": published.filter(name=CERAMICS).first(),
        "community": published.filter(name=CENTRE).first(),
        **{f"christmas{n}": actor for n, actor in enumerate(christmas, start=1)},
    }


def _fair(key, lag, users, counts, today):
    from kaimolink.core.models import Settlement
    from kaimolink.fairs import services
    from kaimolink.fairs.models import Fair

    spec = FAIRS[key]
    fair = Fair.objects.filter(title=spec["title"]).first()
    if fair is not None:
        return fair
    first, last = spec["days"]
    data = {
        "title": spec["title"],
        "theme": spec["theme"],
        "description": spec["description"],
        "categories": spec["categories"],
        "opens_at": _at(today + timedelta(days=first), 9),
        "closes_at": _at(today + timedelta(days=last), 20),
        "status": "published",
    }
    if key == "open":
        data["settlement"] = Settlement.objects.filter(
            name="Kėdainiai", district__name="Kėdainių r. sav."
        ).first()
        data["address"] = "Didžiosios Rinkos aikštė"
    fair = services.fair_save(by=users[COORDINATOR], data=data, lags=[lag])
    counts["fairs"] += 1
    if key == "open":
        for offset in (3, 10):  # two Saturdays-like days, live in Kėdainiai
            day = today + timedelta(days=offset)
            services.session_add(fair=fair, day=day, starts=time(10), ends=time(14),
                                 note="Gyvai Kėdainių senojoje rinkos aikštėje")  # fmt: skip
    return fair


def _booth(fair, actor, specs, users, counts, as_of):
    from kaimolink.fairs import services
    from kaimolink.fairs.models import Booth, ExhibitorApplication

    coordinator = users[COORDINATOR]
    member = users[MEMBER]
    by = member if actor.memberships.filter(user=member).exists() else coordinator
    application = ExhibitorApplication.objects.filter(fair=fair, actor=actor).first()
    if application is None:
        application = services.apply(
            fair=fair, actor=actor, by=by, note="Atvešime savo gaminius.", now=as_of
        )
        counts["applications"] += 1
    if application.state == "pending":
        services.decide(application=application, accept=True, by=coordinator)
    booth = Booth.objects.select_related("fair", "actor").get(fair=fair, actor=actor)
    if not booth.presentation:
        products = [_product(actor, spec, coordinator, counts) for spec in specs]
        services.booth_save(
            booth=booth,
            data={
                "presentation": f"{actor.name}: {actor.description}".strip()[:1500],
                "live_hours": "Šeštadieniais 10–14 val.",
            },
            products=[p for p in products if p.category in fair.categories],
            now=as_of,
        )
        counts["booths"] += 1
    return booth


def _questions(fair_key, fair, booths, users, counts):
    from kaimolink.fairs import services
    from kaimolink.fairs.models import BoothQuestion

    for key, exhibitor, visitor, text, answer in QUESTIONS:
        booth = booths.get(exhibitor)
        if key != fair_key or booth is None or visitor not in users:
            continue
        question = BoothQuestion.objects.filter(booth=booth, text=text).first()
        asked = fair.opens_at + timedelta(hours=3 + len(text) % 20)
        if question is None:
            question = services.question_ask(booth=booth, by=users[visitor], text=text, now=asked)
            BoothQuestion.objects.filter(pk=question.pk).update(created_at=asked)
            counts["questions"] += 1
        answerer = next((m.user for m in booth.actor.memberships.select_related("user")), None)
        if answer and not question.answer and answerer is not None:
            services.question_answer(
                question=question, by=answerer, text=answer, now=asked + timedelta(hours=2)
            )


def _meetings(fair, booths, users, counts, now):
    from kaimolink.fairs import services
    from kaimolink.fairs.models import MeetingBooking, MeetingSlot

    visitors = [users[v] for v in VISITORS if v in users]
    past = fair.closes_at <= now
    first = fair.opens_at.date() + timedelta(days=1) if past else now.date() + timedelta(days=1)
    for n, booth in enumerate(b for b in booths.values() if b is not None):
        for k in range(3):
            starts = _at(first + timedelta(days=k), 11 + n)
            if starts >= fair.closes_at:
                continue
            slot = MeetingSlot.objects.filter(booth=booth, starts_at=starts).first()
            if slot is None:
                slot = services.slot_add(
                    booth=booth, starts_at=starts, ends_at=starts + timedelta(minutes=30),
                    place="Vaizdo skambutis arba telefonu",
                )  # fmt: skip
                counts["meeting times"] += 1
            if k < 2 and visitors and not MeetingBooking.objects.filter(slot=slot).exists():
                services.slot_book(
                    slot=slot,
                    person=visitors[(n + k) % len(visitors)],
                    topic="Noriu užsakyti dovanų",
                    now=starts - timedelta(days=1),
                )
                counts["meetings"] += 1


def _past_traces(fair, booths, counts):
    """Visits and orders of the past fair, on its days."""
    from kaimolink.fairs import services
    from kaimolink.market import services as market
    from kaimolink.market.models import Order

    for n, booth in enumerate(b for b in booths.values() if b is not None):
        if not booth.visits.exists():
            day = fair.opens_at.date()
            while day <= fair.closes_at.date():
                for _visit in range(3 + (day.day + n) % 9):
                    services.visit_count(booth=booth, day=day)
                day += timedelta(days=1)
            counts["visit days"] += 1
        products = list(booth.products.all().order_by("pk"))
        for k, product in enumerate(products[:2]):
            note = f"Užsakyta „{fair.title}“ metu"
            name = ["Aldona Kavaliauskienė", "Tomas Rimkus"][k]
            if Order.objects.filter(seller=booth.actor, buyer_name=name, note=note).exists():
                continue
            order = market.order_create(
                seller=booth.actor,
                lines=[market.OrderLine(product, 1 + k)],
                name=name,
                phone="+37060000000",
                consent=True,
                note=note,
            )
            Order.objects.filter(pk=order.pk).update(
                created_at=fair.opens_at + timedelta(days=1 + k, hours=n)
            )
            counts["orders"] += 1


def _christmas_catalogue(lag, exhibitors, users, counts, today) -> None:
    """The LAG's seasonal catalogue of the communities' Christmas goods, open from two weeks
    ago to the end of the year (a month ahead in other seasons), through the services."""
    from kaimolink.market import services as market
    from kaimolink.market.models import SeasonalCatalogue

    coordinator = users[COORDINATOR]
    makers = [exhibitors[k] for k in ("christmas1", "christmas2") if exhibitors.get(k)]
    specs = [*CHRISTMAS_PRODUCTS[:2], ENVELOPES]
    products = [_product(actor, spec, coordinator, counts) for actor in makers for spec in specs]
    starts_on = today - timedelta(days=14)
    ends_on = max(date(today.year, 12, 31), today + timedelta(days=30))
    data = {**CATALOGUE, "starts_on": starts_on, "ends_on": ends_on}
    found = SeasonalCatalogue.objects.filter(lag=lag, title=CATALOGUE["title"]).first()
    unchanged = (
        found is not None
        and set(found.products.all()) == set(products)
        and all(getattr(found, name) == value for name, value in data.items())
    )
    if not unchanged:
        market.catalogue_save(
            lag=lag, by=coordinator, data=data, products=products, catalogue=found
        )
        counts["catalogue" if found is None else "catalogue restored"] += 1


@transaction.atomic
def seed_demo_fairs(
    *, seed: int = SEED, log: Callable[[str], object] = print, today: date | None = None
) -> None:
    """Write the demo fairs. Idempotent. `today` (default: the local date) places them."""
    from kaimolink.core.models import Lag

    today = today or timezone.localdate()
    now = timezone.now()
    counts: Counter = Counter()
    users = _users()
    lag = Lag.objects.get(slug=LAG)
    exhibitors = _exhibitors()
    specs = {
        "ceramics": CERAMICS_PRODUCTS,
        "community": CHRISTMAS_PRODUCTS[2:] + AUTUMN_PRODUCTS,
        "christmas1": CHRISTMAS_PRODUCTS,
        "christmas2": CHRISTMAS_PRODUCTS[:2],
    }
    for key in ("past", "open"):
        fair = _fair(key, lag, users, counts, today)
        as_of = fair.opens_at + timedelta(hours=1)
        booths = {
            k: _booth(fair, actor, specs[k], users, counts, as_of)
            for k, actor in exhibitors.items()
            if actor is not None
        }
        _questions(key, fair, booths, users, counts)
        _meetings(fair, booths, users, counts, now)
        if key == "past":
            _past_traces(fair, booths, counts)
    _christmas_catalogue(lag, exhibitors, users, counts, today)
    made = ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "nothing new"
    log(f"Demo fairs: „{FAIRS['past']['title']}“ (past), „{FAIRS['open']['title']}“ (open "
        f"now); created: {made}.")  # fmt: skip
