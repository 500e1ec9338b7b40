"""A reply arrives while a moderator locks the topic; many replies at once (real PostgreSQL)."""

import threading
import time

import pytest
from django.db import connection

from kaimolink.core.models import Theme
from kaimolink.core.themes import THEMES
from kaimolink.discussions import services
from kaimolink.discussions.models import Reply, Topic
from tests.discussions.factories import TopicFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _themes():
    """Transactional tests empty the tables, the themes of the data migration too."""
    for slug, kind, name_lt, name_en in THEMES:
        Theme.objects.get_or_create(
            slug=slug, defaults={"kind": kind, "name_lt": name_lt, "name_en": name_en}
        )


def in_thread(work) -> tuple[threading.Thread, list]:
    outcome = []

    def target():
        try:
            outcome.append(work())
        except Exception as exc:  # noqa: BLE001  the test looks at every outcome
            outcome.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    return thread, outcome


def reply_during_lock(monkeypatch, *, with_lock: bool):
    """The moderator's transaction has read the topic and is about to lock it when the reply
    comes in; the moderator commits half a second later."""
    topic = TopicFactory(lag=None)
    admin, writer = UserFactory(is_superuser=True), UserFactory()
    inside = threading.Event()
    original_check = services._check_moderator

    def check_then_pause(by, topic):
        original_check(by, topic)
        inside.set()
        time.sleep(0.5)

    monkeypatch.setattr(services, "_check_moderator", check_then_pause)
    if not with_lock:
        monkeypatch.setattr(services, "_lock_topic", lambda t: Topic.objects.get(pk=t.pk))
    moderator, _ = in_thread(
        lambda: services.topic_moderate(topic=topic, by=admin, action="lock", reason="Baigta")
    )
    assert inside.wait(10)
    replier, outcome = in_thread(
        lambda: services.reply_create(topic=topic, author=writer, body="Dar vienas")
    )
    moderator.join(30)
    replier.join(30)
    topic.refresh_from_db()
    return topic, outcome[0]


def test_reply_waits_for_the_lock_and_is_refused(monkeypatch):
    topic, outcome = reply_during_lock(monkeypatch, with_lock=True)
    assert topic.locked
    assert isinstance(outcome, services.DiscussionError), outcome
    assert Reply.objects.count() == 0 and topic.reply_count == 0


def test_without_the_row_lock_a_reply_slips_into_the_locked_topic(monkeypatch):
    topic, outcome = reply_during_lock(monkeypatch, with_lock=False)
    assert topic.locked
    assert isinstance(outcome, Reply)  # the race the lock prevents
    assert Reply.objects.filter(topic=topic).count() == 1


def test_many_replies_at_once_are_all_counted():
    topic = TopicFactory()
    people = [UserFactory() for _ in range(20)]
    barrier = threading.Barrier(len(people), timeout=10)

    def write(person):
        barrier.wait()
        return services.reply_create(topic=topic, author=person, body=f"Nuo {person.pk}")

    threads = [in_thread(lambda p=p: write(p)) for p in people]
    for thread, _ in threads:
        thread.join(60)
    outcomes = [o for _, out in threads for o in out]
    assert all(isinstance(o, Reply) for o in outcomes), outcomes
    topic.refresh_from_db()
    assert topic.reply_count == Reply.objects.filter(topic=topic).count() == 20
