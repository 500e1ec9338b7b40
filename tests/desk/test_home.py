"""The coordinator's desk (/<lang>/desk/): who sees it, what it counts, what it costs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kaimolink.actors.enums import ActorStatus
from kaimolink.certificates.services import attendance_certificate_issue
from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.services import attendance_mark
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.moderation.services import report_create
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries
from tests.homework.factories import AssignmentFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

URL = reverse("desk:home")
TEN = (datetime.time(10), datetime.time(16))


def _days_ago(n: int):
    return [(timezone.localdate() - datetime.timedelta(days=n), *TEN)]


def _days_ahead(n: int):
    return [(timezone.localdate() + datetime.timedelta(days=n), *TEN)]


def _report(lag, reporter=None):
    target = ActorFactory(lag=lag) if lag else UserFactory()
    return report_create(
        reporter=reporter or UserFactory(),
        target=target,
        reason="Reklama",
        excerpt="Pirkite!",
        url="/lt/",
        lag=lag,
    )


def _present(event, by, n=1):
    """`n` confirmed participants of a one-day event, marked present."""
    registrations = RegistrationFactory.create_batch(n, event=event)
    for registration in registrations:
        attendance_mark(registration=registration, day=event.days.get(), present=True, by=by)
    return registrations


def _desk(client, user, query=""):
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.context["desk"]


@pytest.fixture
def lags():
    return LagFactory(name="Nevėžio VVG"), LagFactory(name="Šilutės VVG")


@pytest.fixture
def world(lags):
    """One of each kind of work in the first LAG, and the same in the second."""
    admin = UserFactory(is_superuser=True, is_staff=True)
    built = {"admin": admin}
    for key, lag in zip(("ours", "theirs"), lags, strict=True):
        ActorFactory(lag=lag, status=ActorStatus.PENDING, name=f"Laukia {key}")
        _report(lag)
        homework_event = EventFactory(title=f"Namų darbai {key}", lags=[lag], days=_days_ago(30))
        SubmissionFactory(assignment=AssignmentFactory(event=homework_event))
        unmarked = EventFactory(title=f"Nepažymėta {key}", lags=[lag], days=_days_ago(2))
        RegistrationFactory(event=unmarked)
        held = EventFactory(title=f"Pažymėta {key}", lags=[lag], days=_days_ago(3))
        _present(held, admin)
        coming = EventFactory(title=f"Artėja {key}", lags=[lag], days=_days_ahead(5), capacity=10)
        RegistrationFactory.create_batch(3, event=coming)
        built[key] = {"lag": lag, "homework": homework_event, "unmarked": unmarked,
                      "held": held, "coming": coming}  # fmt: skip
    return built


def _titles(events):
    return {event.title for event in events}


# --- Who may open it -------------------------------------------------------------------


def test_desk_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_desk_member_gets_404(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 404


def test_desk_coordinator_sees_only_their_lags_work(client, world):
    ours, theirs = world["ours"], world["theirs"]
    desk = _desk(client, make_coordinator(ours["lag"]))
    assert [row.lag for row in desk.pending_actors] == [ours["lag"]]
    assert [row.lag for row in desk.open_reports] == [ours["lag"]]
    assert _titles(desk.homework) == {"Namų darbai ours"}
    assert _titles(desk.attendance) == {"Nepažymėta ours"}
    assert _titles(desk.certificates) == {"Pažymėta ours"}
    assert _titles(desk.coming_up) == {"Artėja ours"}
    page = client.get(URL).content.decode()
    assert theirs["lag"].name not in page
    assert f">{theirs['lag']}<" not in page
    assert "theirs" not in page


def test_desk_other_lag_filter_gets_404_for_a_coordinator(client, world):
    client.force_login(make_coordinator(world["ours"]["lag"]))
    assert client.get(URL + f"?lag={world['theirs']['lag'].slug}").status_code == 404
    assert client.get(URL + "?lag=no-such-lag").status_code == 404


def test_desk_admin_sees_every_lag_and_reports_without_one(client, world):
    _report(None)
    desk = _desk(client, world["admin"])
    both = [world["ours"]["lag"], world["theirs"]["lag"]]
    assert [row.lag for row in desk.pending_actors] == both
    assert [row.lag for row in desk.open_reports] == [*both, None]
    assert _titles(desk.attendance) == {"Nepažymėta ours", "Nepažymėta theirs"}
    assert _titles(desk.certificates) == {"Pažymėta ours", "Pažymėta theirs"}


def test_desk_admin_lag_filter_keeps_one_lag(client, world):
    _report(None)
    desk = _desk(client, world["admin"], f"?lag={world['theirs']['lag'].slug}")
    assert [row.lag for row in desk.open_reports] == [world["theirs"]["lag"]]
    assert _titles(desk.homework) == {"Namų darbai theirs"}


def test_desk_coordinator_of_several_lags_sees_them_together_and_filters(client, world):
    coordinator = make_coordinator(world["ours"]["lag"])
    coordinator.coordinations.create(lag=world["theirs"]["lag"])
    desk = _desk(client, coordinator)
    assert len(desk.pending_actors) == 2
    assert _titles(desk.coming_up) == {"Artėja ours", "Artėja theirs"}
    response = client.get(URL + f"?lag={world['ours']['lag'].slug}")
    assert _titles(response.context["desk"].coming_up) == {"Artėja ours"}
    # The LAG is named on each row; the filter lists both.
    page = client.get(URL).content.decode()
    assert page.count(str(world["theirs"]["lag"])) >= 5  # its actors, reports, 3 events
    assert f'value="{world["theirs"]["lag"].slug}"' in page


def test_desk_event_of_two_lags_is_listed_once(client, lags):
    coordinator = make_coordinator(lags[0])
    coordinator.coordinations.create(lag=lags[1])
    EventFactory(title="Bendras", lags=list(lags), days=_days_ahead(3))
    assert [e.title for e in _desk(client, coordinator).coming_up] == ["Bendras"]


# --- Each count against hand-built records ------------------------------------------------


def test_desk_pending_actors_counts_only_those_awaiting_moderation(client, lags):
    lag = lags[0]
    ActorFactory.create_batch(2, lag=lag, status=ActorStatus.PENDING)
    ActorFactory(lag=lag, status=ActorStatus.DRAFT)
    ActorFactory(lag=lag, status=ActorStatus.PUBLISHED)
    desk = _desk(client, make_coordinator(lag))
    assert [(row.lag, row.count) for row in desk.pending_actors] == [(lag, 2)]
    assert desk.totals["pending_actors"] == 2


def test_desk_open_reports_leave_handled_ones_out(client, lags):
    from kaimolink.moderation.models import Report

    lag = lags[0]
    _report(lag)
    handled = _report(lag)
    Report.objects.filter(pk=handled.pk).update(status=Report.Status.DISMISSED)
    desk = _desk(client, make_coordinator(lag))
    assert [(row.lag, row.count) for row in desk.open_reports] == [(lag, 1)]


def test_desk_homework_counts_hand_ins_waiting_for_review(client, lags):
    lag = lags[0]
    event = EventFactory(lags=[lag], days=_days_ago(1))
    assignment = AssignmentFactory(event=event)
    SubmissionFactory.create_batch(2, assignment=assignment)
    SubmissionFactory(assignment=assignment, status=SubmissionStatus.ACCEPTED)
    SubmissionFactory(assignment=AssignmentFactory(event=event), status=SubmissionStatus.REDO)
    reviewed_only = EventFactory(lags=[lag], days=_days_ago(1))
    SubmissionFactory(
        assignment=AssignmentFactory(event=reviewed_only), status=SubmissionStatus.ACCEPTED
    )
    client.force_login(make_coordinator(lag))
    response = client.get(URL)
    desk = response.context["desk"]
    assert [(e.pk, e.waiting_submissions) for e in desk.homework] == [(event.pk, 2)]
    assert reverse("homework:event", args=[event.slug]) in response.content.decode()


def test_desk_attendance_lists_held_events_with_an_unmarked_day(client, lags):
    lag = lags[0]
    coordinator = make_coordinator(lag)
    unmarked = EventFactory(title="Nepažymėta", lags=[lag], days=_days_ago(2))
    RegistrationFactory(event=unmarked)
    two_days = EventFactory(
        title="Pusiau", lags=[lag], days=_days_ago(4) + _days_ago(3)
    )  # day one marked, day two not
    registration = RegistrationFactory(event=two_days)
    first = two_days.days.order_by("date").first()
    attendance_mark(registration=registration, day=first, present=False, by=coordinator)
    marked = EventFactory(title="Pažymėta", lags=[lag], days=_days_ago(2))
    _present(marked, coordinator)
    EventFactory(title="Be dalyvių", lags=[lag], days=_days_ago(2))  # nobody to mark
    old = EventFactory(title="Sena", lags=[lag], days=_days_ago(20))  # beyond 14 days
    RegistrationFactory(event=old)
    cancelled = EventFactory(
        title="Atšaukta", lags=[lag], days=_days_ago(2), status=EventStatus.CANCELLED
    )
    RegistrationFactory(event=cancelled)
    coming = EventFactory(title="Dar nebuvo", lags=[lag], days=_days_ahead(2))
    RegistrationFactory(event=coming)
    client.force_login(coordinator)
    response = client.get(URL)
    found = {e.title: e.unmarked_days for e in response.context["desk"].attendance}
    assert found == {"Nepažymėta": 1, "Pusiau": 1}
    assert reverse("events:attendance", args=[unmarked.slug]) in response.content.decode()


def test_desk_certificates_count_eligible_people_without_one(client, lags):
    lag = lags[0]
    coordinator = make_coordinator(lag)
    event = EventFactory(title="Mokymai", lags=[lag], days=_days_ago(5))
    due, issued = _present(event, coordinator, n=2)
    RegistrationFactory(event=event)  # never marked present: not eligible
    attendance_certificate_issue(registration=issued, by=coordinator)
    cancelled = RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    attendance_mark(registration=due, day=event.days.get(), present=True, by=coordinator)
    assert cancelled.status == RegistrationStatus.CANCELLED
    all_issued = EventFactory(title="Išduota", lags=[lag], days=_days_ago(5))
    (only,) = _present(all_issued, coordinator)
    attendance_certificate_issue(registration=only, by=coordinator)
    _present(EventFactory(title="Senas", lags=[lag], days=_days_ago(400)), coordinator)
    client.force_login(coordinator)
    response = client.get(URL)
    desk = response.context["desk"]
    found = [(e.title, e.certificates_due) for e in desk.certificates]
    assert found == [("Mokymai", 1), ("Senas", 1)]  # an old event stays until issued
    assert reverse("certificates:event", args=[event.slug]) in response.content.decode()


def test_desk_certificates_wait_for_required_homework(client, lags):
    lag = lags[0]
    coordinator = make_coordinator(lag)
    event = EventFactory(lags=[lag], days=_days_ago(5), requires_homework=True)
    accepted, waiting = _present(event, coordinator, n=2)
    assignment = AssignmentFactory(event=event)
    SubmissionFactory(
        assignment=assignment,
        registration=accepted,
        person=accepted.person,
        status=SubmissionStatus.ACCEPTED,
    )
    SubmissionFactory(assignment=assignment, registration=waiting, person=waiting.person)
    desk = _desk(client, coordinator)
    assert [e.certificates_due for e in desk.certificates] == [1]


def test_desk_certificates_agree_with_the_issuing_rules(lags):
    """The set-based count and `attendance_refusal` (what issuing asks) say the same."""
    from kaimolink.certificates.selectors import registrations_due_a_certificate
    from kaimolink.certificates.services import attendance_refusal

    lag = lags[0]
    coordinator = make_coordinator(lag)
    over = EventFactory(lags=[lag], days=_days_ago(2), requires_homework=True)
    present_done, present_not_done = _present(over, coordinator, n=2)
    SubmissionFactory(
        assignment=AssignmentFactory(event=over),
        registration=present_done,
        person=present_done.person,
        status=SubmissionStatus.ACCEPTED,
    )
    absent = RegistrationFactory(event=over)
    attendance_mark(registration=absent, day=over.days.get(), present=False, by=coordinator)
    plain = EventFactory(lags=[lag], days=_days_ago(2))
    (plain_present,) = _present(plain, coordinator)
    draft_over = EventFactory(lags=[lag], days=_days_ago(2), status=EventStatus.DRAFT)
    draft_registration = RegistrationFactory(event=draft_over)
    registrations = [present_done, present_not_done, absent, plain_present, draft_registration]
    due = set(registrations_due_a_certificate().values_list("pk", flat=True))
    assert due == {r.pk for r in registrations if attendance_refusal(r) is None}
    assert due == {present_done.pk, plain_present.pk}


def test_desk_coming_up_shows_places_and_waiting_list(client, lags):
    lag = lags[0]
    event = EventFactory(title="Artėja", lags=[lag], days=_days_ahead(3), capacity=2)
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    EventFactory(title="Per toli", lags=[lag], days=_days_ahead(20))
    EventFactory(title="Juodraštis", lags=[lag], days=_days_ahead(3), status=EventStatus.DRAFT)
    desk = _desk(client, make_coordinator(lag))
    (found,) = desk.coming_up
    assert (found.title, found.confirmed_count, found.places_left, found.waiting_count) == (
        "Artėja", 2, 0, 1,
    )  # fmt: skip


def test_desk_nothing_to_do_shows_the_empty_state(client, lags):
    client.force_login(make_coordinator(lags[0]))
    response = client.get(URL)
    assert not response.context["desk"].has_work
    assert 'class="empty-state"' in response.content.decode()


# --- The menu ------------------------------------------------------------------------------


def test_desk_menu_link_only_for_coordinators_and_admins(client, lags):
    home = reverse("home")
    link = f'href="{URL}"'
    client.force_login(UserFactory())
    assert link not in client.get(reverse("accounts:dashboard")).content.decode()
    client.force_login(make_coordinator(lags[0]))
    assert link in client.get(reverse("accounts:dashboard")).content.decode()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert link in client.get(reverse("accounts:dashboard")).content.decode()
    client.logout()
    assert link not in client.get(home).content.decode()


def test_desk_menu_check_costs_a_member_no_query(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(UserFactory())
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("events:list")).status_code == 200
    assert [q for q in ctx.captured_queries if "accounts_coordination" in q["sql"]] == []


# --- What it costs -------------------------------------------------------------------------


def test_desk_query_count_does_not_grow_with_the_work(client, lags):
    lag = lags[0]
    coordinator = make_coordinator(lag)
    coordinator.coordinations.create(lag=lags[1])

    def add_work(n):
        for _ in range(n):
            for each in lags:
                ActorFactory(lag=each, status=ActorStatus.PENDING)
                _report(each)
                homework = EventFactory(lags=[each], days=_days_ago(20))
                SubmissionFactory(assignment=AssignmentFactory(event=homework))
                unmarked = EventFactory(lags=[each], days=_days_ago(2))
                RegistrationFactory(event=unmarked)
                _present(EventFactory(lags=list(lags), days=_days_ago(3)), coordinator)
                RegistrationFactory(event=EventFactory(lags=[each], days=_days_ahead(4)))

    client.force_login(coordinator)
    add_work(1)
    one = count_queries(client, URL)
    add_work(4)
    assert count_queries(client, URL) == one
