"""The demo programme of "Sumanaus kaimo link" written by `kaimolink seed_demo`."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from kaimolink.accounts.models import User
from kaimolink.demo.events import HOLIDAYS, build_events, seed_demo_events
from kaimolink.demo.seed_facts import DEMO_PASSWORD
from kaimolink.events.enums import EventKind, EventStatus, RegistrationStatus, Visibility
from kaimolink.events.models import Event, EventDay, EventSeries, Registration

pytestmark = pytest.mark.django_db

LAGS = ("kedainiai", "dzukija", "radviliskis")
TOPICS = {"management", "marketing", "social-innovation", "local-identity", "internet-marketing"}


@pytest.fixture
def seeded(demo_seeded_once, db):
    """The demo (tests/demo/conftest.py seeds it once for the module)."""


def _with_counts():
    return Event.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waiting=Count("registrations", filter=Q(registrations__status="waiting")),
    )


def _snapshot():
    return {
        "events": sorted(
            Event.objects.values_list("slug", "status", "starts_at", "ends_at", "updated_at")
        ),
        "days": EventDay.objects.count(),
        "series": EventSeries.objects.count(),
        "registrations": sorted(
            Registration.objects.values_list("event_id", "person_id", "status")
        ),
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
    }


def _project():
    """The events of "Sumanaus kaimo link": its series' titles start with the name."""
    return Event.objects.filter(series__title__startswith="Sumanaus kaimo link")


def _zydinti():
    return Event.objects.filter(series__title="Žydinti Lietuva")


def _platform():
    return Event.objects.filter(series__title__startswith="Kaimolink mokymai")


def test_demo_events_has_33_trainings_11_per_lag_on_the_topics(seeded):
    trainings = _project().filter(kind=EventKind.TRAINING)
    assert trainings.count() == 33
    for slug in LAGS:
        of_lag = trainings.filter(lags__slug=slug)
        assert of_lag.count() == 11, slug
        # One series per LAG holds its cycle.
        assert set(of_lag.values_list("series__title", flat=True)) == {
            f"Sumanaus kaimo link: mokymų ciklas – {of_lag.first().lags.get().short_name}"
        }
    assert set(trainings.values_list("theme__slug", flat=True)) == TOPICS
    assert set(trainings.values_list("hours", "capacity")) == {(8, 15)}
    assert not trainings.filter(trainer__isnull=True).exists()
    assert set(trainings.values_list("trainer__email", flat=True)) == {
        "consultant@demo.kaimolink.lt"
    }


def test_demo_events_joint_conferences_workshops_and_no_final_event(seeded):
    conferences = _project().filter(kind=EventKind.CONFERENCE)
    assert conferences.count() == 2
    assert set(conferences.values_list("hours", "capacity")) == {(8, 60)}
    opening = conferences.get(title="Konferencija „Sumanaus kaimo link“")
    assert opening.settlement.name == "Kėdainiai"
    assert "kontaktų mugė" in opening.description
    closing = conferences.exclude(pk=opening.pk).get()
    assert "platforma" in closing.description
    assert closing.starts_at > opening.starts_at

    workshops = _project().filter(kind=EventKind.WORKSHOP)
    assert workshops.count() == 4
    assert set(workshops.values_list("capacity", flat=True)) == {30}
    for workshop in workshops:
        assert workshop.days.count() == 2

    # The seed names no final event of this project (its ~100 people are "Žydinti Lietuva"'s).
    assert not _project().filter(kind=EventKind.FINAL).exists()
    assert not Event.objects.filter(kind=EventKind.FINAL, title__icontains="Sumanaus").exists()
    for event in _project().exclude(kind=EventKind.TRAINING):
        assert {lag.slug for lag in event.lags.all()} == set(LAGS), event.title
    assert EventSeries.objects.count() == 8  # 3 cycles, joint, Žydinti Lietuva, 3 platform


