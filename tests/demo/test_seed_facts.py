import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone

from kaimolink.accounts.models import Coordination, User
from kaimolink.actors.enums import ActorStatus, ActorType
from kaimolink.actors.models import Actor, ActorMembership
from kaimolink.actors.selectors import DirectoryQuery, actors_filtered, moderation_queue
from kaimolink.core.models import District, Lag, Settlement
from kaimolink.core.text import lt_sort_key
from kaimolink.demo.seed_facts import CHRISTMAS_GOODS, DEMO_PASSWORD, NAMED_COMMUNITIES, build_plan

pytestmark = pytest.mark.django_db

ACCOUNTS = [
    "admin", "coordinator.kedainiai", "coordinator.dzukija", "coordinator.radviliskis",
    "member", "consultant", "evaluator",
]  # fmt: skip


@pytest.fixture
def seeded(demo_seeded_once, db):
    """The demo (tests/demo/conftest.py seeds it once for the module)."""


def _counts():
    return {
        "actors": Actor.objects.count(),
        "published": Actor.objects.published().count(),
        "themes": Actor.themes.through.objects.count(),
        "memberships": ActorMembership.objects.count(),
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
        "coordinations": Coordination.objects.count(),
        "lags": Lag.objects.count(),
        "districts": District.objects.count(),
        "settlements": Settlement.objects.count(),
    }


def test_seed_demo_publishes_at_least_120_actors_30_per_lag(seeded):
    assert Actor.objects.published().count() >= 120
    for slug in ("kedainiai", "dzukija", "radviliskis"):
        assert Actor.objects.published().filter(lag__slug=slug).count() >= 30, slug


def test_seed_demo_creates_the_three_lags_and_their_territories(seeded):
    lags = {lag.slug: lag for lag in Lag.objects.prefetch_related("districts")}
    assert lags["kedainiai"].short_name == "Kėdainių r. VVG"
    assert lags["dzukija"].name == "Dzūkijos kaimo plėtros partnerių asociacija"
    assert lags["radviliskis"].short_name == "„Radviliškio lyderis“"
    assert [d.slug for d in lags["dzukija"].districts.all()] == ["lazdiju-r"]
    assert Settlement.objects.filter(district__slug="kedainiu-r", name="Šlapaberžė").exists()
    assert Settlement.objects.count() == 33


def test_seed_demo_includes_the_six_community_organisations_of_the_seed(seeded):
    for name, settlement in NAMED_COMMUNITIES:
        actor = Actor.objects.get(name=name)
        assert actor.status == ActorStatus.PUBLISHED
        assert actor.actor_type == ActorType.COMMUNITY_ORGANISATION
        assert actor.settlement.name == settlement
        assert actor.lag.slug == "kedainiai"


def test_seed_demo_covers_every_actor_type_and_profile_field(seeded):
    published = Actor.objects.published()
    assert set(published.values_list("actor_type", flat=True)) == set(ActorType.values)
    assert published.filter(contacts_public=True).exists()
    assert published.filter(contacts_public=False).exists()
    assert not published.filter(themes__isnull=True).exists()
    for actor in published:
        assert actor.description and actor.offers and actor.seeks
        assert actor.email.endswith("@example.lt")
        assert actor.name_sort == lt_sort_key(actor.name)
        # Within ~2 km of the settlement (1 degree of latitude is 111 km).
        assert abs(actor.lat - actor.settlement.lat) < 0.02
        assert abs(actor.lon - actor.settlement.lon) < 0.035
        if actor.actor_type in (ActorType.FARMER, ActorType.BUSINESS_LICENCE):
            assert actor.legal_code is None
        else:
            assert actor.legal_code and len(actor.legal_code) == 9 and actor.legal_code.isdigit()


def test_seed_demo_leaves_pending_actors_for_every_lags_moderation(seeded):
    for slug in ("kedainiai", "dzukija", "radviliskis"):
        coordinator = User.objects.get(email=f"coordinator.{slug}@demo.kaimolink.lt")
        queue = moderation_queue(user=coordinator)
        assert queue.count() >= 2
        assert {a.lag.slug for a in queue} == {slug}


