"""The one mail path (core.mail): single-line subjects, the recipient's language, retries.

Regression tests for issue 8, finding 3: a reason or a name with a line break used to end
up in an e-mail subject, which a real SMTP server refuses (Django raises BadHeaderError):
the change was saved but the person got a 500. The tests run with conftest's SMTP-like
backend (tests/mail_backend.py) and with commits that really happen (transaction=True),
so an e-mail fails inside the request exactly as it did in production.
"""

import logging

import pytest
from django.core import mail
from django.urls import reverse

from kaimolink.consultations.models import Booking
from kaimolink.core import mail as mail_service
from kaimolink.core.mail import MAX_ATTEMPTS, mail_to, single_line
from kaimolink.core.models import Theme
from kaimolink.discussions.models import Reply
from kaimolink.moderation.models import Report
from tests.consultations.factories import BookingFactory
from tests.discussions.factories import ReplyFactory, TopicFactory
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.mail_backend import FailingSmtpBackend
from tests.partnerships.factories import PostFactory

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
REASON = "Šlamštas\r\nBcc: visi@example.lt\nir dar"


def assert_one_single_line_mail_to(address: str) -> mail.EmailMessage:
    sent = [m for m in mail.outbox if m.to == [address]]
    assert len(sent) == 1, [m.to for m in mail.outbox]
    assert "\n" not in sent[0].subject and "\r" not in sent[0].subject
    sent[0].message()  # what the SMTP backend does: no BadHeaderError
    return sent[0]


def test_single_line_collapses_every_line_break_and_caps_the_length():
    assert single_line("  A\r\nB\n\tC \u2028 D  ") == "A B C D"
    long = single_line("x" * 500, max_length=50)
    assert len(long) == 50 and long.endswith("…")


@pytest.mark.django_db
def test_mail_is_written_in_the_recipients_language(django_capture_on_commit_callbacks):
    from django.utils.translation import get_language

    english, lithuanian = UserFactory(language="en"), UserFactory(language="lt")
    with django_capture_on_commit_callbacks(execute=True):
        for person in (english, lithuanian):
            mail_to(person, lambda: (f"subject {get_language()}", "body"))
        mail_to("someone@example.lt", lambda: (f"subject {get_language()}", "body"))
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        english.email: "subject en",
        lithuanian.email: "subject lt",
        "someone@example.lt": "subject lt",  # a bare address: the site's language
    }


@pytest.mark.django_db
def test_nothing_is_mailed_when_the_transaction_is_rolled_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail_to(UserFactory(), lambda: ("subject", "body"))
    assert len(callbacks) == 1 and mail.outbox == []  # queued only by the commit


# --- Finding 3: a line break in a reason or a name ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_report_reason_with_a_line_break_is_saved_and_mailed_on_one_line(client):
    post = PostFactory()
    coordinator = make_coordinator(post.actor.lag)
    client.force_login(UserFactory())
    response = client.post(reverse("partnerships:report", args=[post.pk]), {"reason": REASON})
    assert response.status_code == 302
    assert Report.objects.get().reason.startswith("Šlamštas")
    message = assert_one_single_line_mail_to(coordinator.email)
    assert "Šlamštas Bcc: visi@example.lt ir dar" in message.subject


@pytest.mark.django_db(transaction=True)
def test_a_booking_cancellation_reason_with_a_line_break_is_saved_and_mailed(client):
    booking = BookingFactory()
    client.force_login(booking.slot.consultant)
    response = client.post(
        f"/en/consultations/bookings/{booking.pk}/cancel/", {"confirmed": "1", "reason": REASON}
    )
    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).cancelled_at is not None
    message = assert_one_single_line_mail_to(booking.person.email)
    assert "Šlamštas Bcc: visi@example.lt ir dar" in message.subject


@pytest.mark.django_db(transaction=True)
def test_a_moderation_reason_with_a_line_break_is_saved_and_mailed(client):
    lag = LagFactory()
    # A transactional test starts from an empty database: the migrations' themes are gone.
    theme, _ = Theme.objects.get_or_create(
        slug="short-supply-chains", defaults={"kind": Theme.Kind.SMART_VILLAGE, "name_lt": "T"}
    )
    reply = ReplyFactory(topic=TopicFactory(lag=lag, theme=theme))
    client.force_login(make_coordinator(lag))
    response = client.post(f"/en/discussions/replies/{reply.pk}/hide/", {"reason": REASON})
    assert response.status_code == 302
    assert Reply.objects.get(pk=reply.pk).hidden
    message = assert_one_single_line_mail_to(reply.author.email)
    assert "Šlamštas Bcc: visi@example.lt ir dar" in message.subject


