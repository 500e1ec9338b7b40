"""Attendance: marking (service and page), who may, the page's queries, XLSX and PDF lists."""

import datetime
import io
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.models import Attendance
from kaimolink.events.selectors import attendance_sheet, event_figures
from kaimolink.events.services import RegistrationError, attendance_mark
from tests.events.factories import EventFactory, RegistrationFactory, fill
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def two_days():
    start = timezone.localdate() + datetime.timedelta(days=3)
    return [
        (start, datetime.time(9), datetime.time(13)),
        (start + datetime.timedelta(days=1), datetime.time(9), datetime.time(17)),
    ]


@pytest.fixture
def world():
    lag, other_lag = LagFactory(), LagFactory()
    trainer = UserFactory(full_name="Treneris Petraitis")
    event = EventFactory(title="Vietos tapatumo mokymai", lags=[lag], trainer=trainer, hours=12)
    person = UserFactory(full_name="Žydrūnė Šėtaitė", email="zydrune@example.lt")
    return {
        "event": event,
        "day": event.days.get(),
        "registration": RegistrationFactory(event=event, person=person),
        "coordinator": make_coordinator(lag),
        "other_coordinator": make_coordinator(other_lag),
        "trainer": trainer,
    }


def attendance_url(event, suffix="/"):
    return f"/en/events/{event.slug}/attendance{suffix}"


def post_mark(client, registration, day, present, event=None, **headers):
    return client.post(
        attendance_url(event or registration.event),
        {"registration": registration.pk, "day": day.pk, "present": "1" if present else "0"},
        **headers,
    )


# The service


@pytest.mark.parametrize("who", ["coordinator", "trainer"])
def test_attendance_mark_by_coordinator_or_trainer_records_presence(world, who):
    attendance = attendance_mark(
        registration=world["registration"], day=world["day"], present=True, by=world[who]
    )
    assert attendance.present is True
    assert attendance.marked_by == world[who]
    assert Attendance.objects.get().present is True


def test_attendance_mark_twice_toggles_one_row(world):
    kwargs = {"registration": world["registration"], "day": world["day"], "by": world["trainer"]}
    attendance_mark(present=True, **kwargs)
    attendance_mark(present=True, **kwargs)  # a double tap changes nothing
    assert Attendance.objects.filter(present=True).count() == 1
    attendance_mark(present=False, **kwargs)
    assert list(Attendance.objects.values_list("present", flat=True)) == [False]


@pytest.mark.parametrize("who", ["other_coordinator", "participant", "stranger"])
def test_attendance_mark_by_others_is_refused(world, who):
    by = {
        "other_coordinator": world["other_coordinator"],
        "participant": world["registration"].person,
        "stranger": UserFactory(),
    }[who]
    with pytest.raises(RegistrationError, match="may not mark attendance"):
        attendance_mark(registration=world["registration"], day=world["day"], present=True, by=by)
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", [RegistrationStatus.WAITING, RegistrationStatus.CANCELLED])
def test_attendance_mark_of_unconfirmed_registration_is_refused(world, status):
    registration = RegistrationFactory(event=world["event"], status=status)
    with pytest.raises(RegistrationError, match="only for confirmed registrations"):
        attendance_mark(
            registration=registration, day=world["day"], present=True, by=world["coordinator"]
        )
    assert not Attendance.objects.exists()


def test_attendance_mark_on_day_of_another_event_is_refused(world):
    other_day = EventFactory(lags=[world["event"].lags.get()]).days.get()
    with pytest.raises(RegistrationError, match="not part of this event"):
        attendance_mark(
            registration=world["registration"],
            day=other_day,
            present=True,
            by=world["coordinator"],
        )
    assert not Attendance.objects.exists()


