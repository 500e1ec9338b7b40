"""Attendance in the admin: per registration and day, read only, scoped by LAG."""

import datetime

import pytest
from django.utils import timezone

from kaimolink.events.models import Attendance, EventDay
from kaimolink.events.services import attendance_mark
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db

ATTENDANCE = "/en/admin/events/attendance/"


def two_days():
    start = timezone.localdate() + datetime.timedelta(days=3)
    return [
        (start, datetime.time(9), datetime.time(13)),
        (start + datetime.timedelta(days=1), datetime.time(9), datetime.time(13)),
    ]


@pytest.fixture
def world():
    lag, other_lag = LagFactory(), LagFactory()
    coordinator = make_coordinator(lag)
    ours = EventFactory(title="Mūsų mokymai", lags=[lag], hours=8, days=two_days())
    theirs = EventFactory(title="Kitų mokymai", lags=[other_lag], days=two_days())
    ona = RegistrationFactory(event=ours, person=UserFactory(full_name="Ona Šaltinytė"))
    jonas = RegistrationFactory(event=ours, person=UserFactory(full_name="Jonas Upelis"))
    stranger = RegistrationFactory(event=theirs, person=UserFactory(full_name="Kitas Žmogus"))
    first, second = ours.days.all()
    attendance_mark(registration=ona, day=first, present=True, by=coordinator)
    attendance_mark(registration=ona, day=second, present=True, by=coordinator)
    attendance_mark(registration=jonas, day=first, present=False, by=coordinator)
    other_coordinator = make_coordinator(other_lag)
    attendance_mark(
        registration=stranger, day=theirs.days.first(), present=True, by=other_coordinator
    )
    return {
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "ours": ours,
        "theirs": theirs,
        "ona": ona,
        "jonas": jonas,
        "stranger": stranger,
    }


def event_change(event):
    return f"/en/admin/events/event/{event.pk}/change/"


def test_event_admin_shows_who_was_present_on_which_day(client, world):
    client.force_login(world["coordinator"])
    response = client.get(event_change(world["ours"]))
    assert response.status_code == 200
    page = response.text
    section = page.split("Ona Šaltinytė", 1)[1].split("</tr>", 1)[0]
    assert section.count("✓") == 2  # both days
    assert "8.0" in section  # all the event's hours
    jonas = page.split("Jonas Upelis", 1)[1].split("</tr>", 1)[0]
    assert "✓" not in jonas
    assert "1/2" in page  # present of confirmed, on each day
    assert "Kitas Žmogus" not in page
    assert f"{ATTENDANCE}?registration__event__id__exact={world['ours'].pk}" in page


def test_attendance_list_shows_own_lags_marks_only(client, world):
    client.force_login(world["coordinator"])
    response = client.get(ATTENDANCE)
    assert response.status_code == 200
    listed = {a.pk for a in response.context["cl"].result_list}
    ours = set(
        Attendance.objects.filter(registration__event=world["ours"]).values_list("pk", flat=True)
    )
    assert listed == ours and len(ours) == 3
    assert "Kitas Žmogus" not in response.text
    assert "Kitų mokymai" not in response.text  # not even in the event filter


def test_attendance_list_filtered_by_event(client, world):
    client.force_login(world["coordinator"])
    url = f"{ATTENDANCE}?registration__event__id__exact={world['ours'].pk}"
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 3


def test_other_lags_coordinator_sees_nothing_of_it(client, world):
    client.force_login(world["other_coordinator"])
    response = client.get(ATTENDANCE)
    assert response.status_code == 200
    assert [a.registration.person.full_name for a in response.context["cl"].result_list] == [
        "Kitas Žmogus"
    ]
    assert "Ona Šaltinytė" not in response.text and "Mūsų mokymai" not in response.text
    mark = Attendance.objects.filter(registration=world["ona"]).first()
    assert client.get(f"{ATTENDANCE}{mark.pk}/change/").status_code == 302
    assert client.get(event_change(world["ours"])).status_code == 302
    registration = f"/en/admin/events/registration/{world['ona'].pk}/change/"
    assert client.get(registration).status_code == 302
    # asking for the other LAG's event by id shows nothing of it either
    response = client.get(f"{ATTENDANCE}?registration__event__id__exact={world['ours'].pk}")
    assert response.status_code == 200
    assert "Ona Šaltinytė" not in response.text
    assert all(
        a.registration.event_id != world["ours"].pk for a in response.context["cl"].result_list
    )


