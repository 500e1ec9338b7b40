"""Pages: the board, a post, creating, editing, closing and hiding, an actor's matches."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kaimolink.actors.enums import ActorStatus
from kaimolink.partnerships.enums import Area, PostKind, PostStatus
from kaimolink.partnerships.models import PartnershipPost
from tests.factories import ActorFactory, LagFactory, UserFactory, make_coordinator, theme
from tests.helpers.queries import count_queries
from tests.partnerships.factories import PostFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CONFIRMED = {"confirmed": "1"}


def board_url(**params) -> str:
    from urllib.parse import urlencode

    url = reverse("partnerships:board")
    return f"{url}?{urlencode(params)}" if params else url


def titles(response) -> list[str]:
    return [post.title for post in response.context["page"]]


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def actor(member):
    return ActorFactory(owners=[member], name="Šlapaberžės bendruomenė")


def valid_data(actor, **over) -> dict:
    data = {
        "actor": actor.pk,
        "kind": PostKind.REQUEST,
        "title": "Ieškome medaus gamintojo",
        "description": "Dovanų krepšeliui, 200 stiklainių.",
        "themes": [theme("short-supply-chains").pk],
        "area": Area.PLATFORM,
        "ends_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    }
    data.update(over)
    return data


# --- Board ---------------------------------------------------------------------------------


def test_board_lists_only_open_unexpired_posts_of_published_actors(client):
    PostFactory(title="Atviras")
    PostFactory(title="Uždarytas", status=PostStatus.CLOSED)
    PostFactory(title="Paslėptas", status=PostStatus.HIDDEN)
    PostFactory(title="Pasibaigęs", ends_on=timezone.localdate() - datetime.timedelta(days=1))
    PostFactory(title="Šiandien paskutinė diena", ends_on=timezone.localdate())
    PostFactory(title="Juodraščio", actor=ActorFactory(status=ActorStatus.DRAFT))
    response = client.get(board_url())
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Atviras", "Šiandien paskutinė diena"]


def test_board_filters_by_kind_lag_and_theme(client):
    lag = LagFactory(slug="dzukija")
    chains = theme("short-supply-chains")
    PostFactory(title="Prašymas", kind=PostKind.REQUEST)
    PostFactory(title="Pasiūlymas", kind=PostKind.OFFER, actor=ActorFactory(lag=lag),
                themes=[chains])  # fmt: skip
    assert titles(client.get(board_url(kind="offer"))) == ["Pasiūlymas"]
    assert titles(client.get(board_url(kind="request"))) == ["Prašymas"]
    assert titles(client.get(board_url(lag="dzukija"))) == ["Pasiūlymas"]
    assert titles(client.get(board_url(theme="short-supply-chains"))) == ["Pasiūlymas"]


def test_board_search_ignores_accents_and_case_in_both_directions(client):
    PostFactory(title="Ieškome šakočio kepėjų", description="Šventei Žąsinų kaime")
    PostFactory(title="Lininiai maišeliai")
    for q in ("sakocio", "ŠAKOČIO", "zasinu kaime", "Žąsinų"):
        assert titles(client.get(board_url(q=q))) == ["Ieškome šakočio kepėjų"], q
    assert titles(client.get(board_url(q="sakocio maiseliai"))) == []


def test_board_search_finds_the_actor_name_and_theme(client):
    PostFactory(title="Ieškome partnerio", actor=ActorFactory(name="Dzūkų medus"),
                themes=[theme("renewable-energy")])  # fmt: skip
    assert len(titles(client.get(board_url(q="dzuku")))) == 1
    assert len(titles(client.get(board_url(q="atsinaujinanti")))) == 1


@pytest.mark.parametrize(
    "params", [{"kind": "gift"}, {"lag": "nera-tokios"}, {"theme": "nera"}, {"q": "x" * 201}]
)
def test_board_bad_filter_is_400_with_message(client, params):
    response = client.get(board_url(**params))
    assert response.status_code == 400
    assert b"Some filters are not valid" in response.content


def test_board_htmx_answers_the_results_fragment(client):
    PostFactory(title="Atviras")
    response = client.get(board_url(), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content and b"Atviras" in response.content


def test_board_is_paginated(client):
    for n in range(22):
        PostFactory(title=f"Nr {n}")
    assert len(titles(client.get(board_url()))) == 20
    assert len(titles(client.get(board_url(page=2)))) == 2


def test_board_query_count_is_constant(client):
    chains, energy = theme("short-supply-chains"), theme("renewable-energy")
    PostFactory(themes=[chains])
    one = count_queries(client, board_url())
    for _n in range(12):
        PostFactory(themes=[chains, energy])
    assert count_queries(client, board_url()) == one


def test_board_public_page_has_no_csrf_token(client):
    PostFactory()
    assert b"csrfmiddlewaretoken" not in client.get(board_url()).content


# --- Post page ---------------------------------------------------------------------------------


def test_detail_shows_suggested_partners(client):
    lag = LagFactory()
    asker = ActorFactory(lag=lag)
    ActorFactory(lag=lag, name="Bitininkas", offers="Liepų medus")
    ActorFactory(lag=lag, name="Kalvis", offers="Kaltiniai vartai")
    post = PostFactory(actor=asker, title="Ieškome medaus")
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert [s.actor.name for s in response.context["suggestions"]] == ["Bitininkas"]
    assert b"Suggested partners" in response.content
    assert b"offers: medus" in response.content
    assert b"csrfmiddlewaretoken" not in response.content


def test_detail_query_count_is_constant_in_suggestions(client):
    lag = LagFactory()
    post = PostFactory(actor=ActorFactory(lag=lag), title="Ieškome medaus",
                       themes=[theme("short-supply-chains")])  # fmt: skip
    ActorFactory(lag=lag, offers="Medus", themes=[theme("short-supply-chains")])
    one = count_queries(client, post.get_absolute_url())
    for _n in range(10):
        ActorFactory(lag=lag, offers="Medus", themes=[theme("short-supply-chains")])
    assert count_queries(client, post.get_absolute_url()) == one


def test_hidden_post_is_404_for_visitors_but_seen_by_members_and_coordinator(client, member,
                                                                            actor):  # fmt: skip
    post = PostFactory(actor=actor, status=PostStatus.HIDDEN)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(post.get_absolute_url()).status_code == 200
    client.force_login(make_coordinator(actor.lag))
    assert client.get(post.get_absolute_url()).status_code == 200


def test_post_of_unpublished_actor_is_404(client):
    post = PostFactory(actor=ActorFactory(status=ActorStatus.ARCHIVED))
    assert client.get(post.get_absolute_url()).status_code == 404


def test_unknown_and_huge_ids_are_404(client):
    assert client.get("/en/partnerships/999/").status_code == 404
    assert client.get("/en/partnerships/" + "9" * 30 + "/").status_code == 404


def test_closed_post_shows_without_suggestions(client):
    post = PostFactory(status=PostStatus.CLOSED)
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert response.context["suggestions"] == []
    assert b"Closed" in response.content


# --- Create ------------------------------------------------------------------------------------


def test_create_needs_login(client):
    response = client.get(reverse("partnerships:create"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_member_creates_a_request(client, member, actor):
    client.force_login(member)
    response = client.post(reverse("partnerships:create"), valid_data(actor))
    post = PartnershipPost.objects.get()
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert post.actor == actor and post.created_by == member
    assert post.status == PostStatus.OPEN
    assert list(post.themes.values_list("slug", flat=True)) == ["short-supply-chains"]
    assert "medaus" in post.search_text and "trumposios" in post.search_text


def test_create_form_lists_only_published_actors_of_the_person(client, member, actor):
    ActorFactory(owners=[member], name="Juodraštis", status=ActorStatus.DRAFT)
    ActorFactory(name="Svetimas")
    client.force_login(member)
    response = client.get(reverse("partnerships:create"))
    assert list(response.context["form"].fields["actor"].queryset) == [actor]


def test_person_without_published_actor_is_told_how(client):
    user = UserFactory()
    ActorFactory(owners=[user], status=ActorStatus.PENDING)
    client.force_login(user)
    response = client.get(reverse("partnerships:create"))
    assert b"once its profile is published" in response.content


@pytest.mark.parametrize(
    "over, field, message",
    [
        ({"title": "   "}, "title", "Enter the title"),
        ({"title": "ab"}, "title", "Write a title of at least 3 characters."),
        ({"ends_on": "2020-01-01"}, "ends_on", "The end date is in the past."),
        ({"ends_on": "2020-13-45"}, "ends_on", "Enter the date as 2026-05-14"),
        ({"themes": [999999]}, "themes", "Unknown theme: 999999."),
        ({"kind": "gift"}, "kind", "Select a valid choice."),
        ({"area": "moon"}, "area", "Select a valid choice."),
    ],
)
def test_create_bad_input_is_400_keeps_text_saves_nothing(client, member, actor, over, field,
                                                          message):  # fmt: skip
    client.force_login(member)
    data = valid_data(actor, description="Mūsų ilgas tekstas apie krepšelį", **over)
    response = client.post(reverse("partnerships:create"), data)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert "Mūsų ilgas tekstas apie krepšelį" in response.content.decode()
    assert not PartnershipPost.objects.exists()


def test_create_far_end_date_is_refused(client, member, actor):
    client.force_login(member)
    far = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
    response = client.post(reverse("partnerships:create"), valid_data(actor, ends_on=far))
    assert response.status_code == 400
    assert "within a year" in " ".join(response.context["form"].errors["ends_on"])
    assert not PartnershipPost.objects.exists()


def test_create_for_someone_elses_actor_is_refused(client, member, actor):
    other = ActorFactory(name="Svetimas")
    client.force_login(member)
    response = client.post(reverse("partnerships:create"), valid_data(other))
    assert response.status_code == 400
    assert "Choose one of your published actors." in response.context["form"].errors["actor"]
    assert not PartnershipPost.objects.exists()


def test_create_for_own_unpublished_actor_is_refused(client, member):
    draft = ActorFactory(owners=[member], status=ActorStatus.DRAFT)
    client.force_login(member)
    response = client.post(reverse("partnerships:create"), valid_data(draft))
    assert response.status_code == 400
    assert not PartnershipPost.objects.exists()


def test_create_message_in_lithuanian(client, member, actor):
    client.force_login(member)
    with translation.override("lt"):
        url = reverse("partnerships:create")
    response = client.post(url, valid_data(actor, ends_on="2020-01-01"))
    assert response.status_code == 400
    assert "Pabaigos data jau praėjo." in response.content.decode()


# --- Edit, close, hide -------------------------------------------------------------------------


def test_member_edits_the_post(client, member, actor):
    post = PostFactory(actor=actor, title="Senas")
    client.force_login(member)
    data = valid_data(actor, title="Naujas pavadinimas")
    response = client.post(reverse("partnerships:edit", args=[post.pk]), data)
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Naujas pavadinimas" and post.actor == actor
    assert "naujas pavadinimas" in post.search_text


def test_edit_bad_input_changes_nothing(client, member, actor):
    post = PostFactory(actor=actor, title="Senas")
    client.force_login(member)
    data = valid_data(actor, title="Naujas", ends_on="2020-01-01")
    response = client.post(reverse("partnerships:edit", args=[post.pk]), data)
    assert response.status_code == 400
    assert 'value="Naujas"' in response.content.decode()
    post.refresh_from_db()
    assert post.title == "Senas"


@pytest.mark.parametrize("who", ["stranger", "coordinator_elsewhere", "coordinator"])
def test_others_cannot_edit(client, actor, who):
    post = PostFactory(actor=actor, title="Senas")
    user = {
        "stranger": UserFactory,
        "coordinator_elsewhere": lambda: make_coordinator(LagFactory()),
        "coordinator": lambda: make_coordinator(actor.lag),
    }[who]()
    client.force_login(user)
    url = reverse("partnerships:edit", args=[post.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, valid_data(actor, title="Įsilaužėlis")).status_code == 404
    post.refresh_from_db()
    assert post.title == "Senas"


def test_member_of_archived_actor_cannot_edit(client, member, actor):
    post = PostFactory(actor=actor)
    actor.status = ActorStatus.ARCHIVED
    actor.save()
    client.force_login(member)
    assert client.get(reverse("partnerships:edit", args=[post.pk])).status_code == 404


def test_member_closes_the_post(client, member, actor):
    post = PostFactory(actor=actor)
    client.force_login(member)
    response = client.post(reverse("partnerships:close", args=[post.pk]), CONFIRMED)
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.CLOSED and post.closed_by == member


def test_close_asks_to_confirm_before_acting(client, member, actor):
    post = PostFactory(actor=actor)
    client.force_login(member)
    url = reverse("partnerships:close", args=[post.pk])
    for response in (client.get(url), client.post(url)):  # the POST is not from the page
        assert response.status_code == 200
        assert 'name="confirmed" value="1"' in response.content.decode()
    post.refresh_from_db()
    assert post.status == PostStatus.OPEN


def test_coordinator_of_the_lag_closes_and_hides(client, actor):
    post, other = PostFactory(actor=actor), PostFactory(actor=actor)
    coordinator = make_coordinator(actor.lag)
    client.force_login(coordinator)
    assert client.post(reverse("partnerships:close", args=[post.pk]), CONFIRMED).status_code == 302
    assert client.post(reverse("partnerships:hide", args=[other.pk]), CONFIRMED).status_code == 302
    post.refresh_from_db()
    other.refresh_from_db()
    assert post.status == PostStatus.CLOSED and other.status == PostStatus.HIDDEN


@pytest.mark.parametrize("action", ["close", "hide"])
def test_stranger_and_other_lag_coordinator_cannot_close_or_hide(client, actor, action):
    post = PostFactory(actor=actor)
    for user in (UserFactory(), make_coordinator(LagFactory())):
        client.force_login(user)
        assert (
            client.post(reverse(f"partnerships:{action}", args=[post.pk]), CONFIRMED).status_code
            == 404
        )
    post.refresh_from_db()
    assert post.status == PostStatus.OPEN


def test_member_cannot_hide(client, member, actor):
    post = PostFactory(actor=actor)
    client.force_login(member)
    assert client.post(reverse("partnerships:hide", args=[post.pk]), CONFIRMED).status_code == 404
    post.refresh_from_db()
    assert post.status == PostStatus.OPEN


def test_closing_twice_says_so(client, member, actor):
    post = PostFactory(actor=actor, status=PostStatus.CLOSED)
    client.force_login(member)
    response = client.post(reverse("partnerships:close", args=[post.pk]), CONFIRMED, follow=True)
    assert "This post is not open." in response.content.decode()


def test_manage_buttons_only_for_those_allowed(client, member, actor):
    post = PostFactory(actor=actor)
    client.force_login(member)
    content = client.get(post.get_absolute_url()).content.decode()
    assert reverse("partnerships:close", args=[post.pk]) in content
    assert reverse("partnerships:hide", args=[post.pk]) not in content
    client.force_login(UserFactory())
    content = client.get(post.get_absolute_url()).content.decode()
    assert reverse("partnerships:close", args=[post.pk]) not in content


# --- An actor's matches ------------------------------------------------------------------------


def test_for_actor_page_lists_requests_and_complements(client):
    lag = LagFactory()
    honey = ActorFactory(lag=lag, name="Bitininkas", offers="Liepų medus",
                         seeks="Ieškome stiklainių")  # fmt: skip
    ActorFactory(lag=lag, name="Stiklainių tiekėjas", offers="Stiklainiai ir dangteliai")
    post = PostFactory(actor=ActorFactory(lag=lag, name="Krepšelių rinkėjas"),
                       title="Ieškome medaus")  # fmt: skip
    response = client.get(reverse("partnerships:for_actor", args=[honey.slug]))
    assert response.status_code == 200
    assert [s.post for s in response.context["requests"]] == [post]
    assert [s.actor.name for s in response.context["complements"]] == ["Stiklainių tiekėjas"]
    assert b"offers what you look for: stiklainiai" in response.content


def test_for_actor_page_of_unpublished_or_unknown_actor_is_404(client):
    draft = ActorFactory(status=ActorStatus.DRAFT)
    assert client.get(reverse("partnerships:for_actor", args=[draft.slug])).status_code == 404
    assert client.get(reverse("partnerships:for_actor", args=["nera"])).status_code == 404


def test_for_actor_query_count_is_constant(client):
    lag = LagFactory()
    honey = ActorFactory(lag=lag, offers="Medus", seeks="Stiklainiai")
    url = reverse("partnerships:for_actor", args=[honey.slug])
    PostFactory(actor=ActorFactory(lag=lag), title="Medus")
    ActorFactory(lag=lag, offers="Stiklainiai")
    one = count_queries(client, url)
    for _n in range(8):
        PostFactory(actor=ActorFactory(lag=lag), title="Medus", themes=[theme("rural-jobs")])
        ActorFactory(lag=lag, offers="Stiklainiai", themes=[theme("rural-jobs")])
    assert count_queries(client, url) == one
