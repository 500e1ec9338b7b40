import pytest
from django.urls import reverse

from kaimolink.accounts.models import Coordination
from kaimolink.actors.enums import ActorStatus
from kaimolink.actors.models import ActorMembership
from kaimolink.messaging import services
from kaimolink.messaging.models import ContactShare, Conversation, Message
from kaimolink.moderation.models import Report
from tests.factories import ActorFactory, UserFactory, make_coordinator
from tests.helpers.queries import count_queries
from tests.messaging.factories import actor_with_member, start

pytestmark = pytest.mark.django_db

SECRET_BODY = "Slaptas pasiūlymas: 120 kg medaus"


def conversation_url(conversation):
    return reverse("messaging:conversation", kwargs={"pk": conversation.pk})


def start_url(actor):
    return reverse("messaging:start", kwargs={"actor_slug": actor.slug})


def private_bits(actor, member) -> list[str]:
    return [actor.email, actor.phone, member.email]


@pytest.fixture
def conversation(pair):
    a, alice, b, bob = pair
    return start(a, b, alice, body=SECRET_BODY).conversation


# --- Who reads a conversation ------------------------------------------------------------


def outsiders(pair):
    a, _alice, b, _bob = pair
    third, carol = actor_with_member()
    coordinator = make_coordinator(a.lag)
    Coordination.objects.create(user=coordinator, lag=b.lag)
    return {
        "member of a third actor": carol,
        "coordinator of both LAGs": coordinator,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "no actor": UserFactory(),
    }


def test_anonymous_is_sent_to_log_in(client, conversation, pair):
    a, _alice, b, _bob = pair
    message = conversation.messages.get()
    for url in (
        reverse("messaging:inbox"),
        conversation_url(conversation),
        start_url(b),
        reverse("messaging:share", kwargs={"pk": conversation.pk}),
        reverse("messaging:report", kwargs={"pk": conversation.pk, "message_pk": message.pk}),
    ):
        response = (
            client.get(url) if "share" not in url and "report" not in url else client.post(url)
        )
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    response = client.post(conversation_url(conversation), {"sender": a.pk, "body": "Įsiveržimas"})
    assert response.status_code == 302
    assert Message.objects.count() == 1


def test_nobody_else_reads_or_writes_a_conversation(client, conversation, pair):
    a, alice, b, bob = pair
    message = conversation.messages.get()
    for label, person in outsiders(pair).items():
        client.force_login(person)
        assert client.get(conversation_url(conversation)).status_code == 404, label
        own_actor = ActorMembership.objects.filter(user=person).values_list("actor_id", flat=True)
        sender = next(iter(own_actor), a.pk)
        response = client.post(conversation_url(conversation), {"sender": sender, "body": "x"})
        assert response.status_code == 404, label
        response = client.post(
            reverse("messaging:share", kwargs={"pk": conversation.pk}), {"actor": a.pk}
        )
        assert response.status_code == 404, label
        response = client.post(
            reverse("messaging:report", kwargs={"pk": conversation.pk, "message_pk": message.pk})
        )
        assert response.status_code == 404, label
        inbox = client.get(reverse("messaging:inbox"))
        assert inbox.status_code == 200
        html = inbox.content.decode()
        assert SECRET_BODY not in html and a.name not in html and b.name not in html, label
    assert Message.objects.count() == 1
    assert not ContactShare.objects.exists() and not Report.objects.exists()


def test_a_missing_conversation_is_404_like_a_forbidden_one(client, pair):
    _a, alice, _b, _bob = pair
    client.force_login(alice)
    assert client.get(reverse("messaging:conversation", kwargs={"pk": 999999})).status_code == 404


def test_there_is_no_api_for_conversations(client, conversation):
    from kaimolink.api.api import api

    routes = [str(p.pattern) for p in api.urls[0]]
    assert routes, "the API has routes at all"
    assert not [r for r in routes if "messag" in r.lower() or "conversation" in r.lower()]
    for path in ("/api/v1/messages", "/api/v1/conversations", "/api/v1/messages/"):
        assert client.get(path).status_code == 404


def test_both_sides_read_and_members_of_both_actors_too(client, conversation, pair):
    a, alice, b, bob = pair
    colleague = UserFactory()
    ActorMembership.objects.create(actor=b, user=colleague)
    for person in (alice, bob, colleague):
        client.force_login(person)
        response = client.get(conversation_url(conversation))
        assert response.status_code == 200
        assert SECRET_BODY in response.content.decode()


