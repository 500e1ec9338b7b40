"""Demo tourism services of the actors of `demo.seed_facts.seed_demo()`.

Accommodation, food, experiences and heritage around the three LAGs (Kėdainiai, Dzūkija,
Radviliškis), two routes (a walk through Kėdainiai old town; a Dzūkija lakes route by car
or bicycle) and a few enquiries: one confirmed, one waiting for the provider. Everything
goes through tourism.services (drafts sent for publication, published by the LAG's demo
coordinator). Idempotent: a service is looked up by its actor and name, an enquiry by its
service and visitor, and only what is missing is written. Enquiry dates count from today.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kaimolink.demo.seed_facts import SEED, demo_user_email

# Who offers it: an actor by name, or the first published homestead of a LAG ("@lag").
# (provider, kind, name, settlement, (lat offset, lon offset), extra fields)
SERVICES = [
    # --- Kėdainių r. VVG
    ("Individuali veikla: keramikė Rūta Jankauskienė", "experience",
     "Keramikos dirbtuvės Josvainiuose", "Josvainiai", (0.002, -0.003),
     {"description": "Dvi valandos prie žiedimo rato: nusižiedžiate puodelį, o po savaitės "
      "jį išdegtą atsiimate arba gaunate paštu. Tinka šeimoms ir grupėms.",
      "capacity": 12, "languages": ["lt", "en"], "price": Decimal("25"),
      "price_text": "asmeniui, su moliu ir išdegimu", "opening_hours": "Šeštadieniais 10–16 val.",
      "season_months": [], "accessibility": "Dirbtuvės pirmame aukšte, įvažiavimas be laiptų."}),
    ("@kedainiai", "accommodation", "Sodyba prie Nevėžio", "Kėdainiai", (0.03, 0.05),
     {"description": "Keturi dviviečiai kambariai, pirtis ir valtis. Pusryčiams – vietos "
      "ūkių sūris, medus ir duona.", "capacity": 8, "languages": ["lt", "en", "ru"],
      "price": Decimal("60"), "price_text": "už naktį dviem, su pusryčiais",
      "season_months": [5, 6, 7, 8, 9], "accessibility": "Vienas kambarys pirmame aukšte."}),
    ("MB „Kėdainių agurkai“", "food", "Agurkų degustacija ir ūkio pietūs", "Kėdainiai",
     (-0.01, 0.02),
     {"description": "Rauginti, marinuoti ir švieži Kėdainių agurkai, šaltibarščiai ir "
      "bulviniai blynai ūkio kieme.", "capacity": 30, "languages": ["lt"],
      "price": Decimal("15"), "price_text": "asmeniui", "season_months": [6, 7, 8, 9],
      "opening_hours": "Iš anksto susitarus"}),
    ("Josvainių bendruomenės centras", "heritage", "Kėdainių senamiesčio rotušė",
     "Kėdainiai", (0.0002, -0.0003),
     {"description": "XVII a. rotušė Didžiosios Rinkos aikštėje – senamiesčio širdis.",
      "languages": ["lt", "en"], "opening_hours": "Visada matoma iš aikštės",
      "address": "Didžioji Rinkos a., Kėdainiai"}),
    ("Josvainių bendruomenės centras", "route", "Kėdainių senamiesčio pasivaikščiojimas",
     "Kėdainiai", (0.0, 0.0),
     {"description": "Pusantros valandos pėsčiomis su gidu: rinkos aikštės, rotušė, "
      "sinagogos ir minaretas.", "capacity": 25, "languages": ["lt", "en"],
      "price": Decimal("40"), "price_text": "už grupę iki 25 žmonių",
      "season_months": [4, 5, 6, 7, 8, 9, 10], "opening_hours": "Kasdien susitarus"}),
    # --- Dzūkijos VVG
    ("@dzukija", "accommodation", "Sodyba prie Seirijo ežero", "Seirijai", (0.01, -0.01),
     {"description": "Namelis ant ežero kranto, pirtis, valtys ir dviračiai svečiams.",
      "capacity": 10, "languages": ["lt", "pl", "en"], "price": Decimal("80"),
      "price_text": "už naktį nameliui", "season_months": [5, 6, 7, 8, 9]}),
    ("MB „Dzūkiškas šakotis“", "experience", "Šakočio kepimo edukacija", "Lazdijai",
     (0.004, 0.006),
     {"description": "Kepame šakotį ant žarijų kaip dzūkų šeimininkės; kiekvienas "
      "išsineša savo gabalėlį.", "capacity": 30, "languages": ["lt", "pl"],
      "price": Decimal("12"), "price_text": "asmeniui", "opening_hours": "Susitarus"}),
    ("MB „Dzūkų medus“", "food", "Medaus degustacija bityne", "Seirijai", (-0.006, 0.01),
     {"description": "Šilų ir pievų medus, bičių duonelė ir pasakojimas apie dzūkų "
      "drevinę bitininkystę.", "capacity": 15, "languages": ["lt"],
      "price_text": "Kaina pagal grupės dydį", "season_months": [6, 7, 8]}),
    ("MB „Dzūkų medus“", "route", "Dzūkijos ežerų maršrutas", "Lazdijai", (0.0, 0.0),
     {"description": "Automobiliu ar dviračiu: Lazdijai – Seirijai – Veisiejai – "
      "Kapčiamiestis, pakeliui ežerai ir gamintojai.", "languages": ["lt", "pl"],
      "season_months": [5, 6, 7, 8, 9]}),
    # --- „Radviliškio lyderis“
    ("@radviliskis", "accommodation", "Sodyba prie Tyrulių pelkės", "Tyruliai",
     (0.01, 0.02),
     {"description": "Trys kambariai ir palapinių vieta; ryte – paukščių stebėjimas "
      "pelkėje.", "capacity": 9, "languages": ["lt", "en", "de"], "price": Decimal("45"),
      "price_text": "už naktį kambariui", "season_months": [4, 5, 6, 7, 8, 9, 10]}),
    ("MB „Tyrulių spanguolės“", "heritage", "Tyrulių pelkės apžvalgos bokštas", "Tyruliai",
     (-0.01, -0.02),
     {"description": "Bokštas ir pažintinis takas prie buvusių durpynų, kur peri gervės.",
      "languages": ["lt"], "opening_hours": "Visada atviras",
      "accessibility": "Takas lentomis, bokšte laiptai."}),
    ("MB „Tyrulių spanguolės“", "event", "Spanguolių šventė", "Tyruliai", (0.002, 0.003),
     {"description": "Spanguolių rinkimas, degustacijos ir vietos gamintojų turgelis.",
      "capacity": 200, "languages": ["lt"], "price": Decimal("5"),
      "price_text": "įėjimas, vaikams nemokamai"}),
]  # fmt: skip

# Route stops: route name -> [(place, lat, lon, service name or None, note)]
STOPS = {
    "Kėdainių senamiesčio pasivaikščiojimas": [
        ("Didžioji Rinkos aikštė", 55.2883, 23.9744, None, "Seniausia miesto aikštė."),
        ("Senoji rotušė", 55.2885, 23.9747, "Kėdainių senamiesčio rotušė", ""),
        ("Šv. Jurgio bažnyčia", 55.2874, 23.9779, None, "Gotikinė bažnyčia prie Nevėžio."),
        ("Didžioji ir Mažoji sinagogos", 55.2867, 23.9762, None, "Daugiakultūris miestas."),
        ("Kėdainių minaretas", 55.2937, 23.9697, None, "Vienintelis minaretas Lietuvoje."),
    ],
    "Dzūkijos ežerų maršrutas": [
        ("Lazdijai", 54.2333, 23.5167, "Šakočio kepimo edukacija", "Šakotis ant žarijų."),
        ("Seirijo ežeras", 54.2333, 23.8167, "Sodyba prie Seirijo ežero", ""),
        ("Veisiejai", 54.1000, 23.7000, None, "Veisiejų ežeras ir dvaro parkas."),
        ("Kapčiamiestis", 54.0000, 23.6500, None, "Emilijos Pliaterytės kapas."),
    ],
}

# (service name, visitor name, e-mail local part, days ahead, nights, people, state, note)
ENQUIRIES = [
    ("Keramikos dirbtuvės Josvainiuose", "Agnė Vaitkutė", "agne.vaitkute", 21, 0, 4,
     "confirmed", "Laukiame jūsų šeštadienį 10 val."),
    ("Keramikos dirbtuvės Josvainiuose", "Tomas Žukas", "tomas.zukas", 30, 0, 6,
     "requested", ""),
    ("Kėdainių senamiesčio pasivaikščiojimas", "Jonas Petrauskas", "jonas.petrauskas", 14, 0,
     18, "requested", ""),
]  # fmt: skip


def _provider(key: str):
    from kaimolink.actors.models import Actor

    published = Actor.objects.filter(status="published")
    if key.startswith("@"):
        return (
            published.filter(lag__slug=key[1:], name__startswith="Kaimo turizmo sodyba")
            .order_by("name_sort", "id")
            .first()
        )
    return published.filter(name=key).first()


@transaction.atomic
def seed_demo_tourism(*, seed: int = SEED, log: Callable[[str], object] = print) -> None:
    """Write the demo services, routes and enquiries that are missing. Needs
    `demo.seed_facts.seed_demo()` to have run. Writes one line of counts through `log`."""
    from kaimolink.accounts.models import User
    from kaimolink.core.models import Settlement
    from kaimolink.tourism import services
    from kaimolink.tourism.enums import ServiceStatus
    from kaimolink.tourism.models import Enquiry, TourismService

    created, skipped, by_name = 0, [], {}
    for key, kind, name, place, (dlat, dlon), extra in SERVICES:
        actor = _provider(key)
        settlement = Settlement.objects.filter(
            name=place, district__lags=actor.lag_id if actor else None
        ).first()
        if actor is None or settlement is None:
            skipped.append(name)
            continue
        service = TourismService.objects.filter(actor=actor, name=name).first()
        if service is None:
            data = {"kind": kind, "name": name, "settlement": settlement, **extra}
            data["lat"] = round(settlement.lat + dlat, 5)
            data["lon"] = round(settlement.lon + dlon, 5)
            if kind == "event":
                start = timezone.localtime().replace(hour=11, minute=0, second=0, microsecond=0)
                data["starts_at"] = start + timedelta(days=45)
                data["ends_at"] = data["starts_at"] + timedelta(hours=6)
            service = services.service_save(actor=actor, by=None, data=data)
            created += 1
        if service.status == ServiceStatus.DRAFT:
            coordinator = User.objects.filter(
                email=demo_user_email(f"coordinator.{actor.lag.slug}")
            ).first()
            services.service_move(
                service=service, to=ServiceStatus.PENDING, by=None, as_coordinator=False
            )
            service = services.service_move(
                service=service, to=ServiceStatus.PUBLISHED, by=coordinator, as_coordinator=True
            )
        by_name[name] = service

    stops = 0
    for route_name, rows in STOPS.items():
        route = by_name.get(route_name)
        if route is None or route.stops.exists():
            continue
        for place, lat, lon, service_name, note in rows:
            services.stop_add(
                route=route, name=place, lat=lat, lon=lon, note=note,
                service=by_name.get(service_name) if service_name else None,
            )  # fmt: skip
            stops += 1

    member = User.objects.filter(email=demo_user_email("member")).first()
    enquiries = 0
    today = timezone.localdate()
    for name, visitor, local, ahead, nights, people, state, reply in ENQUIRIES:
        service = by_name.get(name)
        if service is None or Enquiry.objects.filter(service=service, visitor_name=visitor):
            continue
        enquiry = services.enquiry_create(
            service=service,
            date_from=today + timedelta(days=ahead),
            date_to=today + timedelta(days=ahead + nights),
            party_size=people,
            name=visitor,
            email=f"{local}@example.lt",
            consent=True,
            note="Ar tiktų šios dienos?",
        )
        if state != "requested":
            services.enquiry_transition(
                enquiry=enquiry, to=state, side=services.PROVIDER, by=member, note=reply
            )
        enquiries += 1
    line = f"Tourism: {created} services, {stops} route stops, {enquiries} enquiries created"
    log(line + (f"; skipped (provider missing): {', '.join(skipped)}" if skipped else ""))
