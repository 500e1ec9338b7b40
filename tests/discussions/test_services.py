"""Writes of discussions: topics, replies, mentions, follows, moderation, reports, GDPR."""

import pytest
from django.contrib.contenttypes.models import ContentType

from kaimolink.accounts.services import account_erase
from kaimolink.actors.enums import ActorStatus
from kaimolink.core.models import Theme
from kaimolink.discussions import gdpr, services
from kaimolink.discussions.models import Follow, ModerationEntry, Reply, Topic
from kaimolink.moderation.models import Report
from kaimolink.notifications.kinds import Kind
from kaimolink.notifications.models import Notification
from tests.discussions.factories import ReplyFactory, TopicFactory, smart_theme
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def notes(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind))


def test_topic_create_follows_and_takes_lag_of_actor():
    author = UserFactory()
    actor = ActorFactory(owners=[author])
    topic = services.topic_create(
        author=author,
        theme=smart_theme(),
        title="  Dovanų   krepšelis ",
        body="Tekstas",
        actor=actor,
    )
    assert topic.title == "Dovanų krepšelis"
    assert topic.lag == actor.lag
    assert Follow.objects.filter(topic=topic, user=author).exists()


def test_topic_create_chosen_lag_wins_over_actor_lag():
    author = UserFactory()
    actor = ActorFactory(owners=[author])
    other = LagFactory()
    topic = services.topic_create(
        author=author, theme=smart_theme(), title="T", body="B", actor=actor, lag=other
    )
    assert topic.lag == other


def test_topic_create_refuses_training_topic_theme():
    training = Theme.objects.get(slug="marketing")
    with pytest.raises(services.DiscussionError, match="smart-village"):
        services.topic_create(author=UserFactory(), theme=training, title="T", body="B")
    assert not Topic.objects.exists()


@pytest.mark.parametrize("mine", [True, False])
def test_topic_create_refuses_actor_not_mine_or_unpublished(mine):
    author = UserFactory()
    # Mine but a draft, or published but somebody else's.
    actor = ActorFactory(status=ActorStatus.DRAFT, owners=[author]) if mine else ActorFactory()
    with pytest.raises(services.DiscussionError, match="on behalf"):
        services.topic_create(author=author, theme=smart_theme(), title="T", body="B", actor=actor)
    assert not Topic.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n ", "x" * 10_001])
def test_reply_create_refuses_empty_or_oversized_text(body):
    topic = TopicFactory()
    with pytest.raises(services.DiscussionError):
        services.reply_create(topic=topic, author=UserFactory(), body=body)
    topic.refresh_from_db()
    assert topic.reply_count == 0 and not Reply.objects.exists()


def test_reply_notifies_followers_but_not_its_author():
    owner = UserFactory()
    topic = services.topic_create(author=owner, theme=smart_theme(), title="T", body="B")
    follower, replier = UserFactory(), UserFactory()
    services.follow_set(topic=topic, user=follower, follow=True)
    services.follow_set(topic=topic, user=replier, follow=True)
    reply = services.reply_create(topic=topic, author=replier, body="Atsakau")
    topic.refresh_from_db()
    assert topic.reply_count == 1 and topic.last_activity_at == reply.created_at
    assert len(notes(owner, Kind.DISCUSSION_REPLY)) == 1
    assert len(notes(follower, Kind.DISCUSSION_REPLY)) == 1
    assert notes(replier, Kind.DISCUSSION_REPLY) == []
    assert notes(owner, Kind.DISCUSSION_REPLY)[0].url.endswith(f"#reply-{reply.pk}")


def test_unfollow_stops_reply_notifications():
    owner = UserFactory()
    topic = services.topic_create(author=owner, theme=smart_theme(), title="T", body="B")
    services.follow_set(topic=topic, user=owner, follow=False)
    services.reply_create(topic=topic, author=UserFactory(), body="Atsakau")
    assert notes(owner, Kind.DISCUSSION_REPLY) == []


def test_reply_in_locked_topic_is_refused():
    topic = TopicFactory(locked=True)
    with pytest.raises(services.DiscussionError, match="locked"):
        services.reply_create(topic=topic, author=UserFactory(), body="Vis tiek rašau")
    assert not Reply.objects.exists()


