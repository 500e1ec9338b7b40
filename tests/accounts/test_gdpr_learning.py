"""GDPR export and erasure of the learning apps: events, homework, certificates, contact fair."""

import datetime
import json
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kaimolink.accounts.models import User
from kaimolink.accounts.services import account_erase, personal_data_export
from kaimolink.certificates.models import Certificate
from kaimolink.certificates.services import attendance_certificate_issue, certificate_revoke
from kaimolink.contactfair import services as fair_services
from kaimolink.contactfair.models import FairParticipant, MeetingRequest
from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.events.models import Attendance, Event, Registration
from kaimolink.events.services import attendance_mark, registration_create
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.models import Submission
from kaimolink.homework.services import submission_create, submission_review
from tests.contactfair.factories import fair_event
from tests.contactfair.factories import participant as fair_participant
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.files import upload
from tests.homework.factories import AssignmentFactory

pytestmark = pytest.mark.django_db


def past_days(n=2):
    start = timezone.localdate() - datetime.timedelta(days=10)
    return [
        (start + datetime.timedelta(days=i), datetime.time(9), datetime.time(13)) for i in range(n)
    ]


@pytest.fixture
def world():
    lag = LagFactory()
    coordinator = make_coordinator(lag, full_name="Koordinatorė Rasa")
    ona = UserFactory(full_name="Ona Onaitė", email="ona@example.lt")
    other = UserFactory(full_name="Petras Kitas", email="petras@example.lt")
    return {"lag": lag, "coordinator": coordinator, "ona": ona, "other": other}


def upcoming_event(world, **kwargs):
    return EventFactory(lags=[world["lag"]], **kwargs)


def held_event(world, **kwargs):
    return EventFactory(lags=[world["lag"]], status=EventStatus.HELD, days=past_days(), **kwargs)


def present_everywhere(registration, by):
    for day in registration.event.days.all():
        attendance_mark(registration=registration, day=day, present=True, by=by)


def export(user) -> dict:
    data = personal_data_export(user=user)
    json.dumps(data)  # JSON-ready, as the download sends it
    return data


# Export


def test_export_has_registrations_with_answers_attendance_and_who_registered(world):
    ona, coordinator = world["ona"], world["coordinator"]
    event = upcoming_event(world, title="Rinkodaros mokymai", questions=["Mitybos poreikiai"])
    registration_create(
        event=event, person=ona, answers={"Mitybos poreikiai": "Vegetariškas"}, by=ona
    )
    assisted = upcoming_event(world, title="Konferencija")
    registration = registration_create(event=assisted, person=ona, by=coordinator, consent=True)
    attendance_mark(
        registration=registration, day=assisted.days.get(), present=True, by=coordinator
    )

    data = export(ona)

    own, made = data["event_registrations"]
    assert own["event"] == "Rinkodaros mokymai"
    assert own["answers"] == {"Mitybos poreikiai": "Vegetariškas"}
    assert own["status"] == RegistrationStatus.CONFIRMED
    assert own["registered_by"] == "self" and own["attendance"] == []
    assert made["event"] == "Konferencija"
    assert made["registered_by"] == "Koordinatorė Rasa" and made["consent_recorded"] is True
    assert made["attendance"] == [{"date": f"{assisted.days.get().date:%Y-%m-%d}", "present": True}]
    assert data["event_registrations_made_for_others"] == []


def test_export_of_registrations_made_for_others_holds_only_the_fact(world):
    coordinator, other = world["coordinator"], world["other"]
    event = upcoming_event(world, title="Kvietimas", questions=["Pastabos"])
    registration_create(
        event=event, person=other, by=coordinator, consent=True, answers={"Pastabos": "Slapta"}
    )
    data = export(coordinator)
    assert [r["event"] for r in data["event_registrations_made_for_others"]] == ["Kvietimas"]
    body = json.dumps(data, ensure_ascii=False)
    assert "Petras Kitas" not in body and "petras@example.lt" not in body
    assert "Slapta" not in body
    assert data["event_registrations"] == []


