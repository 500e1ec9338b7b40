"""The rules of virtual fairs: who applies, when questions are asked, a slot booked once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kaimolink.fairs import services
from kaimolink.fairs.enums import ApplicationState, FairStatus
from kaimolink.fairs.models import Booth, MeetingBooking
from kaimolink.notifications.models import Notification
from tests.factories import ActorFactory, LagFactory, UserFactory
from tests.fairs.factories import make_fair, make_world
from tests.market.factories import ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_fair_must_close_after_it_opens_and_take_market_categories():
    world = make_world()
    now = timezone.now()
    data = {"title": "Mugė", "opens_at": now, "closes_at": now - timedelta(hours=1)}
    with pytest.raises(services.FairError, match="close after it opens"):
        services.fair_save(by=world.coordinator, data=data, lags=[world.lag])
    data["closes_at"] = now + timedelta(days=1)
    with pytest.raises(services.FairError, match="categories"):
        services.fair_save(
            by=world.coordinator, data={**data, "categories": ["ginklai"]}, lags=[world.lag]
        )
    with pytest.raises(services.FairError, match="at least one LAG"):
        services.fair_save(by=world.coordinator, data=data, lags=[])


def test_applying_is_once_for_actors_of_the_fairs_lags_and_a_refusal_needs_a_reason():
    world = make_world()
    with pytest.raises(services.FairError, match="already applied"):
        services.apply(fair=world.fair, actor=world.actor, by=world.owner)
    stranger = ActorFactory(lag=LagFactory(), owners=[UserFactory()])
    with pytest.raises(services.FairError, match="for actors of"):
        services.apply(fair=world.fair, actor=stranger, by=world.owner)
    neighbour = ActorFactory(lag=world.lag, owners=[UserFactory()])
    application = services.apply(fair=world.fair, actor=neighbour, by=world.owner)
    assert Notification.objects.filter(recipient=world.coordinator).exists()
    with pytest.raises(services.FairError, match="Say why"):
        services.decide(application=application, accept=False, by=world.coordinator)
    services.decide(
        application=application, accept=False, by=world.coordinator, reason="Ne ta kategorija."
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.REFUSED
    assert not Booth.objects.filter(actor=neighbour).exists()
    with pytest.raises(services.FairError, match="already decided"):
        services.decide(application=application, accept=True, by=world.coordinator)


def test_a_draft_or_past_fair_takes_no_applications():
    world = make_world()
    actor = ActorFactory(lag=world.lag)
    draft = make_fair(world.lag, world.coordinator, title="Juodraštis", status=FairStatus.DRAFT)
    with pytest.raises(services.FairError, match="not published"):
        services.apply(fair=draft, actor=actor, by=world.owner)
    past = make_fair(world.lag, world.coordinator, when="past", title="Praėjusi")
    with pytest.raises(services.FairError, match="over"):
        services.apply(fair=past, actor=actor, by=world.owner)


def test_questions_only_while_open_and_answered_only_by_members():
    world = make_world()
    question = services.question_ask(booth=world.booth, by=world.visitor, text="Ar siunčiate?")
    assert Notification.objects.filter(recipient=world.owner).count() >= 1
    with pytest.raises(services.FairError, match="Only the exhibitor"):
        services.question_answer(question=question, by=world.visitor, text="Taip")
    services.question_answer(question=question, by=world.owner, text="Taip, paštu.")
    question.refresh_from_db()
    assert question.answer == "Taip, paštu."
    assert Notification.objects.filter(recipient=world.visitor).exists()
    later = world.fair.closes_at + timedelta(minutes=1)
    with pytest.raises(services.FairError, match="only while the fair is open"):
        services.question_ask(booth=world.booth, by=world.visitor, text="Dar?", now=later)
    with pytest.raises(services.FairError, match="only while the fair is open"):
        services.question_answer(question=question, by=world.owner, text="Taip", now=later)
    with pytest.raises(services.FairError, match="Write your question"):
        services.question_ask(booth=world.booth, by=world.visitor, text="   ")


def test_booth_brings_only_its_own_published_products_of_the_fairs_categories():
    world = make_world()
    other = ProductFactory(name="Svetimas")
    with pytest.raises(services.FairError, match="only your published"):
        services.booth_save(booth=world.booth, data={}, products=[other])
    tour = ProductFactory(actor=world.actor, name="Ekskursija", category="tourism")
    with pytest.raises(services.FairError, match="only your published"):
        services.booth_save(booth=world.booth, data={}, products=[tour])
    with pytest.raises(services.FairError, match="https://"):
        services.booth_save(
            booth=world.booth, data={"video_url": "javascript:alert(1)"}, products=[]
        )
    services.booth_save(
        booth=world.booth,
        data={"video_url": "https://video.example.lt/v/1", "presentation": "Sveiki"},
        products=world.products[:1],
    )
    assert list(world.booth.products.all()) == world.products[:1]


def test_a_slot_is_booked_once_and_not_by_the_exhibitor():
    world = make_world()
    start = timezone.now() + timedelta(days=1)
    slot = services.slot_add(
        booth=world.booth, starts_at=start, ends_at=start + timedelta(minutes=30)
    )
    with pytest.raises(services.FairError, match="own booth"):
        services.slot_book(slot=slot, person=world.owner)
    services.slot_book(slot=slot, person=world.visitor, topic="Dovanų krepšeliai")
    with pytest.raises(services.FairError, match="Someone has just booked"):
        services.slot_book(slot=slot, person=UserFactory())
    assert MeetingBooking.objects.filter(slot=slot).count() == 1
    with pytest.raises(services.FairError, match="while the fair is open"):
        services.slot_add(
            booth=world.booth,
            starts_at=world.fair.closes_at,
            ends_at=world.fair.closes_at + timedelta(hours=1),
        )
    with pytest.raises(services.FairError, match="has passed"):
        services.slot_book(slot=slot, person=UserFactory(), now=start + timedelta(minutes=1))


def test_favourite_toggles_and_visits_are_counted_per_day():
    world = make_world()
    assert services.favourite_toggle(booth=world.booth, person=world.visitor) is True
    assert services.favourite_toggle(booth=world.booth, person=world.visitor) is False
    services.visit_count(booth=world.booth)
    services.visit_count(booth=world.booth)
    services.visit_count(booth=world.booth, day=timezone.localdate() - timedelta(days=1))
    assert sorted(world.booth.visits.values_list("count", flat=True)) == [1, 2]
