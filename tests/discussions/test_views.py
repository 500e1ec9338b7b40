"""Discussion pages through the web: reading, writing, moderating, bad input, query counts."""

from html.parser import HTMLParser

import pytest

from kaimolink.actors.enums import ActorStatus
from kaimolink.core.models import Theme
from kaimolink.discussions import services
from kaimolink.discussions.models import Follow, ModerationEntry, Reply, Topic
from kaimolink.moderation.models import Report
from tests.discussions.factories import ReplyFactory, TopicFactory, smart_theme
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def topic_url(topic, lang="en"):
    return f"/{lang}/discussions/topics/{topic.pk}/"


# --- Reading ------------------------------------------------------------------------------


def test_index_lists_smart_village_themes_with_counts_and_constant_queries(client):
    TopicFactory(theme=smart_theme("digital-skills"))
    one = count_queries(client, "/en/discussions/")
    for slug in ("renewable-energy", "rural-jobs", "social-services"):
        TopicFactory.create_batch(3, theme=smart_theme(slug))
    TopicFactory(theme=smart_theme("rural-jobs"), hidden=True)
    many = count_queries(client, "/en/discussions/")
    assert one == many
    page = client.get("/en/discussions/").content.decode()
    assert "Renewable energy" in page and "Marketing" not in page  # training topics left out
    assert "3 topics" in page and "1 topic" in page


def test_index_plural_forms_in_lithuanian(client):
    TopicFactory.create_batch(2, theme=smart_theme("digital-skills"))
    for _ in range(11):
        TopicFactory(theme=smart_theme("renewable-energy"))
    TopicFactory(theme=smart_theme("rural-jobs"))
    page = client.get("/lt/discussions/").content.decode()
    assert "2 temos" in page and "11 temų" in page and "1 tema" in page


def test_theme_page_newest_activity_first_hides_hidden_and_constant_queries(client):
    theme = smart_theme()
    old = TopicFactory(theme=theme, title="Sena tema")
    fresh = TopicFactory(theme=theme, title="Nauja tema")
    TopicFactory(theme=theme, title="Paslėpta tema", hidden=True)
    services.reply_create(topic=old, author=UserFactory(), body="Atgaivinu")
    url = f"/en/discussions/themes/{theme.slug}/"
    page = client.get(url).content.decode()
    assert page.index("Sena tema") < page.index("Nauja tema")
    assert "Paslėpta tema" not in page
    one = count_queries(client, url)
    for _ in range(12):
        TopicFactory(theme=theme, actor=ActorFactory(), lag=LagFactory())
    assert count_queries(client, url) == one
    assert fresh.pk


def test_theme_page_paginates(client):
    theme = smart_theme()
    TopicFactory.create_batch(26, theme=theme)
    page2 = client.get(f"/en/discussions/themes/{theme.slug}/?page=2")
    assert page2.status_code == 200 and "Page 2 of 2" in page2.content.decode()


def test_unknown_or_training_theme_is_404(client):
    assert client.get("/en/discussions/themes/marketing/").status_code == 404
    assert client.get("/en/discussions/themes/nera/").status_code == 404


def test_topic_page_for_anonymous_has_no_csrf_token_and_login_link(client):
    topic = TopicFactory()
    ReplyFactory(topic=topic)
    page = client.get(topic_url(topic)).content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert "Log in to reply" in page


def test_topic_page_queries_constant_in_replies_and_mentions(client):
    topic = TopicFactory()
    actors = [ActorFactory() for _ in range(6)]
    ReplyFactory(topic=topic, body=f"@{actors[0].slug}")
    coordinator = make_coordinator(LagFactory())
    for who in (None, UserFactory(), coordinator):
        if who:
            client.force_login(who)
        one = count_queries(client, topic_url(topic))
        more = TopicFactory()
        ReplyFactory(topic=more, body=f"@{actors[0].slug}")
        for n in range(25):
            ReplyFactory(
                topic=more,
                body=f"@{actors[n % 6].slug} ir @{actors[(n + 1) % 6].slug}",
                actor=actors[n % 6],
                hidden=n % 5 == 0,
            )
        assert count_queries(client, topic_url(more)) == one, who


