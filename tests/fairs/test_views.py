"""The pages of virtual fairs: the hall and booth, the exhibitor's and coordinator's sides,
404 for other people's ids, bad input answered with a message, fixed query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kaimolink.fairs import services
from kaimolink.fairs.enums import ApplicationState
from kaimolink.fairs.models import BoothQuestion, BoothVisit, ExhibitorApplication, Fair
from kaimolink.market.enums import Category
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.fairs.factories import make_world
from tests.helpers.queries import count_queries
from tests.market.factories import ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def booth_url(world, name="fairs:booth", **extra):
    return reverse(name, kwargs={"slug": world.fair.slug, "booth_id": world.booth.pk, **extra})


def test_list_shows_open_upcoming_and_past_fairs(client):
    world = make_world()
    body = client.get(reverse("fairs:index")).content.decode()
    assert world.fair.title in body
    assert "Open now" in body or "Vyksta dabar" in body


def test_hall_filters_booths_by_category_and_lag_and_rejects_bad_values(client):
    world = make_world()
    other = ActorFactory(lag=world.lag, owners=[UserFactory()], name="Žolininkų ūkis")
    application = services.apply(fair=world.fair, actor=other, by=world.owner)
    _a, booth = services.decide(application=application, accept=True, by=world.coordinator)
    booth.products.set([ProductFactory(actor=other, name="Arbata", category=Category.FOOD)])
    url = world.fair.get_absolute_url()
    names = lambda r: [b.actor.name for b in r.context["booths"]]  # noqa: E731
    assert names(client.get(url)) == [world.actor.name, other.name]
    world.booth.products.set([world.products[0]])  # crafts only now
    assert names(client.get(url, {"category": "food"})) == [other.name]
    assert names(client.get(url, {"category": "crafts", "lag": world.lag.slug})) == [
        world.actor.name
    ]
    assert names(client.get(url, {"lag": LagFactory().slug})) == []
    bad = client.get(url, {"category": "ginklai"})
    assert bad.status_code == 400


def test_hall_and_booth_pages_read_a_fixed_number_of_queries(client):
    world = make_world()
    booth = count_queries(client, booth_url(world))  # the first visit: counted, in the session
    hall = count_queries(client, world.fair.get_absolute_url())
    for n in range(4):
        actor = ActorFactory(lag=world.lag, owners=[UserFactory()])
        app = services.apply(fair=world.fair, actor=actor, by=world.owner)
        _a, b = services.decide(application=app, accept=True, by=world.coordinator)
        b.products.set([ProductFactory(actor=actor, name=f"Gaminys {n}")])
        services.question_ask(booth=world.booth, by=UserFactory(), text=f"Klausimas {n}")
        start = timezone.now() + timedelta(days=1, hours=n)
        services.slot_add(booth=world.booth, starts_at=start, ends_at=start + timedelta(hours=1))
    world.booth.products.add(ProductFactory(actor=world.actor, name="Trečias"))
    assert count_queries(client, world.fair.get_absolute_url()) == hall
    assert count_queries(client, booth_url(world)) <= booth  # the visit is not counted again
    assert hall <= 12


def test_a_visit_is_counted_once_a_day_per_visitor_and_not_for_members(client):
    world = make_world()
    client.get(booth_url(world))
    client.get(booth_url(world))
    assert BoothVisit.objects.get(booth=world.booth).count == 1
    client.force_login(world.owner)
    client.get(booth_url(world))
    assert BoothVisit.objects.get(booth=world.booth).count == 1


def test_a_visitor_asks_and_the_member_answers_on_the_desk(client):
    world = make_world()
    client.force_login(world.visitor)
    response = client.post(booth_url(world, "fairs:ask"), {"text": "Ar turite didesnių?"})
    assert response.status_code == 302
    question = BoothQuestion.objects.get()
    empty = client.post(booth_url(world, "fairs:ask"), {"text": ""})
    assert empty.status_code == 400
    assert "Write your question" in empty.content.decode()
    # The visitor is not a member: the desk and the answer are 404.
    assert client.get(booth_url(world, "fairs:booth_desk")).status_code == 404
    answer_url = booth_url(world, "fairs:answer", question_id=question.pk)
    assert client.post(answer_url, {"text": "Taip"}).status_code == 404
    client.force_login(world.owner)
    assert client.get(booth_url(world, "fairs:booth_desk")).status_code == 200
    assert client.post(answer_url, {"text": "Taip, turime."}).status_code == 302
    assert BoothQuestion.objects.get().answer == "Taip, turime."


def test_other_peoples_ids_answer_404(client):
    world = make_world()
    other = make_world()
    client.force_login(world.owner)
    # A booth of another fair under this fair's address, another booth's desk, a question
    # of another booth: all 404.
    assert (
        client.get(
            reverse("fairs:booth", kwargs={"slug": world.fair.slug, "booth_id": other.booth.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "fairs:booth_desk", kwargs={"slug": other.fair.slug, "booth_id": other.booth.pk}
            )
        ).status_code
        == 404
    )
    question = services.question_ask(booth=other.booth, by=other.visitor, text="?")
    assert (
        client.post(
            booth_url(world, "fairs:answer", question_id=question.pk), {"text": "x"}
        ).status_code
        == 404
    )
    slot_start = timezone.now() + timedelta(days=1)
    slot = services.slot_add(
        booth=other.booth, starts_at=slot_start, ends_at=slot_start + timedelta(hours=1)
    )
    assert client.post(booth_url(world, "fairs:book", slot_id=slot.pk)).status_code == 404
    booking = services.slot_book(slot=slot, person=other.visitor)
    assert (
        client.post(reverse("fairs:booking_cancel", kwargs={"booking_id": booking.pk})).status_code
        == 404
    )


def test_coordinator_of_another_lag_gets_404_on_the_fairs_coordinator_pages(client):
    world = make_world()
    stranger = make_coordinator(LagFactory())
    client.force_login(stranger)
    slug = world.fair.slug
    for name in ("fairs:fair_edit", "fairs:applications", "fairs:report"):
        assert client.get(reverse(name, kwargs={"slug": slug})).status_code == 404, name
    application = ExhibitorApplication.objects.get()
    decide = reverse("fairs:decide", kwargs={"slug": slug, "application_id": application.pk})
    assert client.post(decide, {"decision": "refuse", "reason": "x"}).status_code == 404
    client.force_login(world.coordinator)
    for name in ("fairs:fair_edit", "fairs:applications", "fairs:report"):
        assert client.get(reverse(name, kwargs={"slug": slug})).status_code == 200, name


def test_coordinator_creates_a_fair_and_bad_input_keeps_what_was_typed(client):
    lag = LagFactory()
    coordinator = make_coordinator(lag)
    client.force_login(coordinator)
    url = reverse("fairs:fair_new")
    data = {
        "title": "Velykinė mugė",
        "lags_chosen": [lag.pk],
        "categories": ["food"],
        "opens_at": "2026-04-01T10:00",
        "closes_at": "2026-03-01T10:00",
        "status": "draft",
    }
    bad = client.post(url, data)
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "close after it opens" in body and "Velykinė mugė" in body
    assert client.post(url, {**data, "opens_at": "kada nors"}).status_code == 400
    response = client.post(url, {**data, "closes_at": "2026-04-10T18:00"})
    assert response.status_code == 302
    fair = Fair.objects.get()
    assert fair.categories == ["food"] and list(fair.lags.all()) == [lag]
    # A draft is not shown to visitors.
    client.logout()
    assert client.get(fair.get_absolute_url()).status_code == 404


def test_exhibitor_applies_and_the_coordinator_accepts(client):
    world = make_world()
    owner = UserFactory()
    actor = ActorFactory(lag=world.lag, owners=[owner], name="Amatų namai")
    client.force_login(owner)
    apply_url = reverse("fairs:apply", kwargs={"slug": world.fair.slug})
    assert client.post(apply_url, {"actor": world.actor.pk}).status_code == 400  # not theirs
    assert client.post(apply_url, {"actor": actor.pk, "note": "Atvešime verbų"}).status_code == 302
    application = ExhibitorApplication.objects.get(actor=actor)
    client.force_login(world.coordinator)
    decide = reverse(
        "fairs:decide", kwargs={"slug": world.fair.slug, "application_id": application.pk}
    )
    client.post(decide, {"decision": "refuse"})  # no reason: refused with a message
    application.refresh_from_db()
    assert application.state == ApplicationState.PENDING
    client.post(decide, {"decision": "accept"})
    application.refresh_from_db()
    assert application.state == ApplicationState.ACCEPTED
    client.force_login(owner)
    mine = client.get(reverse("fairs:mine")).content.decode()
    assert "Amatų namai" in mine and "desk" in mine.lower()


def test_booth_edit_refuses_a_javascript_video_link_and_foreign_products(client):
    world = make_world()
    client.force_login(world.owner)
    url = booth_url(world, "fairs:booth_edit")
    bad = client.post(url, {"video_url": "javascript:alert(1)", "presentation": "Labas"})
    assert bad.status_code == 400
    assert "https://" in bad.content.decode() and "Labas" in bad.content.decode()
    foreign = ProductFactory(name="Svetimas")
    assert client.post(url, {"products": [foreign.pk]}).status_code == 400
    ok = client.post(
        url, {"video_url": "https://video.example.lt/1", "products": [world.products[0].pk]}
    )
    assert ok.status_code == 302
    assert list(world.booth.products.all()) == [world.products[0]]


def test_booking_a_meeting_on_the_booth_page(client):
    world = make_world()
    start = timezone.now() + timedelta(days=1)
    slot = services.slot_add(booth=world.booth, starts_at=start, ends_at=start + timedelta(hours=1))
    url = booth_url(world, "fairs:book", slot_id=slot.pk)
    client.force_login(world.visitor)
    assert client.post(url, {"topic": "Užsakymas"}).status_code == 302
    client.force_login(UserFactory())
    second = client.post(url, {"topic": "Aš irgi"})
    assert second.status_code == 409
    assert "Someone has just booked" in second.content.decode()
    assert client.get(url).status_code == 405


def test_reports_count_visits_questions_orders_and_meetings(client):
    world = make_world()
    services.visit_count(booth=world.booth)
    services.question_ask(booth=world.booth, by=world.visitor, text="?")
    from tests.market.factories import guest_order

    guest_order(world.products[0])
    start = timezone.now() + timedelta(days=1)
    slot = services.slot_add(booth=world.booth, starts_at=start, ends_at=start + timedelta(hours=1))
    services.slot_book(slot=slot, person=world.visitor)
    client.force_login(world.coordinator)
    report = client.get(reverse("fairs:report", kwargs={"slug": world.fair.slug})).context["report"]
    assert report.totals == {
        "visits": 1, "questions": 1, "answered": 0, "orders": 1, "meetings": 1, "favourites": 0
    }  # fmt: skip
    client.force_login(world.owner)
    leads = client.get(booth_url(world, "fairs:booth_desk")).context["leads"]
    assert (leads.visits, leads.questions, leads.orders, leads.meetings) == (1, 1, 1, 1)


def test_the_exhibitor_offers_a_meeting_time_and_bad_times_are_refused(client):
    world = make_world()
    client.force_login(world.owner)
    url = booth_url(world, "fairs:slot_add")
    day = (timezone.localtime() + timedelta(days=1)).date().isoformat()
    backwards = client.post(url, {"day": day, "starts": "15:00", "ends": "14:00"})
    assert backwards.status_code == 400
    assert "must end after it starts" in backwards.content.decode()
    bad = client.post(url, {"day": "rytoj", "starts": "25:00", "ends": ""})
    assert bad.status_code == 400
    assert "2026-05-14" in bad.content.decode() and "14:30" in bad.content.decode()
    outside = client.post(url, {"day": "2020-01-01", "starts": "10:00", "ends": "11:00"})
    assert outside.status_code == 400
    assert "while the fair is open" in outside.content.decode()
    ok = client.post(url, {"day": day, "starts": "10:00", "ends": "10:30", "place": "Telefonu"})
    assert ok.status_code == 302
    assert world.booth.slots.get().place == "Telefonu"
    client.force_login(world.visitor)  # not a member: 404
    assert client.post(url, {"day": day, "starts": "11:00", "ends": "12:00"}).status_code == 404


def test_the_coordinator_adds_a_live_session_within_the_fair(client):
    world = make_world()
    client.force_login(world.coordinator)
    url = reverse("fairs:session_add", kwargs={"slug": world.fair.slug})
    day = timezone.localdate().isoformat()
    client.post(url, {"day": "2020-01-01", "starts": "10:00", "ends": "12:00"})
    assert not world.fair.sessions.exists()
    assert client.post(url, {"day": day, "starts": "10:00", "ends": "12:00"}).status_code == 302
    assert world.fair.sessions.count() == 1