def test_export_has_homework_with_feedback_and_file_names(world):
    ona, coordinator = world["ona"], world["coordinator"]
    event = upcoming_event(world, title="Verslo planas")
    RegistrationFactory(event=event, person=ona)
    assignment = AssignmentFactory(event=event, title="Verslo modelis")
    first = submission_create(
        assignment=assignment, person=ona, text="Pirmas bandymas", file=upload("planas.pdf")
    )
    submission_review(submission=first, by=coordinator, status="redo", feedback="Trūksta kainų")
    submission_create(assignment=assignment, person=ona, text="Antras bandymas")

    items = export(ona)["homework_submissions"]

    assert [s["text"] for s in items] == ["Pirmas bandymas", "Antras bandymas"]
    assert items[0]["file_name"] == "planas.pdf" and items[0]["file_type"] == "pdf"
    assert items[0]["file_size"] > 0
    assert items[0]["feedback"] == "Trūksta kainų" and items[0]["status"] == "redo"
    assert items[0]["assignment"] == "Verslo modelis" and items[0]["event"] == "Verslo planas"
    assert items[1]["status"] == SubmissionStatus.SUBMITTED and items[1]["file_name"] is None


def test_export_has_certificates_number_event_issued_revoked(world):
    ona, coordinator = world["ona"], world["coordinator"]
    kept = RegistrationFactory(event=held_event(world, title="Mokymai A"), person=ona)
    revoked = RegistrationFactory(event=held_event(world, title="Mokymai B"), person=ona)
    for registration in (kept, revoked):
        present_everywhere(registration, coordinator)
    a = attendance_certificate_issue(registration=kept, by=coordinator)
    b = attendance_certificate_issue(registration=revoked, by=coordinator)
    certificate_revoke(certificate=b, reason="Klaida", by=coordinator)

    items = export(ona)["certificates"]

    assert [(c["number"], c["event"]) for c in items] == [
        (a.number, "Mokymai A"),
        (b.number, "Mokymai B"),
    ]
    assert items[0]["issued_at"] and items[0]["revoked_at"] is None
    assert items[1]["revoked_at"] and items[1]["revoke_reason"] == "Klaida"
    assert items[0]["verify_url"].endswith(f"/verify/{a.printed_code}/")


def test_export_has_fair_participation_and_meeting_requests(world):
    event = fair_event(lags=[world["lag"]], title="Kaimo konferencija")
    ona_actor = ActorFactory(name="Onos ūkis", owners=[world["ona"]])
    RegistrationFactory(event=event, person=world["ona"])
    me = fair_services.fair_join(
        event=event, person=world["ona"], actor=ona_actor, pitch="Siūlome sūrius"
    )
    them = fair_participant(event, name="Petro dirbtuvės")
    fair_services.meeting_request_create(sender=me, receiver=them, message="Susitikime")
    back = fair_services.meeting_request_create(sender=them, receiver=me, message="Ir mes")
    fair_services.meeting_request_answer(request=back, receiver=me, accept=True)

    data = export(world["ona"])

    assert data["contact_fair_participations"] == [
        {
            "event": "Kaimo konferencija",
            "on_behalf_of": "Onos ūkis",
            "pitch": "Siūlome sūrius",
            "joined_at": me.created_at.isoformat(),
        }
    ]
    sent = data["contact_fair_meeting_requests_sent"]
    received = data["contact_fair_meeting_requests_received"]
    assert [(r["to"], r["message"], r["status"]) for r in sent] == [
        ("Petro dirbtuvės", "Susitikime", "pending")
    ]
    assert [(r["from"], r["message"], r["status"]) for r in received] == [
        ("Petro dirbtuvės", "Ir mes", "accepted")
    ]
    assert them.registration.person.email not in json.dumps(data)


def test_export_holds_nobody_elses_learning_data(world):
    coordinator, other = world["coordinator"], world["other"]
    event = held_event(world, title="Bendri mokymai", questions=["Klausimas"])
    theirs = RegistrationFactory(event=event, person=other, answers={"Klausimas": "Petro ats."})
    present_everywhere(theirs, coordinator)
    attendance_certificate_issue(registration=theirs, by=coordinator)
    assignment = AssignmentFactory(event=event)
    Submission.objects.create(
        assignment=assignment, person=other, registration=theirs, text="Petro darbas"
    )
    RegistrationFactory(event=event, person=world["ona"])
    body = json.dumps(export(world["ona"]), ensure_ascii=False)
    for text in ("Petras Kitas", "petras@example.lt", "Petro ats.", "Petro darbas"):
        assert text not in body


