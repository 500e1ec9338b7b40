"""The demo discussions written after the actors demo."""

import pytest

from kaimolink.demo.discussions import TOPICS, seed_demo_discussions
from kaimolink.demo.seed_facts import seed_demo
from kaimolink.discussions.models import ModerationEntry, Reply, Topic
from kaimolink.notifications.models import Notification

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(
        (t.theme.slug, t.title, t.reply_count, t.author.email, t.mentions.count())
        for t in Topic.objects.select_related("theme", "author")
    )


def test_demo_is_idempotent_with_mentions_and_a_moderated_reply(client):
    seed_demo()
    lines = []
    seed_demo_discussions(seed=2026, log=lines.append)
    first = snapshot()
    assert len(first) == len(TOPICS)
    assert len({theme for theme, *_ in first}) >= 6
    assert Reply.objects.count() == sum(len(t[-1]) for t in TOPICS)
    hidden = Reply.objects.get(hidden=True)
    assert ModerationEntry.objects.get().reply == hidden
    mentions = Topic.mentions.through.objects.count() + Reply.mentions.through.objects.count()
    assert mentions >= 8
    assert not Notification.objects.exists()  # a demo sends nothing
    seed_demo_discussions(seed=2026, log=lines.append)
    assert snapshot() == first
    assert Reply.objects.count() == sum(len(t[-1]) for t in TOPICS)
    assert ModerationEntry.objects.count() == 1
    assert "nothing to change" in lines[-1]
    # The pages show it: Lithuanian text, a linked mention, the hidden reply as a placeholder.
    topic = hidden.topic
    page = client.get(f"/lt/discussions/topics/{topic.pk}/").content.decode()
    assert "Bendruomeninis verslas" in page and "Greitos paskolos" not in page
    assert 'class="mention"' in page
    assert "Šį atsakymą paslėpė moderatorius." in page
