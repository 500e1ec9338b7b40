"""The person's page (`accounts:dashboard`): every app's section through accounts.mypage."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kaimolink.accounts import mypage
from kaimolink.actors.enums import MemberRole
from kaimolink.actors.models import ActorMembership
from kaimolink.certificates.models import Certificate
from kaimolink.events.enums import EventStatus, RegistrationStatus
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.quizzes import services as quiz_services
from tests.consultations.factories import BookingFactory, SlotFactory, in_days
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ActorFactory, UserFactory
from tests.helpers.queries import count_queries
from tests.homework.factories import AssignmentFactory, SubmissionFactory
from tests.quizzes.factories import answers_for, make_bank, make_quiz

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
URL = "/en/me/"


def _past_event():
    day = timezone.localdate() - datetime.timedelta(days=30)
    return EventFactory(days=[(day, datetime.time(10), datetime.time(16))])


def _give(person, n: int) -> None:
    """n items in every section of `person`'s page."""
    for i in range(n):
        event = EventFactory()
        RegistrationFactory(event=event, person=person)
        waiting = EventFactory(capacity=1)
        RegistrationFactory(event=waiting)
        RegistrationFactory(event=waiting, person=person, status=RegistrationStatus.WAITING)
        past = _past_event()
        registration = RegistrationFactory(event=past, person=person)
        assignment = AssignmentFactory(event=event, due_at=timezone.now() + datetime.timedelta(1))
        SubmissionFactory(
            assignment=assignment, person=person, status=SubmissionStatus.REDO, feedback="Plačiau."
        )
        AssignmentFactory(event=event)
        Certificate.objects.create(
            number=f"K-{person.pk}-{i}",
            kind=Certificate.Kind.ATTENDANCE,
            person=person,
            event=past,
            registration=registration,
            holder_name=person.full_name,
            title=past.title,
        )
        BookingFactory(person=person, slot=SlotFactory(starts_at=in_days(3 + i)))
        actor = ActorFactory()
        ActorMembership.objects.create(actor=actor, user=person, role=MemberRole.EDITOR)
        _take_test(person, f"testas-{person.pk}-{i}", right=i % 2 == 0)


def _take_test(person, slug: str, *, right: bool = True):
    """A finished attempt of `person` at a new test (all answers right, or all wrong)."""
    bank, topics = make_bank({"Taisyklės": 2}, title=f"Klausimynas {slug}")
    quiz = make_quiz(bank, {topics["Taisyklės"]: 2}, slug=slug, title=f"Testas {slug}")
    attempt = quiz_services.attempt_start(quiz=quiz, person=person)
    answers = answers_for(attempt, right=right)
    return quiz_services.attempt_submit(attempt=attempt, person=person, answers=answers)


def test_mypage_sections_are_registered_in_order():
    keys = [section.key for section in mypage.sections()]
    assert keys == [
        "events", "homework", "certificates", "passport", "quizzes", "consultations", "actors"
    ]  # fmt: skip


def test_mypage_shows_every_section_with_items_and_next_actions(client):
    person = UserFactory()
    _give(person, 1)
    client.force_login(person)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("events", "homework", "certificates", "consultations", "actors"):
        assert f'id="me-{key}"' in html
    assert "Cancel my registration" in html
    assert "Number 1 on the waiting list" in html
    assert "Hand in again" in html and "Plačiau." in html  # redo: the reviewer's feedback
    assert "Hand in</a>" in html  # the second assignment, not handed in
    certificate = Certificate.objects.get(person=person)
    assert certificate.pdf_url() in html and certificate.get_absolute_url() in html
    assert reverse("consultations:my_bookings") in html and "Cancel the booking" in html
    actor = ActorMembership.objects.get(user=person).actor
    assert reverse("actors:edit", args=[actor.slug]) in html and "Editor" in html


def test_mypage_empty_sections_say_what_to_do(client):
    client.force_login(UserFactory())
    html = client.get(URL).content.decode()
    assert "You are not registered for any upcoming event." in html
    assert html.count(reverse("events:list")) >= 2  # events and certificates point there
    assert "You have no homework." in html
    assert "You have no certificates yet" in html
    assert "No upcoming consultations." in html
    assert "You do not act for any actor yet." in html
    assert "You have not taken any test yet." in html


def test_mypage_my_tests_lists_attempts_with_score_result_and_link(client):
    person, other = UserFactory(), UserFactory()
    passed = _take_test(person, "akreditacija", right=True)
    failed = _take_test(person, "kartojimas", right=False)
    _take_test(other, "svetimas")
    client.force_login(person)

    html = client.get(URL).content.decode()

    section = html[html.index('id="me-quizzes"') :]
    section = section[: section.index("</section>")]
    assert "My tests" in html
    assert "Testas akreditacija" in section and "Testas kartojimas" in section
    assert "2 of 2 (100 %)" in section and "0 of 2 (0 %)" in section
    assert "passed" in section and "not passed" in section
    assert reverse("quizzes:result", args=[passed.pk]) in section
    assert reverse("quizzes:result", args=[failed.pk]) in section
    assert "Testas svetimas" not in section  # only the person's own
    assert section.index("Testas kartojimas") < section.index("Testas akreditacija")  # newest first
    assert "All my tests" not in section  # all shown: no link to more