def test_export_queries_do_not_grow_with_the_learning_history(world):
    ona, coordinator = world["ona"], world["coordinator"]

    def add_history(title):
        event = fair_event(
            lags=[world["lag"]], title=title, status=EventStatus.HELD, days=past_days()
        )
        registration = RegistrationFactory(event=event, person=ona, answers={})
        present_everywhere(registration, coordinator)
        attendance_certificate_issue(registration=registration, by=coordinator)
        Submission.objects.create(
            assignment=AssignmentFactory(event=event), person=ona, registration=registration
        )
        me = FairParticipant.objects.create(event=event, registration=registration, pitch="x")
        them = fair_participant(event)
        MeetingRequest.objects.create(event=event, from_participant=me, to_participant=them)
        MeetingRequest.objects.create(event=event, from_participant=them, to_participant=me)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            export(ona)
        return len(ctx.captured_queries)

    add_history("Pirmas")
    one = count()
    for n in range(4):
        add_history(f"Dar {n}")
    assert len(export(ona)["certificates"]) == 5
    assert count() == one


# Erasure


def test_erase_frees_an_upcoming_place_for_the_first_waiting(
    world, django_capture_on_commit_callbacks
):
    ona, other = world["ona"], world["other"]
    event = upcoming_event(world, capacity=1, title="Populiarūs mokymai")
    registration_create(event=event, person=ona)
    waiting = registration_create(event=event, person=other)
    later = registration_create(event=event, person=UserFactory())
    assert waiting.status == RegistrationStatus.WAITING

    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=ona)

    assert not User.objects.filter(pk=ona.pk).exists()
    assert not Registration.objects.filter(person_id=ona.pk).exists()
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED and waiting.promoted_at
    assert later.status == RegistrationStatus.WAITING
    assert [m.to for m in mail.outbox] == [[other.email]]


def test_erase_of_a_started_event_place_promotes_nobody(world):
    ona, other = world["ona"], world["other"]
    event = held_event(world, capacity=1)
    RegistrationFactory(event=event, person=ona)
    waiting = RegistrationFactory(event=event, person=other, status=RegistrationStatus.WAITING)
    account_erase(user=ona)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITING
    assert Registration.objects.filter(event=event).count() == 1


def test_erase_deletes_registrations_attendance_and_keeps_what_was_done_for_others(world):
    coordinator, ona, other = world["coordinator"], world["ona"], world["other"]
    event = held_event(world, trainer=coordinator)
    own = RegistrationFactory(event=event, person=coordinator)
    present_everywhere(own, coordinator)
    theirs = registration_create(
        event=upcoming_event(world), person=other, by=coordinator, consent=True
    )
    marked = RegistrationFactory(event=event, person=ona)
    present_everywhere(marked, coordinator)

    account_erase(user=coordinator)

    assert not Registration.objects.filter(pk=own.pk).exists()
    assert not Attendance.objects.filter(registration_id=own.pk).exists()
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.CONFIRMED and theirs.registered_by is None
    assert Attendance.objects.filter(registration=marked, marked_by__isnull=True).count() == 2
    assert Event.objects.get(pk=event.pk).trainer is None


def stored_file(submission) -> Path:
    return Path(submission.file.storage.path(submission.file.name))


def test_erase_deletes_homework_files_after_the_commit(world, django_capture_on_commit_callbacks):
    ona, other = world["ona"], world["other"]
    event = upcoming_event(world)
    RegistrationFactory(event=event, person=ona)
    RegistrationFactory(event=event, person=other)
    assignment = AssignmentFactory(event=event)
    mine = submission_create(assignment=assignment, person=ona, file=upload("mano.pdf"))
    theirs = submission_create(assignment=assignment, person=other, file=upload("jo.pdf"))
    mine_path, theirs_path = stored_file(mine), stored_file(theirs)
    assert mine_path.is_file() and theirs_path.is_file()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        account_erase(user=ona)
    assert mine_path.is_file()  # not before the erasure has committed
    for callback in callbacks:
        callback()

    assert not mine_path.exists()
    assert theirs_path.is_file()
    assert not Submission.objects.filter(pk=mine.pk).exists()
    assert Submission.objects.filter(pk=theirs.pk).exists()