# --- Private contacts ----------------------------------------------------------------------


def test_nothing_private_shows_before_sharing(client, pair):
    a, alice, b, bob = pair
    alice.full_name = ""  # a person without a name is never shown by e-mail address
    alice.save()
    conversation = start(a, b, alice, body=SECRET_BODY).conversation
    services.message_send(conversation=conversation, sender=b, author=bob, body="Gavome")
    for viewer, other, other_member in ((bob, a, alice), (alice, b, bob)):
        client.force_login(viewer)
        for url in (conversation_url(conversation), reverse("messaging:inbox")):
            html = client.get(url).content.decode()
            for bit in private_bits(other, other_member):
                assert bit not in html, (viewer, url, bit)


def test_shared_contacts_show_to_the_other_side_only(client, conversation, pair):
    a, alice, b, bob = pair
    client.force_login(alice)
    response = client.post(
        reverse("messaging:share", kwargs={"pk": conversation.pk}), {"actor": a.pk}
    )
    assert response.status_code == 302

    client.force_login(bob)
    html = client.get(conversation_url(conversation)).content.decode()
    assert a.email in html and a.phone in html
    assert alice.email not in html  # she did not include her own address
    client.force_login(alice)
    html = client.get(conversation_url(conversation)).content.decode()
    for bit in private_bits(b, bob):
        assert bit not in html  # bob has not shared

    client.post(
        reverse("messaging:share", kwargs={"pk": conversation.pk}),
        {"actor": a.pk, "include_my_email": "1"},
    )
    client.force_login(bob)
    html = client.get(conversation_url(conversation)).content.decode()
    assert alice.email in html and alice.full_name in html


def test_sharing_the_other_sides_contacts_is_refused(client, conversation, pair):
    a, alice, b, bob = pair
    client.force_login(alice)
    response = client.post(
        reverse("messaging:share", kwargs={"pk": conversation.pk}), {"actor": b.pk}
    )
    assert response.status_code == 302
    assert not ContactShare.objects.exists()
    third = ActorFactory(owners=[alice])
    response = client.post(
        reverse("messaging:share", kwargs={"pk": conversation.pk}), {"actor": third.pk}
    )
    assert response.status_code == 404
    assert not ContactShare.objects.exists()


# --- Starting a conversation -------------------------------------------------------------


def test_start_page_writes_the_first_message(client, pair):
    a, alice, b, bob = pair
    client.force_login(alice)
    response = client.get(start_url(b))
    assert response.status_code == 200
    response = client.post(start_url(b), {"sender": a.pk, "body": "Sveiki, esame kaimynai."})
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response["Location"] == conversation_url(conversation)
    # The pair has a conversation now: the start page leads to it.
    response = client.get(start_url(b))
    assert response.status_code == 302 and response["Location"] == conversation_url(conversation)
    client.force_login(bob)
    response = client.get(start_url(a))
    assert response.status_code == 302 and response["Location"] == conversation_url(conversation)


def test_start_with_several_actors_chooses_the_writer(client, pair):
    a, alice, b, _bob = pair
    second = ActorFactory(name="Alės sodyba", owners=[alice])
    ActorFactory(name="Alės juodraštis", owners=[alice], status=ActorStatus.DRAFT)
    start(a, b, alice)
    client.force_login(alice)
    response = client.get(start_url(b))
    assert response.status_code == 200  # she may write as her other actor
    html = response.content.decode()
    assert f'<option value="{second.pk}"' in html and "Alės juodraštis" not in html
    assert conversation_url(Conversation.objects.get()) in html
    client.post(start_url(b), {"sender": second.pk, "body": "Rašau kaip sodyba"})
    assert Conversation.objects.count() == 2
    assert Conversation.objects.filter(initiator=second).exists()


@pytest.mark.parametrize("case", ["no actor", "own actor", "only unpublished actor"])
def test_who_cannot_start_is_told_what_to_do(client, pair, case):
    a, alice, _b, _bob = pair
    person = UserFactory()
    if case == "own actor":
        person = alice
    elif case == "only unpublished actor":
        ActorFactory(owners=[person], status=ActorStatus.PENDING)
    client.force_login(person)
    for response in (client.get(start_url(a)), client.post(start_url(a), {"body": "Labas"})):
        assert response.status_code == 403
        assert response.context["reason"] == case.replace(" ", "_").replace(
            "only_unpublished_actor", "not_published"
        )
    if case == "no actor":
        assert reverse("actors:create") in response.content.decode()
    assert not Message.objects.exists()