def test_attendance_mark_at_cancelled_event_is_refused(world):
    world["event"].status = EventStatus.CANCELLED
    world["event"].save(update_fields=["status"])
    with pytest.raises(RegistrationError, match="cancelled"):
        attendance_mark(
            registration=world["registration"], day=world["day"], present=True, by=world["trainer"]
        )
    assert not Attendance.objects.exists()


# The page


@pytest.mark.parametrize("who", ["coordinator", "trainer"])
def test_attendance_page_lists_confirmed_participants(client, world, who):
    RegistrationFactory(
        event=world["event"],
        person=UserFactory(full_name="Laukiantis Asmuo"),
        status=RegistrationStatus.WAITING,
    )
    client.force_login(world[who])
    page = client.get(attendance_url(world["event"])).content.decode()
    assert "Žydrūnė Šėtaitė" in page
    assert "Laukiantis Asmuo" not in page
    assert 'aria-pressed="false"' in page
    assert "0 of 1 present" in page


@pytest.mark.parametrize("who", ["other_coordinator", "participant", "anonymous"])
@pytest.mark.parametrize("suffix", ["/", ".xlsx", ".pdf"])
def test_attendance_pages_are_hidden_from_others(client, world, who, suffix):
    if who == "participant":
        client.force_login(world["registration"].person)
    elif who != "anonymous":
        client.force_login(world[who])
    response = client.get(attendance_url(world["event"], suffix))
    if who == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("who", ["other_coordinator", "participant", "anonymous"])
def test_attendance_post_by_others_changes_nothing(client, world, who):
    if who == "participant":
        client.force_login(world["registration"].person)
    elif who != "anonymous":
        client.force_login(world[who])
    response = post_mark(client, world["registration"], world["day"], True)
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert not Attendance.objects.exists()


def test_attendance_post_without_javascript_marks_and_redirects(client, world):
    client.force_login(world["trainer"])
    registration, day = world["registration"], world["day"]
    response = post_mark(client, registration, day, True)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/attendance/#mark-{day.pk}-{registration.pk}")
    assert Attendance.objects.get(registration=registration, day=day).present is True
    page = client.get(response["Location"]).content.decode()
    assert 'aria-pressed="true"' in page and "1 of 1 present" in page
    post_mark(client, registration, day, False)
    assert Attendance.objects.get(registration=registration, day=day).present is False


def test_attendance_post_with_htmx_answers_only_the_row(client, world):
    client.force_login(world["coordinator"])
    registration, day = world["registration"], world["day"]
    response = post_mark(client, registration, day, True, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith(f'<li id="mark-{day.pk}-{registration.pk}">')
    assert "<html" not in body
    assert 'aria-pressed="true"' in body and 'name="present" value="0"' in body
    assert 'hx-swap-oob="true"' in body and "1 of 1 present" in body
    response = post_mark(client, registration, day, False, HTTP_HX_REQUEST="true")
    assert 'aria-pressed="false"' in response.content.decode()
    assert Attendance.objects.get().present is False


def test_attendance_post_of_waiting_registration_shows_the_refusal(client, world):
    waiting = RegistrationFactory(event=world["event"], status=RegistrationStatus.WAITING)
    client.force_login(world["coordinator"])
    response = post_mark(client, waiting, world["day"], True, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "only for confirmed registrations" in response.content.decode()
    response = post_mark(client, waiting, world["day"], True)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "only for confirmed registrations" in page
    assert not Attendance.objects.exists()


def test_attendance_post_with_day_of_another_event_changes_nothing(client, world):
    other_day = EventFactory(lags=[world["event"].lags.get()]).days.get()
    client.force_login(world["coordinator"])
    response = post_mark(client, world["registration"], other_day, True, HTTP_HX_REQUEST="true")
    assert "not part of this event" in response.content.decode()
    assert not Attendance.objects.exists()


def test_attendance_post_with_registration_of_another_event_is_404(client, world):
    stranger = RegistrationFactory(event=EventFactory(lags=[world["event"].lags.get()]))
    client.force_login(world["coordinator"])
    response = post_mark(client, stranger, world["day"], True, event=world["event"])
    assert response.status_code == 404
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"registration": "x", "day": "1", "present": "1"},
        {"registration": "1", "day": "-1", "present": "1"},
        {"registration": "1", "day": "1", "present": "yes"},
        {"registration": "9" * 40, "day": "1", "present": "1"},
    ],
)
def test_attendance_post_with_bad_input_answers_400(client, world, data):
    client.force_login(world["coordinator"])
    response = client.post(attendance_url(world["event"]), data)
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("suffix", ["/", ".xlsx", ".pdf"])
def test_attendance_page_and_files_run_constant_queries(client, suffix):
    lag = LagFactory()
    trainer = UserFactory()
    event = EventFactory(lags=[lag], trainer=trainer, days=two_days())
    day = event.days.first()
    (first,) = fill(event, 1)
    attendance_mark(registration=first, day=day, present=True, by=trainer)
    client.force_login(trainer)
    one = count_queries(client, attendance_url(event, suffix))
    actor = ActorFactory(lag=lag)
    for registration in fill(event, 25):
        registration.actor = actor
        registration.save(update_fields=["actor"])
        attendance_mark(registration=registration, day=day, present=True, by=trainer)
    many = count_queries(client, attendance_url(event, suffix))
    assert one == many