def test_mentions_link_published_actors_only(client):
    published = ActorFactory(name="Dzūkų medus")
    draft = ActorFactory(status=ActorStatus.DRAFT)
    topic = TopicFactory(
        body=f"Klausiu @{published.slug}, @{draft.slug} ir @nera-tokio; `@{published.slug}`"
    )
    page = client.get(topic_url(topic)).content.decode()
    assert f'<a class="mention" href="/en/actors/{published.slug}/">@Dzūkų medus</a>' in page
    assert f"@{draft.slug}" in page and f"/actors/{draft.slug}/" not in page
    assert "@nera-tokio" in page
    assert f"<code>@{published.slug}</code>" in page


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[spausk](javascript:alert(3))",
    "[duomenys](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)",
    '<a href="#" onclick="alert(5)">x</a>',
    '<div onmouseover="alert(6)">x</div>',
    "[x](jav&#x61;script:alert(7))",
    "<<script>script>alert(8)<</script>/script>",
    '<svg><animate onbegin="alert(9)"/></svg>',
    "![img](javascript:alert(10))",
    '[a](https://ok.lt "title\\" onclick=\\"alert(11)")',
    "<iframe src=javascript:alert(12)></iframe>",
]


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_markdown_is_harmless_on_topic_page(client, body):
    topic = TopicFactory(body=body, title="Tema")
    ReplyFactory(topic=topic, body=f"> {body}\n\n- {body}\n\n**{body}**")
    page = client.get(topic_url(topic)).content.decode()
    parser = Tags()
    parser.feed(page[page.index('<main id="main">') : page.index("</main>")])
    names = {tag for tag, _ in parser.tags}
    assert not names & {"script", "img", "iframe", "svg", "animate", "style", "object"}
    for tag, attrs in parser.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http://", "https://", "mailto:", "/", "?", "#")), href


def test_hidden_reply_shows_placeholder_reason_to_author_content_to_moderator(client):
    lag = LagFactory()
    author = UserFactory()
    topic = TopicFactory(lag=lag)
    reply = ReplyFactory(topic=topic, author=author, body="Pirkite paskolas")
    coordinator = make_coordinator(lag)
    services.reply_moderate(reply=reply, by=coordinator, action="hide", reason="Reklama čia")
    anonymous = client.get(topic_url(topic)).content.decode()
    assert "Pirkite paskolas" not in anonymous and "hidden by a moderator" in anonymous
    assert "Reklama čia" not in anonymous
    client.force_login(author)
    own = client.get(topic_url(topic)).content.decode()
    assert "Pirkite paskolas" in own and "Reklama čia" in own
    client.force_login(coordinator)
    mod = client.get(topic_url(topic)).content.decode()
    assert "Pirkite paskolas" in mod and "Moderation log" in mod and "Reklama čia" in mod


def test_hidden_topic_shows_placeholder_to_others(client):
    topic = TopicFactory(title="Bloga tema", body="Blogas tekstas", hidden=True, hidden_reason="r")
    page = client.get(topic_url(topic)).content.decode()
    assert "Bloga tema" not in page and "Blogas tekstas" not in page
    assert "hidden by a moderator" in page
    client.force_login(topic.author)
    assert "Blogas tekstas" in client.get(topic_url(topic)).content.decode()


