"""Directory, map, profile and form pages: answers, bad input, and constant query counts."""

import io

import pytest
from django.core import mail
from PIL import Image

from kaimolink.actors.enums import ActorStatus
from kaimolink.actors.models import Actor
from kaimolink.core.models import Theme
from tests.factories import (
    ActorFactory,
    LagFactory,
    SettlementFactory,
    UserFactory,
    make_coordinator,
    theme,
)
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db


def make_actors(lag, n):
    energy, jobs = theme("renewable-energy"), theme("rural-jobs")
    return [ActorFactory(lag=lag, themes=[energy, jobs]) for _ in range(n)]


@pytest.mark.parametrize(
    "url", ["/lt/actors/", "/lt/actors/?q=veikejas&ordering=-name", "/lt/", "/lt/actors/map/"]
)
def test_list_pages_run_constant_queries(client, url):
    lag = LagFactory()
    make_actors(lag, 1)
    one = count_queries(client, url)
    make_actors(lag, 20)
    many = count_queries(client, url)
    assert one == many


def test_geojson_runs_constant_queries(client):
    lag = LagFactory()
    url = "/lt/actors/map/markers.geojson?bbox=20,50,30,60"
    make_actors(lag, 1)
    one = count_queries(client, url)
    make_actors(lag, 20)
    assert count_queries(client, url) == one


def test_profile_runs_constant_queries(client):
    few = ActorFactory(themes=[theme("renewable-energy")])
    many = ActorFactory(themes=list(Theme.objects.all()))
    assert count_queries(client, few.get_absolute_url()) == count_queries(
        client, many.get_absolute_url()
    )


def test_directory_shows_published_only_with_count(client):
    ActorFactory(name="Matomas")
    ActorFactory(name="Slepiamas", status=ActorStatus.PENDING)
    response = client.get("/lt/actors/")
    assert "Matomas" in response.text
    assert "Slepiamas" not in response.text


def test_directory_paginates(client, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for name in ["A", "B", "C"]:
        ActorFactory(name=f"Veikėjas {name}")
    page2 = client.get("/lt/actors/?page=2")
    assert "Veikėjas C" in page2.text and "Veikėjas A" not in page2.text
    assert client.get("/lt/actors/?page=999").status_code == 200
    assert client.get("/lt/actors/?page=abc").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "lag=nera-tokios",
        "type=dragon",
        "theme=%00",
        "certified=maybe",
        "ordering=sql",
        "q=" + "x" * 201,
        "district=9999",
    ],
)
def test_directory_bad_filter_answers_400_with_message(client, query):
    ActorFactory()
    response = client.get(f"/lt/actors/?{query}")
    assert response.status_code == 400
    assert "Kai kurie filtrai" in response.text or "Some filters" in response.text


@pytest.mark.parametrize(
    "bbox", ["", "1,2,3", "a,b,c,d", "30,50,20,60", "0,-100,10,10", "nan,0,1,1"]
)
def test_geojson_bad_bbox_is_400(client, bbox):
    response = client.get(f"/lt/actors/map/markers.geojson?bbox={bbox}")
    assert response.status_code == 400
    assert "error" in response.json()


def test_geojson_returns_visible_markers_and_truncates(client, settings):
    settings.MAP_MAX_MARKERS = 2
    inside = SettlementFactory(lat=55.3, lon=23.9)
    outside = SettlementFactory(lat=54.0, lon=21.0)
    for _ in range(3):
        ActorFactory(settlement=inside, district=inside.district)
    ActorFactory(name="Toli", settlement=outside, district=outside.district)
    data = client.get("/lt/actors/map/markers.geojson?bbox=23,55,24,56").json()
    assert len(data["features"]) == 2
    assert data["truncated"] is True
    assert all(f["properties"]["name"] != "Toli" for f in data["features"])
    for feature in data["features"]:
        assert feature["properties"]["url"] == f"/lt/actors/{feature['properties']['slug']}/"