def test_unpublished_actors_receive_nothing(client, pair):
    _a, alice, _b, _bob = pair
    hidden = ActorFactory(status=ActorStatus.PENDING)
    client.force_login(alice)
    assert client.get(start_url(hidden)).status_code == 404
    assert client.post(start_url(hidden), {"body": "Labas"}).status_code == 404
    assert not Message.objects.exists()


@pytest.mark.parametrize("case", ["someone else's actor", "empty", "too long"])
def test_bad_start_input_keeps_the_text_and_saves_nothing(client, pair, case):
    a, alice, b, _bob = pair
    foreign, _carol = actor_with_member()
    body = "Mano ilgai rašytas tekstas apie bendrą projektą"
    sender = a.pk
    if case == "someone else's actor":
        sender = foreign.pk
    elif case == "empty":
        body = "   "
    else:
        body = "Ilgas " + "ž" * 5000
    client.force_login(alice)
    response = client.post(start_url(b), {"sender": sender, "body": body})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors
    html = response.content.decode()
    if case != "empty":
        assert body[:40] in html
    expected = {
        "someone else's actor": "Pasirinkite vieną iš savo veikėjų.",
        "empty": "Parašykite žinutę.",
        "too long": "ženklų",
    }[case]
    assert expected in html
    assert not Message.objects.exists() and not Conversation.objects.exists()


def test_bad_reply_input_keeps_the_text_and_saves_nothing(client, conversation, pair):
    a, alice, b, bob = pair
    foreign, _carol = actor_with_member()
    client.force_login(alice)
    body = "Atsakymas, kurio negalima prarasti"
    for sender in (b.pk, foreign.pk, "abc"):
        response = client.post(conversation_url(conversation), {"sender": sender, "body": body})
        assert response.status_code == 400
        assert body in response.content.decode()
    response = client.post(conversation_url(conversation), {"sender": a.pk, "body": ""})
    assert response.status_code == 400
    assert Message.objects.count() == 1


def test_reply_is_saved_and_shown(client, conversation, pair):
    a, alice, b, bob = pair
    client.force_login(bob)
    response = client.post(conversation_url(conversation), {"sender": b.pk, "body": "Gerai!"})
    assert response.status_code == 302
    message = Message.objects.latest("created_at")
    assert (message.sender_actor, message.author, message.body) == (b, bob, "Gerai!")


# --- Rate limits --------------------------------------------------------------------------


def test_too_many_messages_answer_429_and_keep_the_text(client, conversation, pair, monkeypatch):
    a, alice, _b, _bob = pair
    monkeypatch.setattr(services, "MESSAGES_PER_HOUR", 1)
    client.force_login(alice)
    body = "Dar vienas svarbus klausimas"
    response = client.post(conversation_url(conversation), {"sender": a.pk, "body": body})
    assert response.status_code == 429
    html = response.content.decode()
    assert body in html and 'role="alert"' in html
    assert "Per pastarąją valandą išsiuntėte 1 žinutę" in html  # in the person's language
    assert Message.objects.count() == 1


def test_too_many_new_conversations_answer_429(client, pair, monkeypatch):
    a, alice, b, _bob = pair
    monkeypatch.setattr(services, "NEW_CONVERSATIONS_PER_DAY", 1)
    start(a, ActorFactory(), alice)
    client.force_login(alice)
    body = "Norėtume bendradarbiauti"
    response = client.post(start_url(b), {"sender": a.pk, "body": body})
    assert response.status_code == 429
    assert body in response.content.decode()
    assert Conversation.objects.count() == 1


# --- Reports --------------------------------------------------------------------------------


def test_report_a_message_of_the_other_side(client, conversation, pair):
    a, alice, b, bob = pair
    message = conversation.messages.get()
    url = reverse("messaging:report", kwargs={"pk": conversation.pk, "message_pk": message.pk})
    client.force_login(bob)
    html = client.get(conversation_url(conversation)).content.decode()
    assert url in html  # the button is there
    for _twice in range(2):
        response = client.post(url, {"reason": "Reklama"}, follow=True)
        assert response.status_code == 200
        assert len(list(response.context["messages"])) == 1
    report = Report.objects.get()
    assert report.lag is None and report.reporter == bob and report.reason == "Reklama"

    client.force_login(alice)  # her own message: no button, and a POST is refused
    assert url not in client.get(conversation_url(conversation)).content.decode()
    assert client.post(url).status_code == 404
    assert Report.objects.count() == 1