def test_detail_page_links_to_attendance_for_organisers_only(client, world):
    url = world["event"].get_absolute_url()
    client.force_login(world["trainer"])
    assert attendance_url(world["event"]).removeprefix("/en") in client.get(url).content.decode()
    client.force_login(world["registration"].person)
    assert "/attendance/" not in client.get(url).content.decode()


# Figures


def test_event_figures_count_attended_people_and_hours(django_assert_num_queries):
    trainer = UserFactory()
    event = EventFactory(trainer=trainer, days=two_days(), hours=12)  # 4 h + 8 h of clock time
    first_day, second_day = event.days.all()
    both, first_only, absent = fill(event, 3)
    for registration, day in [(both, first_day), (both, second_day), (first_only, first_day)]:
        attendance_mark(registration=registration, day=day, present=True, by=trainer)
    attendance_mark(registration=absent, day=first_day, present=False, by=trainer)
    with django_assert_num_queries(4):
        figures = event_figures(event=event)
    assert figures.confirmed == 3
    assert figures.attended == 2
    assert figures.hours_attended == Decimal("16.0")  # 12 + 4
    sheet = attendance_sheet(event=event)
    assert sheet.hours_attended(both) == Decimal("12.0")
    assert sheet.hours_attended(first_only) == Decimal("4.0")
    assert sheet.hours_attended(absent) == Decimal("0.0")


def test_event_figures_without_attendance():
    event = EventFactory()
    fill(event, 2)
    figures = event_figures(event=event)
    assert (figures.attended, figures.hours_attended) == (0, Decimal("0.0"))


def test_event_figures_skip_registrations_cancelled_after_attending():
    trainer = UserFactory()
    event = EventFactory(trainer=trainer, hours=8)
    (registration,) = fill(event, 1)
    attendance_mark(registration=registration, day=event.days.get(), present=True, by=trainer)
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    assert event_figures(event=event).attended == 0


# Files


def marked_world(world):
    """Two days; Žydrūnė present on the second, a second person on both."""
    event = EventFactory(
        title="Socialinės inovacijos kaime",
        lags=list(world["event"].lags.all()),
        trainer=world["trainer"],
        days=two_days(),
        hours=12,
    )
    first_day, second_day = event.days.all()
    zydrune = RegistrationFactory(
        event=event,
        person=world["registration"].person,
        actor=ActorFactory(name="Šilėnų bendruomenė", lag=event.lags.get()),
    )
    antanas = RegistrationFactory(
        event=event, person=UserFactory(full_name="Antanas Ąžuolas", email="a@example.lt")
    )
    for registration, day in [(zydrune, second_day), (antanas, first_day), (antanas, second_day)]:
        attendance_mark(registration=registration, day=day, present=True, by=world["trainer"])
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    return event, (first_day, second_day)


