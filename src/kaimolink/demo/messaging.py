"""Demo conversations between actors of "Sumanaus kaimo link".

`seed_demo_messaging()` needs `demo.seed_facts.seed_demo()` (LAGs, actors, the demo member
Rūta Jankauskienė with her two published profiles). The core demo gives members only to
her profiles, so this adds four logins that act for other demo actors (same password as
every demo login) and makes them members of those actors:

    agurkai@…     Tomas Kazlauskas   MB „Kėdainių agurkai“
    medus@…       Aldona Vaitkienė   MB „Dzūkų medus“
    slapaberze@…  Regina Šimkienė    Šlapaberžės bendruomenės centras
    spanguoles@…  Darius Grigas      MB „Tyrulių spanguolės“

Four conversations: a ceramics order where both sides shared their contact details, a
honey seller asking to trade at the Josvainiai fair, two community centres planning a
visit (one side shared), and a contact request the member has not read yet.

Idempotent: people by e-mail, conversations by their pair of actors, messages by their
text within the conversation; a missing row is added, nothing is duplicated. Messages are
written directly (not through the services), so seeding sends no notifications and is
not held by the rate limits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kaimolink.demo.seed_facts import (
    MEMBER,
    SEED,
    actor_slug,
    demo_login,
    demo_user_email,
)

CERAMICS = actor_slug(f"Individuali veikla: keramikė {MEMBER.full_name}")
JOSVAINIAI = actor_slug("Josvainių bendruomenės centras")
AGURKAI = actor_slug("MB „Kėdainių agurkai“")
MEDUS = actor_slug("MB „Dzūkų medus“")
SLAPABERZE = actor_slug("Šlapaberžės bendruomenės centras")
SPANGUOLES = actor_slug("MB „Tyrulių spanguolės“")

# (e-mail local part, full name, slug of the actor they act for)
PEOPLE = [
    ("agurkai", "Tomas Kazlauskas", AGURKAI),
    ("medus", "Aldona Vaitkienė", MEDUS),
    ("slapaberze", "Regina Šimkienė", SLAPABERZE),
    ("spanguoles", "Darius Grigas", SPANGUOLES),
]


@dataclass(frozen=True)
class DemoMessage:
    actor: str  # slug of the actor writing
    author: str  # e-mail local part of the person writing
    hours_ago: int
    body: str


@dataclass(frozen=True)
class DemoConversation:
    sides: tuple[str, str]  # slugs of the actor that wrote first and of the one it wrote to
    messages: list[DemoMessage]
    shared: tuple[tuple[str, str, bool], ...] = ()  # (actor slug, by, with own e-mail)
    unread_by_member: bool = False


CONVERSATIONS = [
    DemoConversation(
        sides=(AGURKAI, CERAMICS),
        messages=[
            DemoMessage(AGURKAI, "agurkai", 240,
                "Laba diena, Rūta,\n\nruošiame kalėdinius rinkinius su raugintais agurkais ir "
                "norėtume juos dėti į molinius dubenėlius. Ar galėtumėte pagaminti apie 200 "
                "dubenėlių (apie 0,5 l) iki gruodžio vidurio? Kokia būtų kaina?\n\n"
                "Tomas, MB „Kėdainių agurkai“"),
            DemoMessage(CERAMICS, "member", 200,
                "Sveiki, Tomai,\n\načiū už pasiūlymą! 200 dubenėlių iki gruodžio 15 d. "
                "spėčiau, jei užsakymą patvirtintumėte iki lapkričio pradžios. Glazūruoto "
                "dubenėlio kaina – 7 €, su jūsų ženklu dugne – 8 €. Galiu atvežti pavyzdžių "
                "į Kėdainius."),
            DemoMessage(AGURKAI, "agurkai", 150,
                "Puiku, su ženklu dugne. Pasidalijau mūsų kontaktais – paskambinkite, "
                "susitarsime dėl pavyzdžių ir sutarties."),
            DemoMessage(CERAMICS, "member", 120,
                "Ačiū, ir aš pasidalijau savo kontaktais. Pavyzdžius atvešiu ketvirtadienį "
                "po pietų."),
        ],
        shared=((AGURKAI, "agurkai", True), (CERAMICS, "member", False)),
    ),
    DemoConversation(
        sides=(MEDUS, JOSVAINIAI),
        messages=[
            DemoMessage(MEDUS, "medus", 96,
                "Sveiki,\n\nesame bitininkai iš Seirijų. Girdėjome, kad per Jonines "
                "Josvainiuose vyksta mugė. Ar galėtume atvažiuoti su medumi ir bičių duonele? "
                "Kiek kainuoja prekybos vieta?"),
            DemoMessage(JOSVAINIAI, "member", 72,
                "Laba diena, Aldona,\n\nlabai laukiami! Vietinių ir kitų VVG teritorijų "
                "gamintojams vieta nemokama, tik reikia užsiregistruoti iki birželio 10 d. "
                "Atsivežkite savo palapinę ir stalą, elektros yra nedaug."),
            DemoMessage(MEDUS, "medus", 70,
                "Ačiū! Registruosimės. Gal galėtume per mugę surengti ir trumpą edukaciją "
                "vaikams apie bites?"),
        ],
    ),
    DemoConversation(
        sides=(JOSVAINIAI, SLAPABERZE),
        messages=[
            DemoMessage(JOSVAINIAI, "member", 48,
                "Sveiki, kaimynai!\n\nabi bendruomenės dalyvavome „Žydinčios Lietuvos“ "
                "atrankoje. Gal norėtumėte rudenį atvykti pas mus į Josvainius pasidalyti "
                "patirtimi, o pavasarį mes aplankytume Šlapaberžę?"),
            DemoMessage(SLAPABERZE, "slapaberze", 30,
                "Labai gera mintis! Galėtume atvažiuoti spalio pabaigoje, mūsų būtų apie 15 "
                "žmonių. Pasidalijau bendruomenės kontaktais – parašykite, kuri diena jums "
                "tinka."),
        ],
        shared=((SLAPABERZE, "slapaberze", False),),
    ),
    DemoConversation(
        sides=(SPANGUOLES, CERAMICS),
        messages=[
            DemoMessage(SPANGUOLES, "spanguoles", 5,
                "Laba diena,\n\nauginame spanguoles Tyruliuose ir ieškome keraminių "
                "indelių uogienei dovanų rinkiniams (apie 100 vnt. per metus). Ar tokius "
                "gaminate? Būtų smagu pasikalbėti."),
        ],
        unread_by_member=True,
    ),
]  # fmt: skip


def _people(counts: dict) -> dict:
    from kaimolink.accounts.models import User
    from kaimolink.actors.models import Actor, ActorMembership

    people = {"member": User.objects.filter(email=demo_user_email("member")).first()}
    for local, full_name, slug in PEOPLE:
        user, created = demo_login(local, full_name)
        actor = Actor.objects.filter(slug=slug).first()
        if actor is not None:
            _m, made = ActorMembership.objects.get_or_create(
                actor=actor, user=user, defaults={"role": "owner"}
            )
            counts["memberships"] += made
        counts["logins"] += created
        people[local] = user
    return people


@transaction.atomic
def seed_demo_messaging(*, seed: int = SEED, log: Callable[[str], object] = print) -> None:
    """Write the demo conversations (see the module docstring). `seed` is accepted for the
    common signature; the conversations are fixed text."""
    from kaimolink.actors.models import Actor
    from kaimolink.messaging.models import ContactShare, Conversation, Message, ReadState
    from kaimolink.messaging.selectors import ordered_pair

    counts = dict.fromkeys(("logins", "memberships", "conversations", "messages", "shares"), 0)
    people = _people(counts)
    if people["member"] is None:
        raise RuntimeError("The demo member is missing: run seed_facts.seed_demo() first.")
    slugs = {slug for c in CONVERSATIONS for slug in c.sides}
    actors = {a.slug: a for a in Actor.objects.filter(slug__in=slugs)}
    now = timezone.now()
    skipped = 0
    for plan in CONVERSATIONS:
        first = plan.messages[0]
        if not set(plan.sides) <= actors.keys():
            skipped += 1  # someone removed a demo actor: leave the rest be
            continue
        low, high = ordered_pair(*(actors[slug].pk for slug in plan.sides))
        conversation = Conversation.objects.filter(actor_low_id=low, actor_high_id=high).first()
        if conversation is None:
            conversation = Conversation.objects.create(
                actor_low_id=low, actor_high_id=high, initiator=actors[first.actor],
                started_by=people[first.author],
                last_message_at=now - timedelta(hours=first.hours_ago),
            )  # fmt: skip
            Conversation.objects.filter(pk=conversation.pk).update(
                created_at=now - timedelta(hours=first.hours_ago)
            )
            counts["conversations"] += 1
        have = set(Message.objects.filter(conversation=conversation).values_list("body", flat=True))
        for item in plan.messages:
            if item.body in have:
                continue
            message = Message.objects.create(
                conversation=conversation, sender_actor=actors[item.actor],
                author=people[item.author], body=item.body,
            )  # fmt: skip
            Message.objects.filter(pk=message.pk).update(
                created_at=now - timedelta(hours=item.hours_ago)
            )
            counts["messages"] += 1
        last = Message.objects.filter(conversation=conversation).order_by("-created_at").first()
        if last and conversation.last_message_at != last.created_at:
            Conversation.objects.filter(pk=conversation.pk).update(last_message_at=last.created_at)
        for slug, by, with_email in plan.shared:
            _share, made = ContactShare.objects.get_or_create(
                conversation=conversation, actor=actors[slug],
                defaults={"shared_by": people[by], "include_my_email": with_email},
            )  # fmt: skip
            counts["shares"] += made
        if last is not None:
            readers = {people[m.author] for m in plan.messages}
            if plan.unread_by_member:
                readers.discard(people["member"])
            for reader in readers:
                ReadState.objects.get_or_create(
                    conversation=conversation, user=reader,
                    defaults={"last_read_at": last.created_at},
                )  # fmt: skip
    made = ", ".join(f"{n} {what}" for what, n in counts.items() if n) or "nothing"
    logins = ", ".join(demo_user_email(local) for local, _n, _s in PEOPLE)
    note = f"; {skipped} skipped (demo actors missing)" if skipped else ""
    log(f"Demo messages: {len(CONVERSATIONS)} conversations; logins acting for other actors: "
        f"{logins} (same password). Created: {made}{note}.")  # fmt: skip