@pytest.mark.django_db(transaction=True)
def test_a_contact_form_name_with_a_line_break_is_sent_on_one_line(client):
    actor = ActorFactory(email="info@ukis.lt")
    response = client.post(
        f"{actor.get_absolute_url()}contact/",
        {
            "name": "Ona\r\nBcc: visi@example.lt",
            "email": "ona@example.lt",
            "message": "Labas, ar turite medaus?",
        },
    )
    assert response.status_code == 302
    message = assert_one_single_line_mail_to("info@ukis.lt")
    assert "Ona Bcc: visi@example.lt" in message.subject
    assert message.reply_to == ["ona@example.lt"]


# --- A mail server that fails ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_smtp_failure_gives_no_error_page_and_the_mail_is_retried(client, settings):
    settings.EMAIL_BACKEND = "tests.mail_backend.FailingSmtpBackend"
    FailingSmtpBackend.reset(failures=2)
    booking = BookingFactory()
    client.force_login(booking.slot.consultant)
    response = client.post(
        f"/en/consultations/bookings/{booking.pk}/cancel/", {"confirmed": "1", "reason": "Liga"}
    )
    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).cancelled_at is not None
    # Two refused attempts, then the third goes (the immediate backend retries at once).
    assert FailingSmtpBackend.attempts == 3
    assert_one_single_line_mail_to(booking.person.email)


def test_a_mail_is_given_up_and_logged_after_the_last_attempt(settings, caplog):
    settings.EMAIL_BACKEND = "tests.mail_backend.FailingSmtpBackend"
    FailingSmtpBackend.reset(failures=100)
    with caplog.at_level(logging.WARNING, logger=mail_service.__name__):
        result = mail_service.deliver_mail.enqueue(to=["a@example.lt"], subject="S", body="B")
    assert result.status == "FAILED"
    assert FailingSmtpBackend.attempts == MAX_ATTEMPTS
    assert "given up after 7 attempts" in caplog.text
    assert mail.outbox == []


def test_a_bad_header_is_not_retried(settings):
    settings.EMAIL_BACKEND = "tests.mail_backend.FailingSmtpBackend"
    FailingSmtpBackend.reset(failures=0)
    result = mail_service.deliver_mail.enqueue(
        to=["a@example.lt"], subject="S", body="B", from_email="x\n@example.lt"
    )
    assert result.status == "FAILED" and FailingSmtpBackend.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_a_failure_to_queue_is_logged_and_the_action_still_succeeds(client, monkeypatch, caplog):
    class BrokenQueue:
        def enqueue(self, **kwargs):
            raise RuntimeError("the task table is gone")

    monkeypatch.setattr(mail_service, "deliver_mail", BrokenQueue())
    actor = ActorFactory(email="info@ukis.lt")
    response = client.post(
        f"{actor.get_absolute_url()}contact/",
        {"name": "Ona", "email": "ona@example.lt", "message": "Labas, ar turite medaus?"},
    )
    assert response.status_code == 302
    assert "Could not queue the e-mail" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_allauths_e_mails_are_queued_like_all_others(client, settings):
    from allauth.account.models import EmailAddress
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {**settings.TASKS["default"], "BACKEND": DATABASE_BACKEND}}
    person = UserFactory(email="jonas@example.lt")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    response = client.post("/lt/accounts/password/reset/", {"email": person.email})
    assert response.status_code == 302
    assert mail.outbox == []  # not sent in the request: waiting for the worker
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "kaimolink.core.mail.deliver_mail"
    assert queued.args_kwargs["kwargs"]["to"] == [person.email]


def test_no_code_sends_e_mail_around_the_mail_service():
    """One mail path: only core/mail.py builds and sends messages (allauth's adapter hands
    its rendered message to it)."""
    import re
    from pathlib import Path

    import kaimolink

    root = Path(kaimolink.__file__).parent
    direct = re.compile(
        r"\b(send_mail|send_mass_mail|mail_admins|mail_managers"
        r"|EmailMessage|EmailMultiAlternatives)\("
    )
    allowed = {root / "core" / "mail.py", root / "accounts" / "adapter.py"}
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if path not in allowed
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if direct.search(line)
    ]
    assert offenders == []