def test_attendance_xlsx_reads_back(client, world):
    event, (first_day, second_day) = marked_world(world)
    client.force_login(world["coordinator"])
    response = client.get(attendance_url(event, ".xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{event.slug}-attendance.xlsx"'
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "No.",
        "Name",
        "E-mail",
        "On behalf of",
        f"{first_day.date:%Y-%m-%d}",
        f"{second_day.date:%Y-%m-%d}",
        "Hours attended",
    )
    # Lithuanian alphabetical order: Antanas before Žydrūnė; the waiting person is left out.
    assert rows[1] == (1, "Antanas Ąžuolas", "a@example.lt", None, "✓", "✓", 12)
    assert rows[2] == (
        2,
        "Žydrūnė Šėtaitė",
        "zydrune@example.lt",
        "Šilėnų bendruomenė",
        None,
        "✓",
        8,
    )
    assert rows[3] == (None, "Total present", None, None, 1, 2, 20)
    assert len(rows) == 4


def test_attendance_xlsx_escapes_formulas_in_names(client, world):
    event = world["event"]
    RegistrationFactory(
        event=event, person=UserFactory(full_name='=HYPERLINK("http://x.example","Spausk")')
    )
    client.force_login(world["trainer"])
    response = client.get(attendance_url(event, ".xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x.example","Spausk")' in names
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_attendance_pdf_text_has_lithuanian_letters(client, world):
    event, (first_day, _second_day) = marked_world(world)
    client.force_login(world["trainer"])
    response = client.get(attendance_url(event, ".pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert "Socialinės inovacijos kaime" in text
    assert "Žydrūnė Šėtaitė" in text
    assert "Antanas Ąžuolas" in text
    assert "Šilėnų bendruomenė" in text
    assert "Treneris Petraitis" in text
    assert f"{first_day.date:%Y-%m-%d}" in text
    assert "Signature" in text
    assert text.index("Antanas Ąžuolas") < text.index("Žydrūnė Šėtaitė")
    assert reader.metadata.title == "Socialinės inovacijos kaime"


def test_attendance_pdf_of_many_people_and_no_days(client, world):
    event = world["event"]
    fill(event, 70)  # several pages
    client.force_login(world["trainer"])
    reader = PdfReader(io.BytesIO(client.get(attendance_url(event, ".pdf")).content))
    assert len(reader.pages) >= 2
    assert "No." in reader.pages[1].extract_text()  # the table header is repeated
    empty = EventFactory(lags=list(event.lags.all()), trainer=world["trainer"], days=[])
    response = client.get(attendance_url(empty, ".pdf"))
    assert response.status_code == 200
    assert (
        "Nobody has registered yet"
        in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    )


def test_attendance_pdf_in_lithuanian(client, world):
    client.force_login(world["coordinator"])
    response = client.get(f"/lt/events/{world['event'].slug}/attendance.pdf")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Žydrūnė Šėtaitė" in text


# Two organisers tapping the same person at the same moment (real PostgreSQL)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_attendance_marked_at_once_by_many_leaves_one_row():
    lag = LagFactory()
    trainer = UserFactory()
    coordinator = make_coordinator(lag)
    event = EventFactory(lags=[lag], trainer=trainer)
    day = event.days.get()
    (registration,) = fill(event, 1)
    errors = []

    def mark(by):
        try:
            attendance_mark(registration=registration, day=day, present=True, by=by)
        except Exception as exc:  # noqa: BLE001  any failure is the test's finding
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=mark, args=(who,)) for who in [trainer, coordinator] * 6]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert list(Attendance.objects.values_list("present", flat=True)) == [True]
