"""Notifications: the list, the e-mail choice per kind, the daily digest, privacy."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from kaimolink.notifications.kinds import Delivery, Kind
from kaimolink.notifications.models import DeliveryChoice, Notification
from kaimolink.notifications.services import digest_send, notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TITLE = gettext_noop("A new report waits for a moderator: %(reason)s")


def _notify(users, kind=Kind.MESSAGE, **kwargs):
    return notify(recipients=users, kind=kind, title=TITLE, params={"reason": "spam"}, **kwargs)


def test_immediate_email_goes_after_commit_and_only_once(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _notify([person, person], url="/lt/messages/")
    assert Notification.objects.filter(recipient=person).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    assert "spam" in mail.outbox[0].subject
    assert "/lt/messages/" in mail.outbox[0].body
    assert Notification.objects.get(recipient=person).emailed_at is not None
    assert digest_send() == 0  # already e-mailed: the digest does not repeat it


def test_nothing_is_emailed_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([person])
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_the_author_and_inactive_people_are_not_notified(django_capture_on_commit_callbacks):
    author, reader, gone = UserFactory(), UserFactory(), UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([author, reader, gone], exclude=author)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [reader.pk]
    assert [m.to for m in mail.outbox] == [[reader.email]]


def test_never_means_only_in_the_platform(django_capture_on_commit_callbacks):
    person = UserFactory()
    DeliveryChoice.objects.create(user=person, kind=Kind.MESSAGE, delivery=Delivery.NEVER)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([person])
    assert mail.outbox == []
    assert digest_send() == 0
    assert Notification.objects.filter(recipient=person, read_at__isnull=True).count() == 1


def test_daily_digest_collects_per_person_and_is_sent_once(django_capture_on_commit_callbacks):
    first, second = UserFactory(), UserFactory()
    for person in (first, second):
        DeliveryChoice.objects.create(user=person, kind=Kind.MESSAGE, delivery=Delivery.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([first, second])
        _notify([first])
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send() == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    assert by_person[first.email].body.count("spam") == 2
    assert by_person[second.email].body.count("spam") == 1
    assert "2 nauji pranešimai" in by_person[first.email].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send() == 0
    assert len(mail.outbox) == 2


def test_kinds_default_to_a_digest_where_only_interest_is_likely(
    django_capture_on_commit_callbacks,
):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _notify([person], kind=Kind.PARTNERSHIP_MATCH)
    assert mail.outbox == []
    assert digest_send() == 1


def test_email_is_written_in_the_persons_language(django_capture_on_commit_callbacks):
    person = UserFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        _notify([person])
    assert mail.outbox[0].subject.startswith("A new report waits")
    lithuanian = UserFactory(language="lt")
    with django_capture_on_commit_callbacks(execute=True):
        _notify([lithuanian])
    assert mail.outbox[1].subject.startswith("Naujas skundas laukia")


def test_title_is_translated_when_shown():
    person = UserFactory()
    (notification,) = _notify([person])
    with translation.override("en"):
        assert notification.title == "A new report waits for a moderator: spam"
    with translation.override("lt"):
        assert notification.title != "A new report waits for a moderator: spam"
        assert "spam" in notification.title


def test_list_shows_unread_first_and_only_mine(client):
    person, other = UserFactory(), UserFactory()
    old, new = _notify([person]), _notify([person])
    Notification.objects.filter(pk=new[0].pk).update(read_at="2026-01-01T00:00Z")
    _notify([other])
    client.force_login(person)
    page = client.get(reverse("notifications:list"))
    listed = [n.pk for n in page.context["page"]]
    assert listed == [old[0].pk, new[0].pk]
    assert page.context["unread_notifications"] == 1


def test_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    person = UserFactory()
    client.force_login(person)
    _notify([person])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("notifications:list"))
    for _ in range(25):
        _notify([person])
    with django_assert_max_num_queries(len(one)):
        client.get(reverse("notifications:list"))


def test_opening_marks_read_and_follows_the_link(client):
    person = UserFactory()
    (notification,) = _notify([person], url="/lt/actors/")
    client.force_login(person)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == "/lt/actors/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_404_and_stays_unread(client):
    owner, intruder = UserFactory(), UserFactory()
    (notification,) = _notify([owner])
    client.force_login(intruder)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_an_offsite_link_is_not_followed(client):
    person = UserFactory()
    (notification,) = _notify([person], url="https://evil.example/")
    client.force_login(person)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.url == reverse("notifications:list")


def test_mark_all_read_touches_only_mine(client):
    person, other = UserFactory(), UserFactory()
    _notify([person, other])
    client.force_login(person)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 1


def test_settings_are_saved_and_honoured(client, django_capture_on_commit_callbacks):
    person = UserFactory()
    client.force_login(person)
    data = {kind.value: Delivery.IMMEDIATE.value for kind in Kind} | {"language": "en"}
    data[Kind.MESSAGE.value] = Delivery.NEVER.value
    response = client.post(reverse("notifications:settings"), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.language == "en"
    choices = dict(DeliveryChoice.objects.filter(user=person).values_list("kind", "delivery"))
    assert choices[Kind.MESSAGE] == Delivery.NEVER
    # a choice equal to the default is not stored
    assert Kind.MENTION not in choices
    with django_capture_on_commit_callbacks(execute=True):
        _notify([person], kind=Kind.MESSAGE)
        _notify([person], kind=Kind.CONSULTATION_QUESTION)  # default digest, now at once
    assert len(mail.outbox) == 1


def test_bad_settings_change_nothing_and_keep_the_choices(client):
    person = UserFactory()
    client.force_login(person)
    data = {kind.value: Delivery.NEVER.value for kind in Kind} | {"language": "en"}
    data[Kind.MENTION.value] = "hourly"
    response = client.post(reverse("notifications:settings"), data)
    assert response.status_code == 400
    assert not DeliveryChoice.objects.filter(user=person).exists()
    person.refresh_from_db()
    assert person.language == "lt"
    html = response.content.decode()
    assert 'value="never"' in html and "checked" in html
    assert "hourly nėra galimas pasirinkimas" in html


def test_pages_need_login(client):
    for name in ("notifications:list", "notifications:settings"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_gdpr_export_and_erase(client):
    from kaimolink.accounts.services import account_erase, personal_data_export

    person = UserFactory()
    _notify([person])
    DeliveryChoice.objects.create(user=person, kind=Kind.MENTION, delivery=Delivery.NEVER)
    data = personal_data_export(user=person)
    assert len(data["notifications"]) == 1
    assert data["notification_email_choices"] == {"mention": "never"}
    account_erase(user=person)
    assert not Notification.objects.exists()
    assert not DeliveryChoice.objects.exists()