def test_attendance_admin_is_read_only(client, world):
    client.force_login(world["coordinator"])
    mark = Attendance.objects.filter(registration=world["ona"]).first()
    page = client.get(f"{ATTENDANCE}{mark.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.text
    client.post(f"{ATTENDANCE}{mark.pk}/change/", {"present": ""})
    mark.refresh_from_db()
    assert mark.present is True
    assert client.get(f"{ATTENDANCE}add/").status_code == 403
    client.post(f"{ATTENDANCE}{mark.pk}/delete/", {"post": "yes"})
    assert Attendance.objects.filter(pk=mark.pk).exists()


def test_registration_admin_shows_its_attendance_inline(client, world):
    client.force_login(world["coordinator"])
    response = client.get(f"/en/admin/events/registration/{world['ona'].pk}/change/")
    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0]
    assert inline.opts.model is Attendance
    shown = sorted((form.original.day_id, form.original.present) for form in inline)
    first, second = world["ours"].days.all()
    assert shown == [(first.pk, True), (second.pk, True)]
    assert 'name="attendances-TOTAL_FORMS" value="2"' in response.text


def test_registration_admin_inline_is_read_only(client, world):
    client.force_login(world["coordinator"])
    url = f"/en/admin/events/registration/{world['jonas'].pk}/change/"
    mark = Attendance.objects.get(registration=world["jonas"])
    client.post(
        url,
        {
            "attendances-TOTAL_FORMS": "1",
            "attendances-INITIAL_FORMS": "1",
            "attendances-0-id": mark.pk,
            "attendances-0-registration": world["jonas"].pk,
            "attendances-0-present": "on",
        },
    )
    mark.refresh_from_db()
    assert mark.present is False


def test_coordinator_sees_and_edits_event_days_in_the_admin(client, world):
    """Before the scoped inline, coordinators lacked the model permission to see days."""
    client.force_login(world["coordinator"])
    page = client.get(event_change(world["ours"])).text
    assert 'name="days-TOTAL_FORMS"' in page


def test_other_coordinator_cannot_change_days_through_own_event(client, world):
    """A day id of another LAG's event posted with one's own event is not taken."""
    client.force_login(world["coordinator"])
    theirs_day = world["theirs"].days.first()
    before = (theirs_day.date, theirs_day.start_time)
    ours = world["ours"]
    days = list(ours.days.all())
    data = {
        "title": ours.title,
        "slug": ours.slug,
        "kind": ours.kind,
        "status": ours.status,
        "visibility": ours.visibility,
        "lags": [lag.pk for lag in ours.lags.all()],
        "settlement": ours.settlement_id,
        "hours": "8",
        "capacity": ours.capacity,
        "questions": "[]",
        "days-TOTAL_FORMS": "2",
        "days-INITIAL_FORMS": "2",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for index, day in enumerate(days):
        pk = theirs_day.pk if index == 0 else day.pk
        data.update(
            {
                f"days-{index}-id": pk,
                f"days-{index}-event": ours.pk,
                f"days-{index}-date": "2030-01-01" if index == 0 else f"{day.date:%Y-%m-%d}",
                f"days-{index}-start_time": "08:00",
                f"days-{index}-end_time": "09:00",
            }
        )
    response = client.post(event_change(ours), data)
    assert response.status_code in (200, 302)  # Django skips an id outside the event's days
    theirs_day.refresh_from_db()
    assert (theirs_day.date, theirs_day.start_time) == before
    assert EventDay.objects.get(pk=theirs_day.pk).event_id == world["theirs"].pk


def test_event_admin_attendance_queries_do_not_grow_with_people(client, world):
    client.force_login(world["coordinator"])
    few = count_queries(client, event_change(world["ours"]))
    coordinator = world["coordinator"]
    days = list(world["ours"].days.all())
    for _ in range(6):
        registration = RegistrationFactory(event=world["ours"])
        for day in days:
            attendance_mark(registration=registration, day=day, present=True, by=coordinator)
    assert count_queries(client, event_change(world["ours"])) == few


def test_attendance_list_queries_do_not_grow_with_rows(client, world):
    client.force_login(world["coordinator"])
    few = count_queries(client, ATTENDANCE)
    coordinator = world["coordinator"]
    for _ in range(6):
        registration = RegistrationFactory(event=world["ours"])
        for day in world["ours"].days.all():
            attendance_mark(registration=registration, day=day, present=True, by=coordinator)
    assert count_queries(client, ATTENDANCE) == few


def test_non_staff_cannot_open_attendance_admin(client, world):
    client.force_login(world["ona"].person)
    response = client.get(ATTENDANCE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
