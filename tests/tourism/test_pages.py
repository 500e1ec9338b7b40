"""Tourism pages: the list and map layer, JSON-LD, roles (404), enquiries, query counts."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kaimolink.tourism.enums import EnquiryState, ServiceKind, ServiceStatus
from tests.factories import ActorFactory, LagFactory, UserFactory
from tests.helpers.queries import count_queries
from tests.tourism.factories import ServiceFactory, guest_enquiry, provider_with_service

pytestmark = pytest.mark.django_db

HOSTILE = "Sodyba </script><script>alert(1)</script> & <b>"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld_of(response) -> dict:
    blocks = JSONLD.findall(response.content.decode())
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def test_the_list_filters_by_kind_lag_and_folded_word_forms(client):
    lag = LagFactory()
    ServiceFactory(name="Kėdainių sodyba", actor=ActorFactory(lag=lag))
    ServiceFactory(name="Ežero pirtis", kind=ServiceKind.FOOD)
    ServiceFactory(name="Slapta sodyba", status=ServiceStatus.PENDING)
    url = reverse("tourism:index")

    def names(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return [s.name for s in response.context["page"].object_list]

    assert names() == ["Ežero pirtis", "Kėdainių sodyba"]
    assert names(q="kedainiu") == ["Kėdainių sodyba"]
    assert names(q="kėdainiai") == ["Kėdainių sodyba"]
    assert names(kind="food") == ["Ežero pirtis"]
    assert names(lag=lag.slug) == ["Kėdainių sodyba"]
    assert client.get(url, {"kind": "castle"}).status_code == 400


def test_the_map_page_without_javascript_is_the_same_list(client):
    ServiceFactory(name="Sodyba prie ežero")
    response = client.get(reverse("tourism:map"), {"kind": "accommodation"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="map"' in html and "Sodyba prie ežero" in html
    assert "kind=accommodation" in html  # the markers are asked with the same filters


def test_markers_are_geojson_of_the_box_with_filters(client):
    inside = ServiceFactory(name="Rotušė", kind=ServiceKind.HERITAGE, lat=55.29, lon=23.97)
    ServiceFactory(name="Sodyba", lat=55.29, lon=23.97)
    ServiceFactory(name="Toli", kind=ServiceKind.HERITAGE, lat=54.2, lon=23.5)
    url = reverse("tourism:markers")
    data = client.get(url, {"bbox": "23.9,55.2,24.0,55.3", "kind": "heritage"}).json()
    assert [f["properties"]["name"] for f in data["features"]] == ["Rotušė"]
    feature = data["features"][0]
    assert feature["geometry"]["coordinates"] == [23.97, 55.29]
    assert feature["properties"]["url"] == inside.get_absolute_url()
    assert client.get(url).status_code == 400
    assert client.get(url, {"bbox": "a,b,c,d"}).status_code == 400
    assert client.get(url, {"bbox": "23.9,55.2,24.0,55.3", "kind": "x"}).status_code == 400


def test_list_and_markers_take_the_same_queries_for_3_or_30_services(client):
    def counts():
        return (
            count_queries(client, reverse("tourism:index")),
            count_queries(client, reverse("tourism:markers") + "?bbox=20,53,27,57"),
        )

    for _ in range(3):
        ServiceFactory()
    few = counts()
    for _ in range(27):
        ServiceFactory(actor=ActorFactory())
    assert counts() == few
    assert few[1] <= 2


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (ServiceKind.ACCOMMODATION, "LodgingBusiness"),
        (ServiceKind.HERITAGE, "TouristAttraction"),
        (ServiceKind.EXPERIENCE, "TouristAttraction"),
        (ServiceKind.FOOD, "FoodEstablishment"),
    ],
)
def test_a_service_page_carries_safe_json_ld_of_its_type(client, kind, expected):
    service = ServiceFactory(
        kind=kind, name=HOSTILE, description=HOSTILE, price="45.00", price_text="už naktį"
    )
    response = client.get(service.get_absolute_url())
    html = response.content.decode()
    assert "</script><script>alert" not in html
    data = jsonld_of(response)
    assert data["@type"] == expected and data["name"] == HOSTILE
    assert data["offers"] == {
        "@type": "Offer",
        "price": "45.00",
        "priceCurrency": "EUR",
        "url": data["url"],
        "description": "už naktį",
    }
    assert data["url"].endswith(service.get_absolute_url())


def test_an_event_has_event_json_ld_and_a_route_its_stops(client):
    start = timezone.now() + timedelta(days=10)
    event = ServiceFactory(kind=ServiceKind.EVENT, starts_at=start, name="Šventė")
    data = jsonld_of(client.get(event.get_absolute_url()))
    assert data["@type"] == "Event" and data["startDate"].startswith(str(start.date()))
    assert data["location"]["geo"]["latitude"] == event.lat
    assert "offers" not in data

    from kaimolink.tourism import services

    route = ServiceFactory(kind=ServiceKind.ROUTE, name="Takas")
    services.stop_add(route=route, name="</script>Aikštė", lat=55.2883, lon=23.9744)
    services.stop_add(route=route, name="Minaretas", lat=55.2937, lon=23.9697)
    assert client.get(reverse("tourism:service", args=[route.slug])).status_code == 302
    response = client.get(route.get_absolute_url())
    data = jsonld_of(response)
    assert data["@type"] == "TouristTrip"
    stops = data["itinerary"]["itemListElement"]
    assert [s["item"]["name"] for s in stops] == ["</script>Aikštė", "Minaretas"]
    html = response.content.decode()
    assert "<script>Aikštė" not in html and html.count("</script>") == html.count("<script")
    assert html.index("&lt;/script&gt;Aikštė") < html.index("Minaretas</strong>")


def test_every_page_carries_json_ld(client):
    owner, service = provider_with_service()
    enquiry = guest_enquiry(service)
    coordinator = UserFactory(is_superuser=True)
    for user, url in [
        (None, reverse("tourism:index")),
        (None, reverse("tourism:map")),
        (None, reverse("tourism:enquiry_new", args=[service.slug])),
        (None, enquiry.get_absolute_url()),
        (owner, reverse("tourism:my_services")),
        (owner, reverse("tourism:service_edit", args=[service.slug])),
        (owner, reverse("tourism:service_new", args=[service.actor.slug])),
        (owner, reverse("tourism:enquiries")),
        (owner, reverse("tourism:my_enquiries")),
        (coordinator, reverse("tourism:moderation")),
    ]:
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        assert jsonld_of(response)["@type"], url


def test_other_peoples_services_and_unpublished_ones_answer_404(client):
    _, service = provider_with_service(status=ServiceStatus.DRAFT)
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(service.get_absolute_url()).status_code == 404
    assert client.get(reverse("tourism:service_edit", args=[service.slug])).status_code == 404
    assert client.post(reverse("tourism:service_submit", args=[service.slug])).status_code == 404
    assert client.get(reverse("tourism:enquiry_new", args=[service.slug])).status_code == 404
    assert client.get(reverse("tourism:enquiry", args=["no-such-code"])).status_code == 404
    assert client.get(reverse("tourism:moderation")).status_code == 404
    assert client.get(reverse("tourism:enquiries")).status_code == 404
    other = ActorFactory()
    assert client.get(reverse("tourism:service_new", args=[other.slug])).status_code == 404
    moderate = reverse("tourism:service_moderate", args=[service.slug])
    assert client.post(moderate, {"decision": "published"}).status_code == 404


def test_a_non_member_cannot_confirm_an_enquiry(client):
    _, service = provider_with_service()
    enquiry = guest_enquiry(service)
    client.force_login(UserFactory())
    response = client.post(
        reverse("tourism:enquiry_move", args=[enquiry.code]), {"to": "confirmed"}
    )
    assert response.status_code == 409
    enquiry.refresh_from_db()
    assert enquiry.state == EnquiryState.REQUESTED


def test_a_guest_sends_an_enquiry_and_the_provider_confirms_it_from_the_list(client):
    owner, service = provider_with_service(capacity=4)
    start = timezone.localdate() + timedelta(days=7)
    form = {
        "date_from": start.isoformat(),
        "date_to": (start + timedelta(days=2)).isoformat(),
        "party_size": "5",
        "name": "Ona",
        "email": "ona@example.lt",
        "consent": "on",
    }
    url = reverse("tourism:enquiry_new", args=[service.slug])
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "Gali atvykti ne daugiau kaip 4 žmonės" in refused.content.decode()
    assert 'value="ona@example.lt"' in refused.content.decode()  # nothing entered is lost
    response = client.post(url, {**form, "party_size": "3"})
    enquiry = service.enquiries.get()
    assert response.status_code == 302 and response["Location"] == enquiry.get_absolute_url()

    client.force_login(owner)
    listing = client.get(reverse("tourism:enquiries"))
    assert "Ona" in listing.content.decode()
    client.post(
        reverse("tourism:enquiry_move", args=[enquiry.code]), {"to": "confirmed", "note": "Gerai"}
    )
    client.logout()
    page = client.get(enquiry.get_absolute_url()).content.decode()
    assert "Patvirtinta" in page and "Gerai" in page


def test_a_provider_adds_a_service_outside_lithuania_and_is_told(client):
    owner = UserFactory()
    actor = ActorFactory(owners=[owner])
    client.force_login(owner)
    url = reverse("tourism:service_new", args=[actor.slug])
    response = client.post(url, {"kind": "heritage", "name": "Pilis", "lat": "52.5", "lon": "13.4"})
    assert response.status_code == 400
    assert "Įrašykite Lietuvos platumą nuo 53.85 iki 56.50" in response.content.decode()
    response = client.post(
        url, {"kind": "heritage", "name": "Pilis", "lat": "55,2885", "lon": "23,9744"}
    )
    service = actor.tourism_services.get()
    assert response.status_code == 302 and (service.lat, service.lon) == (55.2885, 23.9744)


def test_the_provider_adds_and_removes_route_stops_and_moderation_publishes(client):
    owner, route = provider_with_service(kind=ServiceKind.ROUTE, status=ServiceStatus.DRAFT)
    client.force_login(owner)
    add = reverse("tourism:stop_add", args=[route.slug])
    client.post(add, {"stop-name": "Aikštė", "stop-lat": "55,2883", "stop-lon": "23.9744"})
    client.post(add, {"stop-name": "Ryga", "stop-lat": "56.95", "stop-lon": "24.1"})
    assert [s.name for s in route.stops.all()] == ["Aikštė"]
    stop = route.stops.get()
    client.post(reverse("tourism:stop_delete", args=[route.slug, stop.pk]))
    assert not route.stops.exists()
    client.post(reverse("tourism:service_submit", args=[route.slug]), {"to": "pending"})
    route.refresh_from_db()
    assert route.status == ServiceStatus.PENDING

    coordinator = UserFactory(is_superuser=True)
    client.force_login(coordinator)
    queue = client.get(reverse("tourism:moderation"))
    assert route.name in queue.content.decode()
    client.post(reverse("tourism:service_moderate", args=[route.slug]), {"decision": "published"})
    route.refresh_from_db()
    assert route.status == ServiceStatus.PUBLISHED