def test_report_of_a_message_of_another_conversation_is_404(client, conversation, pair):
    a, alice, b, bob = pair
    third, carol = actor_with_member()
    elsewhere = start(third, a, carol).conversation
    foreign = elsewhere.messages.get()
    client.force_login(bob)
    url = reverse("messaging:report", kwargs={"pk": conversation.pk, "message_pk": foreign.pk})
    assert client.post(url).status_code == 404
    assert not Report.objects.exists()


# --- Inbox, read state, pagination --------------------------------------------------------


def test_unread_marker_is_per_person(client, conversation, pair):
    a, alice, b, bob = pair
    colleague = UserFactory()
    ActorMembership.objects.create(actor=b, user=colleague)
    client.force_login(bob)
    response = client.get(reverse("messaging:inbox"))
    assert [row["unread"] for row in response.context["rows"]] == [True]
    client.get(conversation_url(conversation))
    response = client.get(reverse("messaging:inbox"))
    assert [row["unread"] for row in response.context["rows"]] == [False]
    client.force_login(colleague)
    response = client.get(reverse("messaging:inbox"))
    assert [row["unread"] for row in response.context["rows"]] == [True]
    client.force_login(alice)  # she wrote the last message
    response = client.get(reverse("messaging:inbox"))
    assert [row["unread"] for row in response.context["rows"]] == [False]
    services.message_send(conversation=conversation, sender=b, author=bob, body="Nauja")
    response = client.get(reverse("messaging:inbox"))
    assert [row["unread"] for row in response.context["rows"]] == [True]


def test_inbox_lists_conversations_of_all_my_actors_newest_first(client, pair):
    a, alice, b, bob = pair
    second = ActorFactory(owners=[alice])
    c, carol = actor_with_member(name="Trečioji bendrija")
    first = start(a, b, alice).conversation
    later = start(c, second, carol).conversation
    client.force_login(alice)
    rows = client.get(reverse("messaging:inbox")).context["rows"]
    assert [r["conversation"] for r in rows] == [later, first]
    assert [r["other"] for r in rows] == [c, b]
    assert [r["ours"] for r in rows] == [second, a]


def test_conversation_pages_show_the_newest_messages_first(client, conversation, pair):
    a, alice, b, bob = pair
    from kaimolink.messaging.views import MESSAGES_PAGE_SIZE

    for n in range(MESSAGES_PAGE_SIZE + 4):
        Message.objects.create(
            conversation=conversation, sender_actor=b, author=bob, body=f"Žinutė nr. {n:03d}"
        )
    client.force_login(alice)
    response = client.get(conversation_url(conversation))
    bodies = [item["message"].body for item in response.context["shown"]]
    assert bodies[-1] == f"Žinutė nr. {MESSAGES_PAGE_SIZE + 3:03d}"  # newest at the bottom
    assert len(bodies) == MESSAGES_PAGE_SIZE
    assert SECRET_BODY not in response.content.decode()
    older = client.get(conversation_url(conversation) + "?page=2")
    assert SECRET_BODY in older.content.decode()


# --- Query counts ---------------------------------------------------------------------------


def test_inbox_query_count_does_not_grow_with_conversations(client, pair):
    a, alice, b, bob = pair
    start(a, b, alice)
    client.force_login(alice)
    url = reverse("messaging:inbox")
    one = count_queries(client, url)
    for _n in range(12):
        other, member = actor_with_member()
        start(other, a, member)
    assert count_queries(client, url) == one


def test_conversation_query_count_does_not_grow_with_messages(client, conversation, pair):
    a, alice, b, bob = pair
    client.force_login(bob)
    url = conversation_url(conversation)
    count_queries(client, url)  # the read state row exists from now on
    one = count_queries(client, url)
    for n in range(15):
        author = UserFactory(full_name=f"Narys {n}")
        ActorMembership.objects.create(actor=a if n % 2 else b, user=author)
        Message.objects.create(
            conversation=conversation, sender_actor=a if n % 2 else b, author=author, body=f"{n}"
        )
    services.contacts_share(conversation=conversation, actor=a, by=alice, include_my_email=True)
    services.contacts_share(conversation=conversation, actor=b, by=bob)
    assert count_queries(client, url) == one
