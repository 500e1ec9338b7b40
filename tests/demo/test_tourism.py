"""The demo tourism layer written by `kaimolink seed_demo`: services around the three
LAGs, two routes, enquiries (one confirmed, one waiting); idempotent."""

import pytest
from django.urls import reverse

from kaimolink.accounts.models import User
from kaimolink.core.settlements import in_lithuania
from kaimolink.demo.seed_facts import demo_user_email
from kaimolink.demo.tourism import SERVICES, STOPS, seed_demo_tourism
from kaimolink.tourism.enums import EnquiryState, ServiceKind, ServiceStatus
from kaimolink.tourism.models import Enquiry, RouteStop, TourismService

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo_seeded_once, db):
    """The demo (tests/demo/conftest.py seeds it once for the package)."""


def snapshot():
    return (
        sorted(
            TourismService.objects.values_list(
                "actor_id", "name", "kind", "status", "lat", "lon", "updated_at"
            )
        ),
        sorted(RouteStop.objects.values_list("route_id", "position", "name", "lat", "lon")),
        sorted(Enquiry.objects.values_list("service_id", "visitor_name", "state", "updated_at")),
    )


def test_every_demo_service_is_published_in_lithuania_by_its_lag(seeded):
    services = TourismService.objects.select_related("lag", "actor")
    assert services.count() == len(SERVICES)
    assert {s.status for s in services} == {ServiceStatus.PUBLISHED}
    assert {s.lag.slug for s in services} == {"kedainiai", "dzukija", "radviliskis"}
    for lag in ("kedainiai", "dzukija", "radviliskis"):
        kinds = {s.kind for s in services if s.lag.slug == lag}
        assert {ServiceKind.ACCOMMODATION} <= kinds and len(kinds) >= 2, lag
    assert all(in_lithuania(s.lat, s.lon) for s in services)
    assert all(s.log_entries.filter(to_status="published").exists() for s in services)


def test_the_routes_have_their_stops_in_order(seeded):
    for name, rows in STOPS.items():
        route = TourismService.objects.get(name=name, kind=ServiceKind.ROUTE)
        assert [s.name for s in route.stops.all()] == [r[0] for r in rows]
    walk = TourismService.objects.get(name="Kėdainių senamiesčio pasivaikščiojimas")
    assert walk.stops.filter(service__name="Kėdainių senamiesčio rotušė").exists()


def test_one_enquiry_is_confirmed_and_others_wait_for_the_demo_member(seeded, client):
    states = sorted(Enquiry.objects.values_list("state", flat=True))
    assert states.count(EnquiryState.CONFIRMED) == 1 and EnquiryState.REQUESTED in states
    member = User.objects.get(email=demo_user_email("member"))
    client.force_login(member)
    page = client.get(reverse("tourism:enquiries"))
    assert page.status_code == 200
    assert "Agnė Vaitkutė" in page.content.decode() and "Tomas Žukas" in page.content.decode()


def test_the_pages_of_the_demo_open(seeded, client):
    assert client.get(reverse("tourism:index"), {"q": "sodyba"}).status_code == 200
    for service in TourismService.objects.all():
        assert client.get(service.get_absolute_url()).status_code == 200, service.name


def test_seeding_again_changes_nothing(seeded):
    before = snapshot()
    lines = []
    seed_demo_tourism(log=lines.append)
    assert snapshot() == before
    assert lines == ["Tourism: 0 services, 0 route stops, 0 enquiries created"]