def test_unpublished_profile_is_404_for_strangers_but_visible_to_owner(client):
    owner = UserFactory()
    actor = ActorFactory(status=ActorStatus.DRAFT, owners=[owner])
    assert client.get(actor.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(actor.get_absolute_url()).status_code == 404
    client.force_login(owner)
    assert client.get(actor.get_absolute_url()).status_code == 200


def test_private_contacts_hidden_without_consent(client):
    actor = ActorFactory(email="slaptas@ukis.lt", phone="+37060000000", contacts_public=False)
    response = client.get(actor.get_absolute_url())
    assert "slaptas@ukis.lt" not in response.text
    assert "+37060000000" not in response.text
    actor.contacts_public = True
    actor.save()
    assert "slaptas@ukis.lt" in client.get(actor.get_absolute_url()).text


def test_contact_form_sends_without_revealing_address(client, django_capture_on_commit_callbacks):
    actor = ActorFactory(email="slaptas@ukis.lt")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{actor.get_absolute_url()}contact/",
            {"name": "Ona", "email": "ona@example.lt", "message": "Norėčiau užsisakyti medaus."},
            follow=True,
        )
    assert response.status_code == 200
    assert "slaptas@ukis.lt" not in response.text
    assert mail.outbox[0].to == ["slaptas@ukis.lt"]


def test_contact_form_bad_input_keeps_text_and_sends_nothing(client):
    actor = ActorFactory(email="info@ukis.lt")
    response = client.post(
        f"{actor.get_absolute_url()}contact/",
        {"name": "", "email": "ne-pastas", "message": "Mano žinutė ilga"},
    )
    assert response.status_code == 400
    assert "Mano žinutė ilga" in response.text
    assert mail.outbox == []


def test_contact_form_honeypot_sends_nothing(client):
    actor = ActorFactory(email="info@ukis.lt")
    response = client.post(
        f"{actor.get_absolute_url()}contact/",
        {"name": "Bot", "email": "b@b.lt", "message": "Pirk pigiai dabar!", "website": "x"},
    )
    assert response.status_code == 302
    assert mail.outbox == []