def test_mypage_my_tests_shows_the_latest_five_and_links_to_all(client):
    person = UserFactory()
    for i in range(6):
        _take_test(person, f"testas-{i}")
    client.force_login(person)

    html = client.get(URL).content.decode()

    section = html[html.index('id="me-quizzes"') :]
    section = section[: section.index("</section>")]
    assert section.count("See the result") == 5
    assert f'href="{reverse("quizzes:mine")}">All my tests' in section


def test_mypage_waiting_position_counts_those_ahead(client):
    person = UserFactory()
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, person=person, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)  # behind
    client.force_login(person)
    assert "Number 3 on the waiting list" in client.get(URL).content.decode()


def test_mypage_cancelled_registration_offers_to_register_again(client):
    person = UserFactory()
    RegistrationFactory(person=person, status=RegistrationStatus.CANCELLED)
    client.force_login(person)
    assert "Register again" in client.get(URL).content.decode()


def test_mypage_shows_cancelled_event_and_hides_drafts(client):
    person = UserFactory()
    RegistrationFactory(person=person, event=EventFactory(status=EventStatus.CANCELLED))
    RegistrationFactory(person=person, event=EventFactory(status=EventStatus.DRAFT, title="Juodr"))
    client.force_login(person)
    html = client.get(URL).content.decode()
    assert "The event is cancelled" in html
    assert "Juodr" not in html


def test_mypage_shows_only_own_items(client):
    person, other = UserFactory(), UserFactory()
    _give(other, 1)
    client.force_login(person)
    html = client.get(URL).content.decode()
    assert "You are not registered for any upcoming event." in html
    assert "You have no certificates yet" in html


def test_mypage_revoked_certificate_has_no_download(client):
    person = UserFactory()
    _give(person, 1)
    certificate = Certificate.objects.get(person=person)
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["revoked_at"])
    client.force_login(person)
    html = client.get(URL).content.decode()
    assert "Revoked" in html and certificate.pdf_url() not in html


def test_mypage_query_count_does_not_grow_with_items(client):
    one, many = UserFactory(), UserFactory()
    _give(one, 1)
    _give(many, 6)
    client.force_login(one)
    few_queries = count_queries(client, URL)
    client.force_login(many)
    assert count_queries(client, URL) == few_queries


def test_mypage_asks_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_mypage_homework_puts_what_needs_the_person_first_and_folds_the_rest(client):
    person = UserFactory()
    event = EventFactory()
    RegistrationFactory(event=event, person=person)
    due = timezone.now() + datetime.timedelta(days=3)
    AssignmentFactory(event=event, title="Parašykite idėją", due_at=due)
    redo = AssignmentFactory(event=event, title="Pataisykite planą", due_at=due)
    SubmissionFactory(assignment=redo, person=person, status=SubmissionStatus.REDO)
    waiting = AssignmentFactory(event=event, title="Laukia vertinimo", due_at=due)
    SubmissionFactory(assignment=waiting, person=person, status=SubmissionStatus.SUBMITTED)
    for i in range(5):
        done = AssignmentFactory(event=event, title=f"Priimtas {i}", due_at=due)
        SubmissionFactory(
            assignment=done,
            person=person,
            status=SubmissionStatus.ACCEPTED,
            submitted_at=timezone.now() - datetime.timedelta(days=i),
        )
    client.force_login(person)

    html = client.get(URL).content.decode()
    section = html[html.index('id="me-homework"') :]
    section = section[: section.index("</section>")]

    to_do, rest = section.split('<details class="me-more">', 1)
    assert "Parašykite idėją" in to_do and "Pataisykite planą" in to_do
    assert "Laukia vertinimo" not in to_do
    waiting_folded, accepted = rest.split("</details>", 1)
    assert "Laukia vertinimo" in waiting_folded
    shown, older = accepted.split('<details class="me-more">', 1)
    assert [f"Priimtas {i}" in shown for i in range(5)] == [True, True, True, False, False]
    assert "Priimtas 3" in older and "Priimtas 4" in older


def test_mypage_cancel_leads_to_the_confirmation_page(client):
    person = UserFactory()
    registration = RegistrationFactory(event=EventFactory(), person=person)
    client.force_login(person)

    html = client.get(URL).content.decode()

    cancel_url = reverse(
        "events:cancel_registration", args=[registration.event.slug, registration.pk]
    )
    assert f'<a class="button button--warning" href="{cancel_url}">' in html
    assert client.get(cancel_url).status_code == 200  # the confirmation, nothing cancelled
    registration.refresh_from_db()
    assert registration.is_live