def test_cached_topic_page_goes_stale_on_reply(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    topic = TopicFactory()
    assert "Naujas atsakymas" not in client.get(topic_url(topic)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_create(topic=topic, author=UserFactory(), body="Naujas atsakymas")
    assert "Naujas atsakymas" in client.get(topic_url(topic)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.topic_moderate(
            topic=topic, by=UserFactory(is_superuser=True), action="lock", reason="Baigta"
        )
    assert "This topic is locked" in client.get(topic_url(topic)).content.decode()


# --- Writing ------------------------------------------------------------------------------


def test_create_topic_through_the_form(client):
    person = UserFactory()
    actor = ActorFactory(owners=[person])
    client.force_login(person)
    theme = smart_theme("renewable-energy")
    url = f"/en/discussions/themes/{theme.slug}/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Saulės elektrinė", "body": "Kas įsirengė?", "actor": actor.pk}
    )
    topic = Topic.objects.get()
    assert response.status_code == 302 and response.url == topic_url(topic)
    assert (topic.theme, topic.actor, topic.lag, topic.author) == (theme, actor, actor.lag, person)


def test_create_topic_needs_login(client):
    response = client.get("/en/discussions/themes/renewable-energy/new/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "Tekstas lieka"}, "Give the topic a title."),
        ({"title": "Pavadinimas lieka", "body": "  "}, "Write some text."),
        ({"title": "x" * 161, "body": "Tekstas lieka"}, "at most 160 characters"),
        ({"title": "Pavadinimas lieka", "body": "y" * 10_001}, "at most 10000 characters"),
    ],
)
def test_create_topic_bad_input_keeps_text(client, data, message):
    client.force_login(UserFactory())
    response = client.post("/en/discussions/themes/renewable-energy/new/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    for value in data.values():
        if value.strip() and len(value) < 200:
            assert value in page
    assert not Topic.objects.exists()


def test_create_topic_for_someone_elses_actor_is_refused(client):
    client.force_login(UserFactory())
    other = ActorFactory(owners=[UserFactory()])
    response = client.post(
        "/en/discussions/themes/renewable-energy/new/",
        {"title": "Tema", "body": "Tekstas", "actor": other.pk},
    )
    assert response.status_code == 400
    assert "published actors you belong to" in response.content.decode()
    assert not Topic.objects.exists()


def test_reply_through_the_form_redirects_to_it(client):
    topic = TopicFactory()
    client.force_login(UserFactory())
    response = client.post(topic_url(topic) + "reply/", {"body": "Pritariu!"})
    reply = Reply.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#reply-{reply.pk}")


def test_empty_reply_is_400_in_lithuanian(client):
    topic = TopicFactory()
    client.force_login(UserFactory())
    response = client.post(topic_url(topic, "lt") + "reply/", {"body": " "})
    assert response.status_code == 400
    assert "Parašykite tekstą." in response.content.decode()
    assert not Reply.objects.exists()


def test_reply_in_locked_topic_is_409_and_text_kept(client):
    topic = TopicFactory(locked=True)
    client.force_login(UserFactory())
    response = client.post(topic_url(topic) + "reply/", {"body": "Mano brangus tekstas"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "This topic is locked: no new replies." in page
    assert "Mano brangus tekstas" in page
    assert not Reply.objects.exists()


def test_oversized_reply_is_400_and_text_kept(client):
    topic = TopicFactory()
    client.force_login(UserFactory())
    body = "Ilgas " * 2000
    response = client.post(topic_url(topic) + "reply/", {"body": body})
    assert response.status_code == 400
    assert "at most 10000 characters" in response.content.decode()
    assert body.strip()[:200] in response.content.decode()
    assert not Reply.objects.exists()


def test_edit_own_topic_and_reply(client):
    topic = TopicFactory(title="Senas")
    reply = ReplyFactory(topic=topic)
    client.force_login(topic.author)
    response = client.post(
        topic_url(topic) + "edit/", {"title": "Naujas", "body": "Naujas tekstas"}
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title == "Naujas" and topic.edited_at is not None
    client.force_login(reply.author)
    response = client.post(f"/en/discussions/replies/{reply.pk}/edit/", {"body": "Pataisyta"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "Pataisyta"


def test_edit_someone_elses_topic_or_reply_is_404_and_nothing_changes(client):
    topic = TopicFactory(title="Originalas")
    reply = ReplyFactory(body="Originalas")
    client.force_login(UserFactory())
    assert client.get(topic_url(topic) + "edit/").status_code == 404
    assert client.post(topic_url(topic) + "edit/", {"title": "X", "body": "X"}).status_code == 404
    assert (
        client.post(f"/en/discussions/replies/{reply.pk}/edit/", {"body": "X"}).status_code == 404
    )
    topic.refresh_from_db()
    reply.refresh_from_db()
    assert topic.title == "Originalas" and reply.body == "Originalas"


def test_follow_and_unfollow(client):
    topic = TopicFactory()
    person = UserFactory()
    client.force_login(person)
    client.post(topic_url(topic) + "follow/", {"follow": "1"})
    assert Follow.objects.filter(topic=topic, user=person).exists()
    assert "Stop following" in client.get(topic_url(topic)).content.decode()
    client.post(topic_url(topic) + "follow/", {"follow": "0"})
    assert not Follow.objects.filter(topic=topic, user=person).exists()


# --- Moderating and reporting -------------------------------------------------------------


def test_member_cannot_hide_or_lock_others_posts(client):
    topic = TopicFactory(lag=LagFactory())
    reply = ReplyFactory(topic=topic)
    client.force_login(UserFactory())
    assert client.post(topic_url(topic) + "hide/", {"reason": "r"}).status_code == 403
    assert client.post(topic_url(topic) + "lock/", {"reason": "r"}).status_code == 403
    assert (
        client.post(f"/en/discussions/replies/{reply.pk}/hide/", {"reason": "r"}).status_code == 403
    )
    client.force_login(make_coordinator(LagFactory()))  # another LAG's coordinator
    assert (
        client.post(f"/en/discussions/replies/{reply.pk}/hide/", {"reason": "r"}).status_code == 403
    )
    topic.refresh_from_db()
    reply.refresh_from_db()
    assert not topic.hidden and not topic.locked and not reply.hidden
    assert not ModerationEntry.objects.exists()


def test_unknown_action_is_404(client):
    topic = TopicFactory()
    client.force_login(UserFactory(is_superuser=True))
    assert client.post(topic_url(topic) + "delete/", {"reason": "r"}).status_code == 404
    reply = ReplyFactory(topic=topic)
    assert (
        client.post(f"/en/discussions/replies/{reply.pk}/lock/", {"reason": "r"}).status_code == 404
    )


def test_coordinator_hides_reply_with_reason(client):
    lag = LagFactory()
    reply = ReplyFactory(topic=TopicFactory(lag=lag))
    client.force_login(make_coordinator(lag))
    url = f"/en/discussions/replies/{reply.pk}/hide/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "Write the reason" in response.content.decode()
    reply.refresh_from_db()
    assert not reply.hidden
    response = client.post(url, {"reason": "Įžeidžia kitus"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.hidden and ModerationEntry.objects.get().reason == "Įžeidžia kitus"


def test_move_to_non_theme_is_400_and_nothing_changes(client):
    topic = TopicFactory()
    client.force_login(UserFactory(is_superuser=True))
    marketing = Theme.objects.get(slug="marketing")
    response = client.post(
        topic_url(topic) + "move/", {"theme": marketing.pk, "reason": "Kita tema"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a smart-village theme." in page and "Kita tema" in page
    topic.refresh_from_db()
    assert topic.theme.slug == "short-supply-chains" and not ModerationEntry.objects.exists()
    target = smart_theme("rural-jobs")
    response = client.post(topic_url(topic) + "move/", {"theme": target.pk, "reason": "Kita tema"})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.theme == target


def test_report_reply_through_the_form(client):
    lag = LagFactory()
    reply = ReplyFactory(topic=TopicFactory(lag=lag))
    client.force_login(UserFactory())
    url = f"/en/discussions/replies/{reply.pk}/report/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and not Report.objects.exists()
    response = client.post(url, {"reason": "Šlamštas"})
    assert response.status_code == 302
    assert Report.objects.get().lag == lag


def test_report_needs_login(client):
    topic = TopicFactory()
    assert client.post(topic_url(topic) + "report/", {"reason": "x"}).status_code == 302
    assert not Report.objects.exists()


def test_moderation_log_page_for_coordinators_only(client):
    lag = LagFactory()
    mine = TopicFactory(lag=lag, title="Mano VVG tema")
    other = TopicFactory(lag=LagFactory(), title="Kitos VVG tema")
    admin = UserFactory(is_superuser=True)
    services.topic_moderate(topic=mine, by=admin, action="lock", reason="Pirma priežastis")
    services.topic_moderate(topic=other, by=admin, action="lock", reason="Antra priežastis")
    client.force_login(UserFactory())
    assert client.get("/en/discussions/log/").status_code == 403
    client.force_login(make_coordinator(lag))
    page = client.get("/en/discussions/log/").content.decode()
    assert "Pirma priežastis" in page and "Antra priežastis" not in page
    client.force_login(admin)
    page = client.get("/en/discussions/log/").content.decode()
    assert "Pirma priežastis" in page and "Antra priežastis" in page