def test_contact_form_is_rate_limited(client, django_capture_on_commit_callbacks):
    actor = ActorFactory(email="info@ukis.lt")
    data = {"name": "Ona", "email": "ona@example.lt", "message": "Labas, ar galite padėti?"}
    url = f"{actor.get_absolute_url()}contact/"
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [client.post(url, data).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5


def _form_data(lag, settlement, /, **extra):
    return {
        "name": "Naujas ūkis",
        "actor_type": "farmer",
        "lag": lag.pk,
        "settlement": settlement.pk,
        "description": "Auginame braškes.",
        **extra,
    }


def test_create_requires_login(client):
    response = client.get("/lt/actors/new/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_create_and_submit_for_moderation(client):
    lag = LagFactory()
    settlement = SettlementFactory(district=lag.districts.first())
    person = UserFactory()
    client.force_login(person)
    response = client.post("/lt/actors/new/", {**_form_data(lag, settlement), "submit": "1"})
    actor = Actor.objects.get(name="Naujas ūkis")
    assert response.status_code == 302
    assert actor.status == ActorStatus.PENDING
    assert actor.district == settlement.district
    assert list(actor.members.all()) == [person]


@pytest.mark.parametrize(
    ("extra", "field_message"),
    [
        ({"name": ""}, "name"),
        ({"actor_type": "dragon"}, "actor_type"),
        ({"legal_code": "12AB"}, "legal_code"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"email": "ne@"}, "email"),
        ({"settlement": "999999"}, "settlement"),
        ({"lag": "abc"}, "lag"),
        ({"contacts_public": "on"}, "contacts_public"),
    ],
)
def test_create_with_bad_input_changes_nothing_and_keeps_text(client, extra, field_message):
    lag = LagFactory()
    settlement = SettlementFactory(district=lag.districts.first())
    client.force_login(UserFactory())
    response = client.post("/lt/actors/new/", _form_data(lag, settlement, **extra))
    assert response.status_code == 400
    assert field_message in response.context["form"].errors
    assert "Auginame braškes." in response.text
    assert not Actor.objects.exists()


def test_create_rejects_settlement_outside_the_lag(client):
    lag = LagFactory()
    elsewhere = SettlementFactory()
    client.force_login(UserFactory())
    response = client.post("/lt/actors/new/", _form_data(lag, elsewhere))
    assert response.status_code == 400
    assert not Actor.objects.exists()


def test_duplicate_legal_code_is_refused(client):
    ActorFactory(legal_code="123456789")
    lag = LagFactory()
    settlement = SettlementFactory(district=lag.districts.first())
    client.force_login(UserFactory())
    response = client.post("/lt/actors/new/", _form_data(lag, settlement, legal_code="123456789"))
    assert response.status_code == 400
    assert Actor.objects.count() == 1


def _png_with_exif() -> bytes:
    image = Image.new("RGB", (2400, 1200), "green")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_logo_is_resized_and_stripped_of_metadata(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    lag = LagFactory()
    settlement = SettlementFactory(district=lag.districts.first())
    client.force_login(UserFactory())
    logo = SimpleUploadedFile("photo.jpg", _png_with_exif(), content_type="image/jpeg")
    response = client.post("/lt/actors/new/", {**_form_data(lag, settlement), "logo": logo})
    assert response.status_code == 302
    actor = Actor.objects.get()
    with Image.open(actor.logo.path) as stored:
        assert max(stored.size) == 800
        assert b"SecretCamera" not in actor.logo.open("rb").read()


@pytest.mark.parametrize(
    ("name", "content"),
    [("fake.jpg", b"not an image at all"), ("script.png", b"<?php echo 1; ?>")],
)
def test_logo_that_is_not_a_picture_is_refused(client, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    lag = LagFactory()
    settlement = SettlementFactory(district=lag.districts.first())
    client.force_login(UserFactory())
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = client.post("/lt/actors/new/", {**_form_data(lag, settlement), "logo": upload})
    assert response.status_code == 400
    assert "logo" in response.context["form"].errors
    assert not Actor.objects.exists()


def test_logo_decompression_bomb_is_refused_with_a_message(client):
    from tests.files import pixel_bomb, upload

    lag = LagFactory()
    settlement = SettlementFactory(district=lag.districts.first())
    client.force_login(UserFactory())
    bomb = upload("logo.png", pixel_bomb())
    response = client.post("/lt/actors/new/", {**_form_data(lag, settlement), "logo": bomb})
    assert response.status_code == 400
    assert "daugiausia 40 megapikselių" in response.content.decode()
    assert not Actor.objects.exists()


def test_replaced_actor_logo_file_is_deleted(client, django_capture_on_commit_callbacks):
    import os

    from tests.files import image_bytes, upload

    lag = LagFactory()
    settlement = SettlementFactory(district=lag.districts.first())
    client.force_login(UserFactory())
    data = _form_data(lag, settlement)
    client.post("/lt/actors/new/", {**data, "logo": upload("logo.jpg", image_bytes("JPEG"))})
    actor = Actor.objects.get()
    old = actor.logo.path
    assert "logo" not in actor.logo.name.rsplit("/", 1)[-1]  # not the guessable actors/logo.jpg
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{actor.get_absolute_url()}edit/",
            {**data, "logo": upload("kitas.png", image_bytes("PNG"))},
        )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.logo.path != old and os.path.exists(actor.logo.path)
    assert not os.path.exists(old)


def test_edit_by_other_person_is_404(client):
    actor = ActorFactory()
    client.force_login(UserFactory())
    assert client.get(f"{actor.get_absolute_url()}edit/").status_code == 404
    assert client.post(f"{actor.get_absolute_url()}edit/", {"name": "Pavogtas"}).status_code == 404
    actor.refresh_from_db()
    assert actor.name != "Pavogtas"


def test_moderation_queue_shows_only_own_lag(client):
    mine = ActorFactory(name="Mano VVG", status=ActorStatus.PENDING)
    ActorFactory(name="Kita VVG", status=ActorStatus.PENDING)
    client.force_login(make_coordinator(mine.lag))
    response = client.get("/lt/actors/moderation/")
    assert "Mano VVG" in response.text
    assert "Kita VVG" not in response.text


def test_moderation_queue_forbidden_for_members(client):
    client.force_login(UserFactory())
    assert client.get("/lt/actors/moderation/").status_code == 403


def test_coordinator_publishes_from_queue(client):
    actor = ActorFactory(status=ActorStatus.PENDING)
    client.force_login(make_coordinator(actor.lag))
    response = client.post(f"{actor.get_absolute_url()}publish/", {"next": "queue"})
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.status == ActorStatus.PUBLISHED


def test_return_without_reason_changes_nothing(client):
    actor = ActorFactory(status=ActorStatus.PENDING)
    client.force_login(make_coordinator(actor.lag))
    client.post(f"{actor.get_absolute_url()}return/", {"reason": ""})
    actor.refresh_from_db()
    assert actor.status == ActorStatus.PENDING


def test_unknown_action_is_404(client):
    actor = ActorFactory(status=ActorStatus.PENDING)
    client.force_login(make_coordinator(actor.lag))
    assert client.post(f"{actor.get_absolute_url()}explode/").status_code == 404


def test_get_on_transition_is_405(client):
    actor = ActorFactory(status=ActorStatus.PENDING)
    client.force_login(make_coordinator(actor.lag))
    assert client.get(f"{actor.get_absolute_url()}publish/").status_code == 405


def test_legal_code_is_shown_to_editors_only(client):
    owner = UserFactory()
    actor = ActorFactory(legal_code="302345678", owners=[owner])
    assert "302345678" not in client.get(actor.get_absolute_url()).text
    client.force_login(owner)
    assert "302345678" in client.get(actor.get_absolute_url()).text


def test_map_opens_on_the_filtered_lags_territory(client):
    lag = LagFactory()
    district = lag.districts.first()
    SettlementFactory(district=district, lat=54.1, lon=23.4)
    SettlementFactory(district=district, lat=54.3, lon=23.8)
    SettlementFactory(lat=56.0, lon=21.5)  # elsewhere
    response = client.get(f"/lt/actors/map/?lag={lag.slug}")
    assert 'data-bounds="54.1,23.4,54.3,23.8"' in response.text


def test_directory_says_more_than_when_the_count_is_capped(client, monkeypatch):
    from kaimolink.actors import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    for _ in range(3):
        ActorFactory()
    response = client.get("/en/actors/")
    assert "More than 2 actors found" in response.text


def test_contact_page_of_unpublished_actor_is_404(client):
    owner = UserFactory()
    actor = ActorFactory(status=ActorStatus.DRAFT, owners=[owner], email="a@b.lt")
    client.force_login(owner)
    assert client.get(f"{actor.get_absolute_url()}contact/").status_code == 404


def test_public_pages_carry_no_csrf_cookie(client):
    actor = ActorFactory()
    for url in ["/lt/", "/lt/actors/", "/lt/actors/map/", actor.get_absolute_url()]:
        response = client.get(url)
        assert "csrftoken" not in response.cookies, url
        assert "csrfmiddlewaretoken" not in response.text, url


FEWER_WORDS = "Try fewer words"
REMOVE_FILTER = "Remove a filter"
SPELLING = "Check the spelling"


def empty_state(client, url) -> str:
    html = client.get(url).content.decode()
    assert 'class="empty-state"' in html, url
    return html[html.index('class="empty-state"') :]


def test_directory_nothing_found_for_one_word_gives_no_fewer_words_advice(client):
    ActorFactory(name="Matomas")
    html = empty_state(client, "/en/actors/?q=vynuogynas")
    assert "No actors match “vynuogynas”" in html
    assert SPELLING in html and FEWER_WORDS not in html and REMOVE_FILTER not in html


def test_directory_nothing_found_for_several_words_advises_fewer_words(client):
    ActorFactory(name="Matomas")
    html = empty_state(client, "/en/actors/?q=matomas+vynuogynas")
    assert FEWER_WORDS in html and REMOVE_FILTER not in html


def test_directory_nothing_found_with_a_filter_advises_removing_it(client):
    ActorFactory(name="Matomas", actor_type="community")
    html = empty_state(client, "/en/actors/?type=farmer")
    assert "No actors match these filters" in html
    assert REMOVE_FILTER in html and SPELLING not in html and FEWER_WORDS not in html


def test_directory_nothing_found_speaks_lithuanian(client):
    html = empty_state(client, "/lt/actors/?q=vynuogynas+obuoliai")
    assert "Pabandykite įvesti mažiau žodžių" in html


def test_directory_with_results_has_no_empty_state(client):
    ActorFactory(name="Matomas")
    html = client.get("/en/actors/?q=matomas").content.decode()
    assert 'class="empty-state"' not in html and "1 actor found" in html