def test_seed_demo_member_owns_published_pending_and_draft_actors(seeded):
    member = User.objects.get(email="member@demo.kaimolink.lt")
    statuses = sorted(
        ActorMembership.objects.filter(user=member, role="owner").values_list(
            "actor__status", flat=True
        )
    )
    assert statuses == ["draft", "pending", "published", "published"]
    assert ActorMembership.objects.filter(
        user=member, actor__name="Josvainių bendruomenės centras"
    ).exists()


@pytest.mark.parametrize("local", ACCOUNTS)
def test_seed_demo_account_can_log_in(seeded, client, local):
    email = f"{local}@demo.kaimolink.lt"
    assert client.login(email=email, password=DEMO_PASSWORD)
    address = EmailAddress.objects.get(email=email)
    assert address.verified and address.primary


def test_seed_demo_accounts_have_their_roles(seeded):
    users = {u.email.split("@")[0]: u for u in User.objects.all()}
    assert users["admin"].is_superuser
    assert users["consultant"].is_consultant
    assert users["evaluator"].is_evaluator
    for slug in ("kedainiai", "dzukija", "radviliskis"):
        coordinator = users[f"coordinator.{slug}"]
        assert coordinator.is_staff and not coordinator.is_superuser
        assert coordinator.coordinated_lag_ids() == {Lag.objects.get(slug=slug).pk}


def test_seed_demo_actors_are_found_without_diacritics(seeded):
    found = actors_filtered(query=DirectoryQuery(q="slapaberze"))
    assert "Šlapaberžės bendruomenės centras" in {a.name for a in found}


def test_seed_demo_twice_changes_nothing(seeded, capsys):
    before = _counts()
    rows = dict(Actor.objects.values_list("slug", "updated_at"))
    call_command("seed_demo")
    assert _counts() == before
    assert dict(Actor.objects.values_list("slug", "updated_at")) == rows
    out = capsys.readouterr().out
    assert "created: nothing" in out
    assert "restored to demo content: nothing" in out
    assert "GeoNames (CC BY 4.0)" in out
    assert DEMO_PASSWORD in out


def test_seed_demo_restores_an_edited_demo_actor(seeded):
    actor = Actor.objects.get(name="Krakių bendruomenės centras")
    actor.status = ActorStatus.ARCHIVED
    actor.save()
    call_command("seed_demo", verbosity=0)
    actor.refresh_from_db()
    assert actor.status == ActorStatus.PUBLISHED


def test_build_plan_is_deterministic():
    first, second = build_plan(), build_plan()
    assert [(a.slug, a.lat, a.lon, a.legal_code) for a in first] == [
        (a.slug, a.lat, a.lon, a.legal_code) for a in second
    ]


def test_seed_demo_certifies_exactly_the_holders_of_a_licence_in_force(seeded):
    # Only the certification process certifies: the actors shown as certified are exactly
    # those holding a licence in force (the demo's businesses that went through it).
    from kaimolink.certification.selectors import licences_valid_on

    holders = set(licences_valid_on(timezone.localdate()).values_list("actor_id", flat=True))
    certified = Actor.objects.filter(certification_status="certified")
    assert holders and set(certified.values_list("pk", flat=True)) == holders
    assert not Actor.objects.exclude(pk__in=holders).exclude(certification_status="none")
    actor = Actor.objects.published().exclude(pk__in=holders).first()
    actor.certification_status = "certified"
    actor.save()
    holder = Actor.objects.get(pk=min(holders))
    holder.certification_status = "none"
    holder.save()

    call_command("seed_demo", verbosity=0)

    actor.refresh_from_db()
    holder.refresh_from_db()
    assert (actor.certification_status, holder.certification_status) == ("none", "certified")


def test_seed_demo_christmas_goods_made_by_kedainiai_district_communities(seeded):
    makers = Actor.objects.filter(offers__contains=CHRISTMAS_GOODS)
    assert makers.exists()
    assert set(makers.values_list("lag__slug", flat=True)) == {"kedainiai"}
    assert set(makers.values_list("district__name", flat=True)) == {"Kėdainių r. sav."}
    assert set(makers.values_list("actor_type", flat=True)) == {ActorType.COMMUNITY_ORGANISATION}
    assert not Actor.objects.filter(offers__icontains="kalėdin").exclude(pk__in=makers).exists()
