"""Tourism writes: services with their positions, routes, moderation, enquiries."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from kaimolink.notifications.models import Notification
from kaimolink.tourism import services
from kaimolink.tourism.enums import EnquiryState, ServiceKind, ServiceStatus
from kaimolink.tourism.models import TourismService
from tests.factories import ActorFactory, SettlementFactory, UserFactory
from tests.tourism.factories import ServiceFactory, guest_enquiry, provider_with_service

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def refusal(call, **kwargs) -> str:
    with translation.override("lt"), pytest.raises(services.TourismError) as caught:
        call(**kwargs)
    return str(caught.value)


def test_a_service_is_saved_at_its_settlement_when_no_coordinates_are_given():
    actor = ActorFactory()
    place = SettlementFactory(lat=54.2333, lon=23.5167)
    service = services.service_save(
        actor=actor,
        by=None,
        data={"kind": "food", "name": "Šakotis", "settlement": place, "languages": ["lt", "lt"]},
    )
    assert (service.lat, service.lon) == (54.2333, 23.5167)
    assert service.lag_id == actor.lag_id and service.status == ServiceStatus.DRAFT
    assert service.languages == ["lt"]
    assert service.log_entries.get().to_status == ServiceStatus.DRAFT


@pytest.mark.parametrize(("lat", "lon"), [(52.52, 13.40), (23.97, 55.28), (56.9, 24.1)])
def test_a_position_outside_lithuania_is_refused_in_lithuanian(lat, lon):
    message = refusal(
        services.service_save,
        actor=ActorFactory(),
        by=None,
        data={"kind": "heritage", "name": "Pilis", "lat": lat, "lon": lon},
    )
    assert message == "Vieta turi būti Lietuvoje; patikrinkite koordinates."
    assert not TourismService.objects.exists()


def test_an_event_needs_its_start_and_an_end_after_it():
    actor, now = ActorFactory(), timezone.now()
    base = {"kind": "event", "name": "Šventė", "lat": 55.0, "lon": 24.0}
    assert refusal(services.service_save, actor=actor, by=None, data=base) == (
        "Nurodykite renginio pradžios datą ir laiką."
    )
    data = {**base, "starts_at": now, "ends_at": now - timedelta(hours=1)}
    assert refusal(services.service_save, actor=actor, by=None, data=data) == (
        "Renginys turi baigtis po pradžios."
    )


def test_moderation_moves_only_the_allowed_way_and_tells_the_provider():
    owner, service = provider_with_service(status=ServiceStatus.DRAFT)
    coordinator = UserFactory()
    with pytest.raises(services.TourismError):
        services.service_move(service=service, to="published", by=owner, as_coordinator=False)
    services.service_move(service=service, to="pending", by=owner, as_coordinator=False)
    services.service_move(service=service, to="published", by=coordinator, as_coordinator=True)
    service.refresh_from_db()
    assert service.status == "published" and service.published_at is not None
    assert [e.to_status for e in service.log_entries.order_by("id")] == [
        "pending",
        "published",
    ]
    assert Notification.objects.filter(recipient=owner).exists()


def test_route_stops_keep_their_order_and_may_point_to_a_service():
    _, route = provider_with_service(kind=ServiceKind.ROUTE, name="Senamiesčio takas")
    hall = ServiceFactory(kind=ServiceKind.HERITAGE, name="Rotušė", lat=55.2885, lon=23.9747)
    services.stop_add(route=route, name="Aikštė", lat=55.2883, lon=23.9744)
    services.stop_add(route=route, service=hall)
    services.stop_add(route=route, name="Minaretas", lat=55.2937, lon=23.9697)
    stops = list(route.stops.all())
    assert [s.name for s in stops] == ["Aikštė", "Rotušė", "Minaretas"]
    assert [s.position for s in stops] == [0, 1, 2]
    assert (stops[1].lat, stops[1].service) == (55.2885, hall)
    assert refusal(services.stop_add, route=route, name="Ryga", lat=56.95, lon=24.1) == (
        "Vieta turi būti Lietuvoje; patikrinkite koordinates."
    )
    with pytest.raises(services.TourismError):
        services.stop_add(route=hall, name="Aikštė", lat=55.2883, lon=23.9744)


def test_an_enquiry_tells_the_provider_and_a_confirmation_tells_the_visitor():
    owner, service = provider_with_service()
    visitor = UserFactory()
    enquiry = services.enquiry_create(
        service=service,
        date_from=TODAY() + timedelta(days=3),
        date_to=TODAY() + timedelta(days=5),
        party_size=4,
        visitor=visitor,
    )
    assert enquiry.visitor_name == visitor.full_name
    assert Notification.objects.filter(recipient=owner, url=enquiry.get_absolute_url()).exists()
    services.enquiry_transition(
        enquiry=enquiry, to="confirmed", side=services.PROVIDER, by=owner, note="Laukiame!"
    )
    enquiry.refresh_from_db()
    assert (enquiry.state, enquiry.reply) == (EnquiryState.CONFIRMED, "Laukiame!")
    assert Notification.objects.filter(recipient=visitor).exists()
    assert [e.to_state for e in enquiry.log_entries.all()] == ["requested", "confirmed"]


def test_a_guest_is_told_by_e_mail_and_a_decline_needs_a_reason(
    django_capture_on_commit_callbacks,
):
    owner, service = provider_with_service()
    enquiry = guest_enquiry(service)
    message = refusal(
        services.enquiry_transition, enquiry=enquiry, to="declined", side=services.PROVIDER
    )
    assert message == "Parašykite, kodėl atsisakote: lankytojas tai perskaitys."
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.enquiry_transition(
            enquiry=enquiry, to="declined", side=services.PROVIDER, by=owner, note="Užimta."
        )
    assert [m.to for m in mail.outbox] == [["ona@example.lt"]]


def test_the_visitor_cannot_confirm_and_a_closed_enquiry_does_not_move():
    _, service = provider_with_service()
    enquiry = guest_enquiry(service)
    with pytest.raises(services.TourismError):
        services.enquiry_transition(enquiry=enquiry, to="confirmed", side=services.VISITOR)
    services.enquiry_transition(enquiry=enquiry, to="cancelled", side=services.VISITOR)
    with pytest.raises(services.TourismError):
        services.enquiry_transition(enquiry=enquiry, to="confirmed", side=services.PROVIDER)


@pytest.mark.parametrize(
    ("start", "end", "people", "message"),
    [
        (-1, 2, 2, "Datos negali būti praeityje."),
        (5, 4, 2, "Pabaigos data turi būti ta pati arba vėlesnė nei pradžios."),
        (5, 6, 0, "Kiek žmonių atvyks? Bent vienas."),
        (5, 6, 7, "Gali atvykti ne daugiau kaip 6 žmonės; parašykite mažesnį skaičių."),
    ],
)
def test_bad_dates_and_party_sizes_are_refused_in_lithuanian(start, end, people, message):
    _, service = provider_with_service(capacity=6)
    got = refusal(
        services.enquiry_create,
        service=service,
        date_from=TODAY() + timedelta(days=start),
        date_to=TODAY() + timedelta(days=end),
        party_size=people,
        name="Ona",
        email="ona@example.lt",
        consent=True,
    )
    assert got == message
    assert not service.enquiries.exists()


def test_a_guest_gives_contacts_and_consent_and_a_hidden_service_takes_no_enquiry():
    _, service = provider_with_service()
    dates = {"date_from": TODAY(), "date_to": TODAY(), "party_size": 1}
    assert refusal(services.enquiry_create, service=service, name="Ona", **dates) == (
        "Nurodykite vardą ir telefoną arba el. pašto adresą."
    )
    assert refusal(
        services.enquiry_create, service=service, name="Ona", phone="+3706", **dates
    ) == ("Sutikite, kad paslaugos teikėjas naudotų jūsų kontaktus šiai užklausai.")
    service.status = ServiceStatus.HIDDEN
    service.save()
    with pytest.raises(services.TourismError):
        guest_enquiry(service)


def test_a_photo_is_resized_and_stripped_by_the_core_checker():
    from PIL import Image

    from tests.files import image_bytes, upload

    _, service = provider_with_service()
    photo = services.photo_add(
        service=service,
        uploaded=upload("a.jpg", image_bytes("JPEG", (2400, 1600), exif={0x010F: "Canon"})),
    )
    with Image.open(photo.large.path) as large, Image.open(photo.small.path) as small:
        assert max(large.size) == 1200 and max(small.size) == 400
        assert not large.getexif()
