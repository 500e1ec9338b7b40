"""The demo offers and requests: realistic, idempotent, and their suggestions make sense."""

import pytest
from django.utils import translation

from kaimolink.demo.partnerships import POSTS, seed_demo_partnerships
from kaimolink.demo.seed_facts import seed_demo
from kaimolink.notifications.models import Notification
from kaimolink.partnerships import matching
from kaimolink.partnerships.models import PartnershipPost

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed_demo()
    lines = []
    seed_demo_partnerships(seed=2026, log=lines.append)
    return lines


def snapshot():
    return sorted(
        (p.actor_id, p.title, p.kind, p.area, p.ends_on, p.status, p.search_text,
         tuple(sorted(t.slug for t in p.themes.all())))
        for p in PartnershipPost.objects.prefetch_related("themes")
    )  # fmt: skip


def suggestions(title):
    post = PartnershipPost.objects.select_related("actor__settlement").get(title=title)
    with translation.override("en"):
        return matching.suggestions_for_post(post)


def test_demo_posts_cover_the_three_lags_and_both_kinds(seeded):
    assert "31 created" in seeded[0] and "skipped" not in seeded[0]
    posts = PartnershipPost.objects.select_related("actor__lag")
    assert 25 <= posts.count() <= 35 and posts.count() == len(POSTS)
    assert {p.actor.lag.slug for p in posts} == {"kedainiai", "dzukija", "radviliskis"}
    assert {p.kind for p in posts} == {"offer", "request"}
    assert all(p.actor.status == "published" and p.status == "open" for p in posts)
    assert not Notification.objects.exists()


def test_demo_is_idempotent(seeded):
    before = snapshot()
    lines = []
    seed_demo_partnerships(seed=2026, log=lines.append)
    assert snapshot() == before
    assert lines == ["Partnership posts: 0 created, 0 updated"]


def test_demo_restores_an_edited_post(seeded):
    post = PartnershipPost.objects.get(title="Ieškome ruginių miltų tiekėjo")
    post.description = "Pakeista"
    post.status = "closed"
    post.save()
    seed_demo_partnerships(seed=2026, log=lambda line: None)
    post.refresh_from_db()
    assert post.status == "open" and "akmeninėmis girnomis" in post.description


def test_demo_suggestions_make_sense(seeded):
    honey = suggestions("Ieškome medaus gamintojo regioniniam dovanų krepšeliui")
    assert honey[0].actor.name == "Ūkininkės Rasos Butkienės ūkis"
    assert honey[0].reason.startswith("offers: medus")
    bags = suggestions("Ieškome lininių maišelių medaus dovanų rinkiniams")
    assert {s.actor.name for s in bags[:2]} == {
        "Krosnos bendruomenės siuvykla", "Rudaminos bendruomenės siuvykla",
    }  # fmt: skip
    flour = suggestions("Ieškome ruginių miltų tiekėjo")
    assert flour[0].actor.name == "UAB „Surviliškio malūnas“"
    solar = suggestions("Ieškome partnerių saulės elektrinei ant bendruomenės namų stogo")
    assert solar[0].actor.name == "UAB „Pašušvio saulė“"
    # A honey producer of the same LAG beats the bigger one 165 km away.
    radviliskis = suggestions("Ieškome medaus gamintojo bendram dovanų rinkiniui")
    assert radviliskis[0].actor.lag.slug == "radviliskis"
    assert "medus" in radviliskis[0].reason