def test_demo_events_partner_meetings_of_the_seed(seeded):
    meetings = _project().filter(kind=EventKind.MEETING).order_by("starts_at")
    assert [(m.days.get().date, m.settlement.name) for m in meetings] == [
        (datetime.date(2022, 2, 8), "Kėdainiai"),
        (datetime.date(2022, 2, 15), "Kėdainiai"),
        (datetime.date(2023, 6, 5), "Lazdijai"),
    ]
    agendas = [m.days.get().programme for m in meetings]
    assert "darbotvarkės „paskutiniai taškai“" in agendas[0]
    assert "trumpųjų maisto tiekimo grandinių" in agendas[1]
    assert "mokymų temos" in agendas[1]
    assert "„Sumanaus kaimo kūrybinių dirbtuvių“ pagrindinės mokymų temos" in agendas[2]
    # The first meeting agrees the conference's agenda, the second analyses its groups.
    opening = Event.objects.get(title="Konferencija „Sumanaus kaimo link“")
    assert meetings[0].starts_at < opening.starts_at < meetings[1].starts_at
    assert {m.status for m in meetings} == {EventStatus.HELD}
    assert {m.visibility for m in meetings} == {Visibility.INVITED}
    assert {m.address for m in meetings} == {""}  # the seed gives no address


def test_demo_events_of_the_project_held_within_2021_2023(seeded):
    events = _project()
    assert events.count() == 33 + 2 + 4 + 3
    assert set(events.values_list("status", flat=True)) == {EventStatus.HELD}
    for event in events:
        assert 2021 <= event.starts_at.year <= 2023, event.title
        assert 2021 <= event.ends_at.year <= 2023, event.title
    # Venues are settlements of the organising LAG.
    for event in events.prefetch_related("lags__districts").select_related("settlement"):
        districts = {d.pk for lag in event.lags.all() for d in lag.districts.all()}
        assert event.settlement.district_id in districts, event.title


def test_demo_events_zydinti_lietuva_only_what_the_seed_states(seeded):
    events = _zydinti()
    meetings = events.filter(kind=EventKind.MEETING)
    workshops = events.filter(kind=EventKind.WORKSHOP)
    assert meetings.count() == 9 and workshops.count() == 9
    final = events.get(kind=EventKind.FINAL)
    assert final.capacity == 100
    assert events.count() == 19
    # No dates: the seed's one day ("Gegužės 6 d.") has no year; no registrations either.
    assert not EventDay.objects.filter(event__in=events).exists()
    assert not events.filter(starts_at__isnull=False).exists()
    assert not Registration.objects.filter(event__in=events).exists()
    (placed,) = events.filter(settlement__isnull=False)
    assert placed.kind == EventKind.WORKSHOP and placed.settlement.name == "Josvainiai"
    assert "Gegužės 6 d." in placed.description
    assert set(events.values_list("address", flat=True)) == {""}
    # Coordination meetings of the partners, like this project's: by invitation.
    assert set(meetings.values_list("visibility", flat=True)) == {Visibility.INVITED}
    assert {lag.slug for e in events for lag in e.lags.all()} == {"kedainiai"}


def test_demo_events_platform_programme_open_now(seeded):
    now = timezone.now()
    assert not Event.objects.filter(starts_at__lt=now).exclude(status=EventStatus.HELD).exists()
    upcoming = Event.objects.filter(starts_at__gt=now)
    assert set(upcoming) == set(_platform())
    assert upcoming.filter(kind=EventKind.TRAINING).count() == 11
    assert set(upcoming.values_list("status", flat=True)) == {EventStatus.PUBLISHED}
    assert all(event.registration_is_open(now) for event in upcoming)
    assert all(event.title.startswith("Kaimolink mokymai: ") for event in upcoming)
    assert not any("Sumanaus kaimo link" in event.description for event in upcoming)
    # "The coming months": the last of them within about four months.
    assert max(e.starts_at for e in upcoming) < now + datetime.timedelta(days=130)


def test_demo_events_one_full_training_with_a_waiting_list(seeded):
    events = list(_with_counts())
    assert all(e.confirmed <= e.capacity for e in events)
    full = [e for e in events if e.waiting]
    assert len(full) == 1
    (event,) = full
    assert event.kind == EventKind.TRAINING and event.status == EventStatus.PUBLISHED
    assert (event.confirmed, event.waiting) == (15, 3)
    # Waiting only where every place is taken.
    assert all(e.confirmed == e.capacity for e in events if e.waiting)
    # Others can still be registered for.
    assert any(e.status == EventStatus.PUBLISHED and 0 < e.confirmed < e.capacity for e in events)
    assert Registration.objects.filter(event__status=EventStatus.HELD).count() > 300