def test_reply_url_points_at_the_right_page():
    topic = TopicFactory()
    replies = ReplyFactory.create_batch(services.REPLIES_PER_PAGE + 1, topic=topic)
    assert services.reply_url(replies[0]).endswith(f"/topics/{topic.pk}/#reply-{replies[0].pk}")
    assert services.reply_url(replies[-1]).endswith(f"?page=2#reply-{replies[-1].pk}")


def test_mention_notifies_members_of_published_actor_once_per_post():
    member, other_member = UserFactory(), UserFactory()
    actor = ActorFactory(owners=[member, other_member])
    hidden = ActorFactory(status=ActorStatus.DRAFT, owners=[UserFactory()])
    author = UserFactory()
    body = (
        f"Klausiu @{actor.slug} ir dar kartą @{actor.slug}, taip pat @{hidden.slug} ir @nera-tokio"
    )
    topic = services.topic_create(author=author, theme=smart_theme(), title="T", body=body)
    assert len(notes(member, Kind.MENTION)) == 1
    assert len(notes(other_member, Kind.MENTION)) == 1
    assert list(topic.mentions.all()) == [actor]
    assert Notification.objects.filter(kind=Kind.MENTION).count() == 2  # not the draft's member
    # An edit that keeps the mention does not notify again.
    services.topic_edit(topic=topic, by=author, title="T", body=body + " Papildau.")
    assert len(notes(member, Kind.MENTION)) == 1


def test_mention_in_reply_and_in_code_or_email():
    member = UserFactory()
    actor = ActorFactory(owners=[member])
    topic = TopicFactory()
    services.reply_create(
        topic=topic, author=UserFactory(), body=f"`@{actor.slug}` ir vardas{actor.slug}@example.lt"
    )
    assert notes(member, Kind.MENTION) == []
    services.reply_create(topic=topic, author=UserFactory(), body=f"Ačiū, @{actor.slug}!")
    assert len(notes(member, Kind.MENTION)) == 1


def test_mention_does_not_notify_the_author_of_own_actor():
    member = UserFactory()
    actor = ActorFactory(owners=[member])
    services.topic_create(author=member, theme=smart_theme(), title="T", body=f"Mes, @{actor.slug}")
    assert notes(member, Kind.MENTION) == []


def test_edit_by_someone_else_is_refused():
    topic = TopicFactory(title="Originalas", body="Originalas")
    with pytest.raises(services.DiscussionError):
        services.topic_edit(topic=topic, by=UserFactory(), title="Pakeista", body="Pakeista")
    reply = ReplyFactory(body="Originalas")
    with pytest.raises(services.DiscussionError):
        services.reply_edit(reply=reply, by=UserFactory(), body="Pakeista")
    topic.refresh_from_db()
    reply.refresh_from_db()
    assert topic.title == topic.body == reply.body == "Originalas"


def test_rate_limit_on_replies(monkeypatch):
    monkeypatch.setattr(services, "REPLIES_PER_HOUR", 2)
    topic, author = TopicFactory(), UserFactory()
    services.reply_create(topic=topic, author=author, body="1")
    services.reply_create(topic=topic, author=author, body="2")
    with pytest.raises(services.DiscussionError, match="last hour"):
        services.reply_create(topic=topic, author=author, body="3")
    assert Reply.objects.count() == 2


# --- Moderation ---------------------------------------------------------------------------


def test_coordinator_of_topic_lag_moderates_other_lag_does_not():
    lag = LagFactory()
    topic = TopicFactory(lag=lag)
    mine, other = make_coordinator(lag), make_coordinator(LagFactory())
    with pytest.raises(services.DiscussionError, match="do not moderate"):
        services.topic_moderate(topic=topic, by=other, action="lock", reason="Užtenka")
    topic.refresh_from_db()
    assert not topic.locked and not ModerationEntry.objects.exists()
    services.topic_moderate(topic=topic, by=mine, action="lock", reason="Užtenka")
    topic.refresh_from_db()
    assert topic.locked


def test_topic_without_lag_is_moderated_by_any_coordinator_and_admin_not_members():
    topic = TopicFactory(lag=None)
    services.topic_moderate(
        topic=topic, by=make_coordinator(LagFactory()), action="lock", reason="r"
    )
    services.topic_moderate(
        topic=topic, by=UserFactory(is_superuser=True), action="unlock", reason="r"
    )
    with pytest.raises(services.DiscussionError):
        services.topic_moderate(topic=topic, by=UserFactory(), action="hide", reason="r")
    topic.refresh_from_db()
    assert not topic.hidden and not topic.locked
    assert ModerationEntry.objects.count() == 2


