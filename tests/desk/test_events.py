"""The desk's event pages: list, create, edit, copy, cancel, series; who may open them."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kaimolink.events.enums import EventStatus, RegistrationStatus, Visibility
from kaimolink.events.models import Event, EventSeries
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import (
    DistrictFactory,
    LagFactory,
    SettlementFactory,
    UserFactory,
    make_coordinator,
)
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db

LIST = reverse("desk:events")
CREATE = reverse("desk:event_create")
TEN, FOUR = datetime.time(10), datetime.time(16)


def _in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def place():
    """Two LAGs, each with a municipality and a village; a coordinator of the first."""
    ours = LagFactory(name="Nevėžio VVG", districts=[DistrictFactory(name="Kėdainių r. sav.")])
    theirs = LagFactory(name="Šilutės VVG", districts=[DistrictFactory(name="Šilutės r. sav.")])
    village = SettlementFactory(
        name="Josvainiai", district=ours.districts.get(), lat=55.2467, lon=23.8312
    )
    far = SettlementFactory(name="Rusnė", district=theirs.districts.get(), lat=55.30, lon=21.37)
    return {
        "ours": ours,
        "theirs": theirs,
        "village": village,
        "far": far,
        "coordinator": make_coordinator(ours),
    }


def _form(place, *, days=None, **overrides) -> dict:
    """A valid POST of the event form: a published two-day training in Josvainiai."""
    days = days if days is not None else [(_in(10), "10:00", "16:00"), (_in(11), "9:00", "13:00")]
    data = {
        "title": "Rinkodaros mokymai",
        "kind": "training",
        "description": "Kaip parduoti kaimo produktus.",
        "lags": [place["ours"].pk],
        "theme": "",
        "series": "",
        "settlement": place["village"].pk,
        "address": "Kultūros namai, Mokyklos g. 1",
        "lat": "",
        "lon": "",
        "online_url": "",
        "hours": "8",
        "capacity": "15",
        "trainer": "",
        "registration_opens": "",
        "registration_closes": "",
        "questions": "Mitybos poreikiai\n\n  Kaip sužinojote apie mokymus?  ",
        "visibility": Visibility.PUBLIC,
        "status": EventStatus.PUBLISHED,
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "1",
        "days-MAX_NUM_FORMS": "31",
        "save": "1",
    }
    for n, (date, start, end) in enumerate(days):
        data.update(
            {
                f"days-{n}-date": date.isoformat() if date else "",
                f"days-{n}-start_time": start,
                f"days-{n}-end_time": end,
                f"days-{n}-programme": f"Diena {n + 1}",
            }
        )
    data.update(overrides)
    return data


def _post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


def _errors(response) -> str:
    return response.content.decode()


# --- Create ----------------------------------------------------------------------------


def test_create_saves_the_event_with_its_days_and_the_settlements_position(client, place):
    response = _post(client, place["coordinator"], CREATE, _form(place))
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:event_edit", args=[event.pk])
    assert event.slug == "rinkodaros-mokymai"
    assert event.status == EventStatus.PUBLISHED
    assert list(event.lags.all()) == [place["ours"]]
    assert [(d.date, d.start_time, d.end_time) for d in event.days.all()] == [
        (_in(10), TEN, FOUR),
        (_in(11), datetime.time(9), datetime.time(13)),
    ]
    assert (event.lat, event.lon) == (55.2467, 23.8312)
    assert event.questions == ["Mitybos poreikiai", "Kaip sužinojote apie mokymus?"]
    assert event.starts_at.date() == _in(10) and event.ends_at.date() == _in(11)


def test_create_takes_a_position_typed_with_a_decimal_comma(client, place):
    _post(client, place["coordinator"], CREATE, _form(place, lat="55,2501", lon="23,84"))
    event = Event.objects.get()
    assert (event.lat, event.lon) == (55.2501, 23.84)


def test_create_names_the_trainer_by_e_mail(client, place):
    trainer = UserFactory(email="lektore@example.lt")
    _post(client, place["coordinator"], CREATE, _form(place, trainer="Lektore@Example.lt"))
    assert Event.objects.get().trainer == trainer


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ([(None, "", "")], "Įrašykite dienos datą"),
        ([(_in(10), "16:00", "10:00")], "Dienos pabaiga turi būti vėlesnė nei pradžia"),
        ([(_in(10), "10:00", "16:00"), (_in(10), "11:00", "12:00")], "jau turi šią datą"),
    ],
    ids=["missing-day", "end-before-start", "same-date-twice"],
)
def test_create_refuses_a_bad_programme_and_keeps_what_was_typed(client, place, days, message):
    response = _post(client, place["coordinator"], CREATE, _form(place, days=days))
    assert response.status_code == 400
    assert message in _errors(response)
    assert 'href="#id_days-' in _errors(response)  # the summary links to the day's field
    assert 'value="Rinkodaros mokymai"' in _errors(response)
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"lat": "60,1", "lon": "23.9"}, "lat", "Įrašykite Lietuvos platumą"),
        ({"lat": "55.3", "lon": "123"}, "lon", "Įrašykite Lietuvos ilgumą"),
        ({"lat": "23.9", "lon": "55.3"}, "lat", "sukeistos"),
        ({"lat": "55.3"}, "lon", "abi koordinates"),
        ({"title": ""}, "title", "Įrašykite pavadinimą"),
        ({"kind": ""}, "kind", "Pasirinkite renginio rūšį"),
        ({"capacity": "-1"}, "capacity", "Įrašykite skaičių nuo 0 iki"),
        ({"trainer": "nera@example.lt"}, "trainer", "Šio el. pašto adreso paskyros nėra"),
        (
            {"registration_opens": "2030-01-02T10:00", "registration_closes": "2030-01-01T10:00"},
            "registration_closes",
            "Registracijos pabaiga turi būti vėlesnė nei pradžia",
        ),
    ],
    ids=[
        "lat-out",
        "lon-out",
        "swapped",
        "one-coordinate",
        "title",
        "kind",
        "capacity",
        "trainer",
        "window",
    ],  # fmt: skip
)
def test_create_names_the_field_of_a_bad_value(client, place, overrides, field, message):
    response = _post(client, place["coordinator"], CREATE, _form(place, **overrides))
    assert response.status_code == 400
    html = _errors(response)
    assert message in html
    assert f'href="#id_{field}"' in html or message in html.split("error-summary")[1]
    assert not Event.objects.exists()


def test_create_refuses_a_settlement_of_another_lag(client, place):
    response = _post(client, place["coordinator"], CREATE, _form(place, settlement=place["far"].pk))
    assert response.status_code == 400
    assert 'href="#id_settlement"' in _errors(response)
    assert not Event.objects.exists()


def test_create_refuses_a_lag_the_person_does_not_coordinate(client, place):
    response = _post(client, place["coordinator"], CREATE, _form(place, lags=[place["theirs"].pk]))
    assert response.status_code == 400
    assert "Pasirinkite tik savo VVG" in _errors(response)
    assert not Event.objects.exists()


def test_create_add_a_day_shows_one_more_row_and_saves_nothing(client, place):
    data = _form(place, days=[(_in(10), "10:00", "16:00")])
    del data["save"]
    data["add_day"] = "1"
    response = _post(client, place["coordinator"], CREATE, data)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 2
    assert not Event.objects.exists()


def test_create_form_offers_only_the_persons_lags_and_their_settlements(client, place):
    client.force_login(place["coordinator"])
    form = client.get(CREATE).context["form"]
    assert list(form.fields["lags"].queryset) == [place["ours"]]
    assert list(form.fields["settlement"].queryset) == [place["village"]]
    assert form.initial["lags"] == [place["ours"].pk]


# --- Edit ------------------------------------------------------------------------------


@pytest.fixture
def event(place):
    return EventFactory(
        title="Sūrių gamyba",
        lags=[place["ours"]],
        settlement=place["village"],
        days=[(_in(10), TEN, FOUR), (_in(11), TEN, FOUR)],
        capacity=10,
    )


def _edit_form(place, event, **overrides):
    days = [(d.date, d.start_time.strftime("%H:%M"), d.end_time.strftime("%H:%M"))
            for d in event.days.all()]  # fmt: skip
    data = _form(place, days=days, **{"title": event.title, **overrides})
    data["days-INITIAL_FORMS"] = str(len(days))
    return data


def test_edit_changes_the_event_and_removes_a_day(client, place, event):
    data = _edit_form(place, event, title="Sūrių gamyba II", capacity="12")
    data["days-1-DELETE"] = "on"
    response = _post(
        client, place["coordinator"], reverse("desk:event_edit", args=[event.pk]), data
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Sūrių gamyba II" and event.capacity == 12
    assert [d.date for d in event.days.all()] == [_in(10)]
    assert event.slug == "suriu-gamyba"  # the slug stays when the title changes


def test_edit_refuses_fewer_places_than_are_confirmed(client, place, event):
    RegistrationFactory.create_batch(3, event=event)
    data = _edit_form(place, event, capacity="2")
    response = _post(
        client, place["coordinator"], reverse("desk:event_edit", args=[event.pk]), data
    )
    assert response.status_code == 400
    assert 'href="#id_capacity"' in _errors(response)
    event.refresh_from_db()
    assert event.capacity == 10


def test_edit_form_shows_the_event_as_it_is(client, place, event):
    event.questions = ["Mityba", "Transportas"]
    event.save()
    client.force_login(place["coordinator"])
    response = client.get(reverse("desk:event_edit", args=[event.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mityba\nTransportas</textarea>" in html
    assert 'value="Sūrių gamyba"' in html
    assert len(response.context["formset"].initial) == 2


def test_edit_of_a_new_settlement_takes_its_position(client, place, event):
    other = SettlementFactory(
        name="Pernarava", district=place["village"].district, lat=55.1, lon=23.7
    )
    data = _edit_form(place, event, settlement=other.pk, lat="55.246700", lon="23.831200")
    _post(client, place["coordinator"], reverse("desk:event_edit", args=[event.pk]), data)
    event.refresh_from_db()
    assert (event.settlement, event.lat, event.lon) == (other, 55.1, 23.7)


# --- Who may ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["desk:event_edit", "desk:event_copy", "desk:event_cancel"])
def test_other_lags_event_is_404_for_a_coordinator(client, place, name):
    theirs = EventFactory(lags=[place["theirs"]])
    client.force_login(place["coordinator"])
    assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert client.post(reverse(name, args=[theirs.pk]), {"confirmed": "1"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == EventStatus.PUBLISHED


@pytest.mark.parametrize(
    "url", [LIST, CREATE, reverse("desk:series"), reverse("desk:series_create")]
)
def test_desk_event_pages_are_404_for_a_non_coordinator(client, place, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["desk:event_create", "desk:series_create"])
def test_desk_creating_is_404_for_a_non_coordinator(client, place, name):
    client.force_login(UserFactory())
    assert client.post(reverse(name), _form(place)).status_code == 404
    assert not Event.objects.exists() and not EventSeries.objects.exists()


def test_admin_edits_any_lags_event(client, place, event):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("desk:event_edit", args=[event.pk])).status_code == 200
    form = client.get(CREATE).context["form"]
    assert set(form.fields["lags"].queryset) == {place["ours"], place["theirs"]}


# --- List ------------------------------------------------------------------------------


def test_list_shows_only_the_coordinators_lags_events_drafts_too(client, place, event):
    draft = EventFactory(title="Juodraštis", lags=[place["ours"]], status=EventStatus.DRAFT)
    EventFactory(title="Svetimas", lags=[place["theirs"]])
    client.force_login(place["coordinator"])
    response = client.get(LIST)
    titles = [e.title for e in response.context["page"].object_list]
    assert set(titles) == {"Sūrių gamyba", "Juodraštis"}
    html = response.content.decode()
    for url in (
        reverse("desk:event_edit", args=[event.pk]),
        reverse("desk:event_copy", args=[event.pk]),
        reverse("desk:event_cancel", args=[event.pk]),
        reverse("events:attendance", args=[event.slug]),
        reverse("certificates:event", args=[event.slug]),
        reverse("homework:event", args=[event.slug]),
    ):
        assert f'href="{url}' in html
    assert draft.title in html


def test_list_filters_by_status_and_kind(client, place, event):
    EventFactory(title="Juodraštis", lags=[place["ours"]], status=EventStatus.DRAFT)
    EventFactory(title="Konferencija", lags=[place["ours"]], kind="conference")
    client.force_login(place["coordinator"])
    drafts = client.get(LIST, {"status": "draft"}).context["page"].object_list
    assert [e.title for e in drafts] == ["Juodraštis"]
    conferences = client.get(LIST, {"kind": "conference"}).context["page"].object_list
    assert [e.title for e in conferences] == ["Konferencija"]


def test_list_refuses_an_unknown_status_with_400(client, place):
    client.force_login(place["coordinator"])
    response = client.get(LIST, {"status": "gone"})
    assert response.status_code == 400
    assert "Pasirinkite būseną iš sąrašo" in response.content.decode()


def test_list_query_count_does_not_grow_with_events(client, place):
    client.force_login(place["coordinator"])
    EventFactory(lags=[place["ours"]])
    one = count_queries(client, LIST)
    for _ in range(6):
        event = EventFactory(lags=[place["ours"], LagFactory()])
        RegistrationFactory.create_batch(2, event=event)
    many = count_queries(client, LIST)
    assert one == many


def test_desk_home_links_to_the_events(client, place):
    client.force_login(place["coordinator"])
    html = client.get(reverse("desk:home")).content.decode()
    assert f'href="{LIST}"' in html


# --- Copy ------------------------------------------------------------------------------


def test_copy_makes_a_draft_with_the_days_moved_and_no_registrations(client, place, event):
    RegistrationFactory.create_batch(2, event=event)
    url = reverse("desk:event_copy", args=[event.pk])
    response = _post(client, place["coordinator"], url, {"first_date": _in(40).isoformat()})
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"] == reverse("desk:event_edit", args=[copy.pk])
    assert copy.status == EventStatus.DRAFT
    assert copy.title == event.title and copy.slug != event.slug
    assert [d.date for d in copy.days.all()] == [_in(40), _in(41)]
    assert list(copy.lags.all()) == [place["ours"]]
    assert not copy.registrations.exists()
    assert event.registrations.count() == 2


def test_copy_without_a_date_has_no_days_and_the_page_says_so(client, place, event):
    url = reverse("desk:event_copy", args=[event.pk])
    client.force_login(place["coordinator"])
    page = client.get(url).content.decode()
    assert "Kiekviena diena pasislenka" in page
    client.post(url, {"first_date": ""})
    copy = Event.objects.exclude(pk=event.pk).get()
    assert not copy.days.exists()


# --- Cancel ----------------------------------------------------------------------------


def test_cancel_asks_first_and_changes_nothing_without_confirmation(client, place, event):
    RegistrationFactory(event=event)
    url = reverse("desk:event_cancel", args=[event.pk])
    client.force_login(place["coordinator"])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="confirmed" value="1"' in page.content.decode()
    client.post(url, {"reason": "Lektorius suserga"})  # not from the confirm page
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    assert mail.outbox == []


def test_cancel_without_a_reason_is_refused(client, place, event):
    url = reverse("desk:event_cancel", args=[event.pk])
    response = _post(client, place["coordinator"], url, {"confirmed": "1", "reason": " "})
    assert response.status_code == 400
    assert "Parašykite renginio atšaukimo priežastį" in response.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_cancel_tells_everyone_registered_and_cancels_the_event(
    client, place, event, django_capture_on_commit_callbacks
):
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    url = reverse("desk:event_cancel", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client, place["coordinator"], url, {"confirmed": "1", "reason": "Lektorius suserga"}
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [confirmed.person.email, waiting.person.email]
    )
    assert all("Lektorius suserga" in m.body and event.title in m.subject for m in mail.outbox)


# --- Series ----------------------------------------------------------------------------


def test_series_create_and_edit(client, place):
    client.force_login(place["coordinator"])
    response = client.post(
        reverse("desk:series_create"),
        {"title": "  Sumanaus  kaimo mokymai ", "lags": [place["ours"].pk]},
    )
    assert response.status_code == 302
    series = EventSeries.objects.get()
    assert series.title == "Sumanaus kaimo mokymai"
    assert list(series.lags.all()) == [place["ours"]]
    client.post(
        reverse("desk:series_edit", args=[series.pk]),
        {"title": "Mokymų ciklas", "lags": [place["ours"].pk]},
    )
    series.refresh_from_db()
    assert series.title == "Mokymų ciklas"


def test_series_of_another_lag_is_404_and_cannot_be_chosen(client, place):
    theirs = EventSeries.objects.create(title="Svetimas ciklas")
    theirs.lags.set([place["theirs"]])
    client.force_login(place["coordinator"])
    assert client.get(reverse("desk:series_edit", args=[theirs.pk])).status_code == 404
    response = client.post(CREATE, _form(place, series=theirs.pk))
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_series_without_a_lag_is_refused(client, place):
    client.force_login(place["coordinator"])
    response = client.post(reverse("desk:series_create"), {"title": "Ciklas"})
    assert response.status_code == 400
    assert "Pasirinkite bent vieną VVG" in response.content.decode()
    assert not EventSeries.objects.exists()


def test_event_page_links_its_organisers_to_the_desk(client, place, event):
    edit = reverse("desk:event_edit", args=[event.pk])
    client.force_login(UserFactory())
    assert edit not in client.get(event.get_absolute_url()).content.decode()
    client.force_login(place["coordinator"])
    assert f'href="{edit}"' in client.get(event.get_absolute_url()).content.decode()