def test_demo_events_member_and_participants_can_log_in(seeded, client):
    member = User.objects.get(email="member@demo.kaimolink.lt")
    assert member.event_registrations.filter(event__status=EventStatus.HELD).exists()
    assert member.event_registrations.filter(event__status=EventStatus.PUBLISHED).exists()
    participants = User.objects.filter(email__startswith="dalyvis")
    assert participants.count() == 20
    assert participants.filter(email="dalyvis01@demo.kaimolink.lt").exists()
    assert len(set(participants.values_list("full_name", flat=True))) == 20
    assert EmailAddress.objects.filter(email__startswith="dalyvis", verified=True).count() == 20
    assert client.login(email="dalyvis20@demo.kaimolink.lt", password=DEMO_PASSWORD)
    assert Registration.objects.filter(person__in=participants).exists()


def test_demo_events_twice_changes_nothing(seeded, capsys):
    before = _snapshot()
    call_command("seed_demo")

    assert _snapshot() == before
    out = capsys.readouterr().out
    assert "Demo events: 72" in out  # 42 of the project, 19 of Žydinti Lietuva, 11 upcoming
    assert "Created: nothing; restored: nothing." in out


def test_demo_events_restores_an_edited_event(seeded):
    event = _project().filter(kind=EventKind.CONFERENCE).order_by("starts_at").first()
    event.status = EventStatus.DRAFT
    event.save()
    event.days.all().delete()

    result = seed_demo_events(log=lambda line: None)

    event.refresh_from_db()
    assert event.status == EventStatus.HELD
    assert event.starts_at.date() == datetime.date(2022, 2, 11)
    assert result.updated == {"events": 1}
    assert not result.created


def test_demo_events_visible_in_the_api(seeded, client):
    response = client.get("/api/v1/events", {"kind": "training", "limit": 100})
    body = response.json()
    assert body["count"] == 33 + 11
    assert client.get("/api/v1/events", {"kind": "meeting"}).json()["count"] == 0
    assert {item["status"] for item in body["items"]} == {"held", "published"}
    assert (
        Registration.objects.filter(status=RegistrationStatus.WAITING).count()
        == sum(item["waiting"] for item in body["items"])
        == 3
    )


def test_build_events_is_deterministic_within_a_month():
    first = build_events(today=datetime.date(2026, 5, 3))
    second = build_events(today=datetime.date(2026, 5, 28))
    assert [(e.slug, e.days, e.registrants, e.address) for e in first] == [
        (e.slug, e.days, e.registrants, e.address) for e in second
    ]
    upcoming = [e for e in first if e.status == EventStatus.PUBLISHED]
    assert min(e.days[0][0] for e in upcoming) == datetime.date(2026, 6, 2)  # first Tuesday


@pytest.mark.parametrize("today", [datetime.date(2026, 11, 29), datetime.date(2027, 4, 2)])
def test_build_events_avoids_holidays(today):
    for event in build_events(today=today):
        for day, *_ in event.days:
            assert (day.month, day.day) not in HOLIDAYS, (event.title, day)
            assert day.weekday() < 5, (event.title, day)


def test_demo_sumanaus_kaimo_link_report_counts_the_seeds_results_from_records(seeded):
    """The whole demo: the project's computed indicators reach the seed's targets from the
    demo's own events of 2021–2023 (the platform's later programme is not the project's)."""
    from kaimolink.indicators.measures import project_indicator_rows
    from kaimolink.projects.models import Project

    project = Project.objects.get(slug="sumanaus-kaimo-link")
    rows = {row.indicator.code: row for row in project_indicator_rows(project)}
    assert [(rows[c].target, rows[c].achieved, rows[c].computed) for c in ("R1", "R3", "R5")] == [
        (33, 33, True),  # trainings held
        (2, 2, True),  # conferences: the opening one and the closing one
        (4, 4, True),  # creative workshops
    ]
    assert rows["R7"].achieved >= rows["R7"].target == 120  # actors of the three LAGs
    for code in ("R2", "R4", "R6"):  # participants per event, from the attendance marked
        assert rows[code].computed and rows[code].achieved > 0