def test_hide_reply_logs_reason_and_notifies_author():
    lag = LagFactory()
    reply = ReplyFactory(topic=TopicFactory(lag=lag))
    coordinator = make_coordinator(lag)
    entry = services.reply_moderate(reply=reply, by=coordinator, action="hide", reason="Šlamštas")
    reply.refresh_from_db()
    assert reply.hidden and reply.hidden_reason == "Šlamštas"
    assert (entry.by, entry.reply, entry.action, entry.reason) == (
        coordinator,
        reply,
        "hide",
        "Šlamštas",
    )
    [note] = notes(reply.author, Kind.MODERATION)
    assert "Šlamštas" in note.title
    services.reply_moderate(reply=reply, by=coordinator, action="unhide", reason="Klaida")
    reply.refresh_from_db()
    assert not reply.hidden and reply.hidden_reason == ""


@pytest.mark.parametrize("reason", ["", "   "])
def test_moderation_needs_a_reason(reason):
    topic = TopicFactory(lag=None)
    with pytest.raises(services.DiscussionError, match="reason"):
        services.topic_moderate(
            topic=topic, by=UserFactory(is_superuser=True), action="hide", reason=reason
        )
    topic.refresh_from_db()
    assert not topic.hidden and not ModerationEntry.objects.exists()


def test_move_topic_to_another_smart_village_theme_only():
    topic = TopicFactory()
    admin = UserFactory(is_superuser=True)
    with pytest.raises(services.DiscussionError, match="smart-village"):
        services.topic_moderate(
            topic=topic,
            by=admin,
            action="move",
            reason="r",
            theme=Theme.objects.get(slug="marketing"),
        )
    topic.refresh_from_db()
    assert topic.theme.slug == "short-supply-chains"
    entry = services.topic_moderate(
        topic=topic, by=admin, action="move", reason="Ne ta tema", theme=smart_theme("rural-jobs")
    )
    topic.refresh_from_db()
    assert topic.theme.slug == "rural-jobs"
    assert (entry.from_theme.slug, entry.to_theme.slug) == ("short-supply-chains", "rural-jobs")
    assert len(notes(topic.author, Kind.MODERATION)) == 1


def test_report_goes_to_topic_lag():
    lag = LagFactory()
    reply = ReplyFactory(topic=TopicFactory(lag=lag), body="Pirkite pigiai!!!")
    coordinator = make_coordinator(lag)
    report = services.post_report(reporter=UserFactory(), post=reply, reason="Reklama")
    assert report.lag == lag
    assert report.content_type == ContentType.objects.get_for_model(Reply)
    assert report.excerpt == "Pirkite pigiai!!!"
    assert f"#reply-{reply.pk}" in report.url
    assert len(notes(coordinator, Kind.MODERATION)) == 1
    with pytest.raises(services.DiscussionError):
        services.post_report(reporter=UserFactory(), post=reply, reason=" ")
    assert Report.objects.count() == 1


# --- GDPR ---------------------------------------------------------------------------------


def test_personal_data_lists_topics_replies_follows_of_the_person_only():
    person = UserFactory()
    topic = services.topic_create(author=person, theme=smart_theme(), title="Mano tema", body="B")
    ReplyFactory(author=person, body="Mano atsakymas")
    ReplyFactory(body="Kito atsakymas")
    data = gdpr.personal_data(person)
    assert [t["title"] for t in data["discussion_topics"]] == ["Mano tema"]
    assert [r["text"] for r in data["discussion_replies"]] == ["Mano atsakymas"]
    assert [f["topic"] for f in data["discussion_follows"]] == [topic.title]


def test_erase_keeps_posts_without_author_and_deletes_follows():
    person = UserFactory()
    topic = services.topic_create(author=person, theme=smart_theme(), title="T", body="B")
    reply = ReplyFactory(author=person, topic=TopicFactory())
    gdpr.erase(person)
    account_erase(user=person)
    topic.refresh_from_db()
    reply.refresh_from_db()
    assert topic.author is None and reply.author is None
    assert topic.body == "B"
    assert not Follow.objects.exists()