def test_erase_keeps_the_certificate_in_the_registry_without_the_name(
    client, world, django_capture_on_commit_callbacks, settings
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    ona, coordinator = world["ona"], world["coordinator"]
    event = held_event(world, title="Vietos tapatumo mokymai")
    registration = RegistrationFactory(event=event, person=ona)
    present_everywhere(registration, coordinator)
    certificate = attendance_certificate_issue(registration=registration, by=coordinator)
    revoked_event = held_event(world, title="Kiti mokymai")
    other_registration = RegistrationFactory(event=revoked_event, person=ona)
    present_everywhere(other_registration, coordinator)
    revoked = attendance_certificate_issue(registration=other_registration, by=coordinator)
    certificate_revoke(certificate=revoked, reason="Ona dalyvavo tik valandą", by=coordinator)
    page = client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert "Ona Onaitė" in page  # cached now

    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=ona)

    certificate.refresh_from_db()
    assert certificate.holder_name == "" and certificate.person is None
    assert certificate.registration is None
    assert certificate.number and certificate.title == "Vietos tapatumo mokymai"
    response = client.get(f"/en/verify/{certificate.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "genuine" in page and "Vietos tapatumo mokymai" in page
    assert "Ona Onaitė" not in page and "removed at their request" in page
    revoked.refresh_from_db()
    assert revoked.revoked_at is not None and revoked.revoke_reason == ""
    assert "revoked" in client.get(f"/en/verify/{revoked.code}/").content.decode()
    # the organisers' list shows the entry without the name
    client.force_login(coordinator)
    listing = client.get(f"/en/certificates/events/{event.slug}/").content.decode()
    assert certificate.number in listing and "Ona Onaitė" not in listing


def test_erase_through_the_page_with_a_certificate_works(client, world):
    """Before certificates/gdpr.py (and SET_NULL on the certificate's holder) a person
    holding a certificate could not erase their account: PROTECT stopped the delete."""
    ona, coordinator = world["ona"], world["coordinator"]
    registration = RegistrationFactory(event=held_event(world), person=ona)
    present_everywhere(registration, coordinator)
    attendance_certificate_issue(registration=registration, by=coordinator)
    client.force_login(ona)
    response = client.post("/lt/me/delete/", {"confirm": ona.email})
    assert response.status_code == 302
    assert not User.objects.filter(pk=ona.pk).exists()
    assert Certificate.objects.get().holder_name == ""


def test_erase_removes_fair_participation_and_requests_but_not_the_others(world):
    event = fair_event(lags=[world["lag"]])
    RegistrationFactory(event=event, person=world["ona"])
    me = fair_services.fair_join(event=event, person=world["ona"], pitch="Sūriai")
    them = fair_participant(event)
    third = fair_participant(event)
    fair_services.meeting_request_create(sender=me, receiver=them)
    fair_services.meeting_request_create(sender=them, receiver=me)
    kept = fair_services.meeting_request_create(sender=them, receiver=third)

    account_erase(user=world["ona"])

    assert not FairParticipant.objects.filter(pk=me.pk).exists()
    assert list(MeetingRequest.objects.all()) == [kept]
    assert FairParticipant.objects.filter(pk__in=[them.pk, third.pk]).count() == 2


def test_erase_leaves_nothing_of_the_person_in_the_export_tables(world):
    """After erasure no learning row points at the person's id any more."""
    ona, coordinator = world["ona"], world["coordinator"]
    event = held_event(world)
    registration = RegistrationFactory(event=event, person=ona)
    present_everywhere(registration, coordinator)
    attendance_certificate_issue(registration=registration, by=coordinator)
    Submission.objects.create(
        assignment=AssignmentFactory(event=event), person=ona, registration=registration
    )
    pk = ona.pk
    account_erase(user=ona)
    assert not Registration.objects.filter(person_id=pk).exists()
    assert not Submission.objects.filter(person_id=pk).exists()
    assert not Certificate.objects.filter(person_id=pk).exists()
    assert not Certificate.objects.filter(holder_name="Ona Onaitė").exists()
