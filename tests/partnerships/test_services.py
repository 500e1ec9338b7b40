"""Services: notifications of a new request, limits, and the GDPR functions."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kaimolink.accounts.services import account_erase
from kaimolink.actors.enums import ActorStatus
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.models import Notification
from kaimolink.partnerships import gdpr, matching, services
from kaimolink.partnerships.enums import Area, PostKind, PostStatus
from kaimolink.partnerships.models import PartnershipPost
from tests.factories import ActorFactory, LagFactory, SettlementFactory, UserFactory, theme
from tests.partnerships.factories import PostFactory

pytestmark = pytest.mark.django_db


def data(**over) -> dict:
    values = {
        "kind": PostKind.REQUEST,
        "title": "Ieškome medaus gamintojo",
        "description": "Regioniniam dovanų krepšeliui.",
        "area": Area.PLATFORM,
        "ends_on": timezone.localdate() + datetime.timedelta(days=20),
    }
    values.update(over)
    return values


def at(lag, lat, **kwargs):
    settlement = SettlementFactory(district=lag.districts.first(), lat=lat, lon=23.9)
    return ActorFactory(lag=lag, settlement=settlement, **kwargs)


@pytest.fixture
def scene():
    """The asker and its member; honey producers near and far; a linen maker; a stranger."""
    lag = LagFactory()
    author, co_member = UserFactory(), UserFactory()
    asker = at(lag, 55.3, owners=[author, co_member])
    honey_people = [UserFactory(), UserFactory()]
    honey = at(lag, 55.35, name="Bitininkas", offers="Liepų medus", owners=honey_people,
               themes=[theme("short-supply-chains")])  # fmt: skip
    both = UserFactory()  # a member of the honey farm and of a weak match
    honey.memberships.create(user=both)
    weak = at(LagFactory(), 56.9, name="Toli", offers="Medus", owners=[both])
    linen_person = UserFactory()
    at(lag, 55.35, name="Linas", offers="Lininiai maišeliai", owners=[linen_person],
       themes=[theme("short-supply-chains")])  # fmt: skip
    return {"author": author, "co_member": co_member, "asker": asker, "honey": honey,
            "honey_people": honey_people, "both": both, "weak": weak,
            "linen_person": linen_person}  # fmt: skip


def recipients(kind=Kind.PARTNERSHIP_MATCH) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_new_request_notifies_members_of_good_suggestions_only(scene):
    post = services.post_create(
        by=scene["author"], actor=scene["asker"], data=data(),
        themes=[theme("short-supply-chains")],
    )  # fmt: skip
    expected = {u.email for u in [*scene["honey_people"], scene["both"]]}
    assert recipients() == expected  # not the far weak match, the linen maker, the asker
    note = Notification.objects.filter(recipient=scene["both"]).get()
    assert note.params == {"actor": "Bitininkas", "title": post.title}
    assert note.url == post.get_absolute_url()
    assert note.title_msgid == "A request that %(actor)s could answer: %(title)s"


def test_far_weak_match_stays_under_the_threshold(scene):
    post = PostFactory(actor=scene["asker"], title="Ieškome medaus")
    found = {s.actor.name: s.score for s in matching.suggestions_for_post(post)}
    assert found["Toli"] < services.NOTIFY_MIN_SCORE <= found["Bitininkas"]


def test_offer_notifies_nobody(scene):
    services.post_create(by=scene["author"], actor=scene["asker"],
                         data=data(kind=PostKind.OFFER, title="Siūlome medų"))  # fmt: skip
    assert recipients() == set()


def test_author_is_not_notified_even_as_member_of_a_suggested_actor(scene):
    scene["honey"].memberships.create(user=scene["author"])
    services.post_create(by=scene["author"], actor=scene["asker"], data=data())
    assert scene["author"].email not in recipients()
    assert recipients()


def test_notifications_vanish_with_a_rolled_back_post(scene):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.post_create(by=scene["author"], actor=scene["asker"], data=data())
        raise RuntimeError
    assert recipients() == set() and not PartnershipPost.objects.exists()
    assert mail.outbox == []


def test_service_refuses_non_members_and_unpublished_actors(scene):
    with pytest.raises(services.PartnershipError):
        services.post_create(by=UserFactory(), actor=scene["asker"], data=data())
    scene["asker"].status = ActorStatus.PENDING
    scene["asker"].save()
    with pytest.raises(services.PartnershipError):
        services.post_create(by=scene["author"], actor=scene["asker"], data=data())
    assert not PartnershipPost.objects.exists()


@pytest.mark.parametrize(
    "over",
    [
        {"title": " "},
        {"ends_on": timezone.localdate() - datetime.timedelta(days=1)},
        {"ends_on": None},
        {"kind": "gift"},
    ],
)
def test_service_refuses_bad_data(scene, over):
    with pytest.raises(services.PartnershipError):
        services.post_create(by=scene["author"], actor=scene["asker"], data=data(**over))
    assert not PartnershipPost.objects.exists()


def test_posting_is_rate_limited_per_person(scene, monkeypatch):
    monkeypatch.setattr(services, "POSTS_PER_HOUR", 2)
    for _n in range(2):
        services.post_create(by=scene["author"], actor=scene["asker"], data=data(kind="offer"))
    with pytest.raises(services.PartnershipError, match="Per daug skelbimų per valandą"):
        services.post_create(by=scene["author"], actor=scene["asker"], data=data(kind="offer"))
    # Another member of the same actor is counted on their own.
    services.post_create(by=scene["co_member"], actor=scene["asker"], data=data(kind="offer"))
    assert PartnershipPost.objects.count() == 3


def test_update_keeps_status_and_refuses_hidden(scene):
    post = PostFactory(actor=scene["asker"])
    services.post_update(post=post, by=scene["author"], data={"title": "Kitas pavadinimas"})
    post.refresh_from_db()
    assert post.title == "Kitas pavadinimas" and post.status == PostStatus.OPEN
    post.status = PostStatus.HIDDEN
    post.save()
    with pytest.raises(services.PartnershipError):
        services.post_update(post=post, by=scene["author"], data={"title": "Vėl"})


# --- GDPR --------------------------------------------------------------------------------------


def test_personal_data_lists_the_posts_the_person_wrote(scene):
    mine = PostFactory(actor=scene["asker"], created_by=scene["author"], title="Mano",
                       themes=[theme("rural-jobs")])  # fmt: skip
    PostFactory(actor=scene["asker"], created_by=scene["co_member"], title="Kolegos")
    exported = gdpr.personal_data(scene["author"])["partnership_posts"]
    assert [p["title"] for p in exported] == ["Mano"]
    assert exported[0]["themes"] == ["rural-jobs"]
    assert exported[0]["actor"] == scene["asker"].name
    assert exported[0]["ends_on"] == mine.ends_on.isoformat()


def test_erase_keeps_posts_with_the_actor(scene):
    post = PostFactory(actor=scene["asker"], created_by=scene["author"])
    services.post_close(post=post, by=scene["author"])
    gdpr.erase(scene["author"])
    post.refresh_from_db()
    assert post.created_by is None and post.closed_by is None and post.actor == scene["asker"]


def test_account_erase_leaves_the_post_without_its_author(scene):
    post = PostFactory(actor=scene["asker"], created_by=scene["co_member"])
    account_erase(user=scene["co_member"])
    post.refresh_from_db()
    assert post.created_by_id is None
