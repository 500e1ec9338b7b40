import pytest

from kaimolink.contactfair.models import FairSettings
from tests.contactfair.factories import fair_event
from tests.events.factories import EventFactory
from tests.factories import make_coordinator

pytestmark = pytest.mark.django_db

URL = "/lt/admin/contactfair/fairsettings/"


def test_admin_coordinator_enables_fair_for_own_event_only(client):
    own, other = EventFactory(), EventFactory()
    other_settings = fair_event()
    coordinator = make_coordinator(own.lags.first())
    client.force_login(coordinator)

    response = client.post(f"{URL}add/", {"event": own.pk, "enabled": "on"})
    assert response.status_code == 302
    assert FairSettings.objects.get(event=own).enabled

    refused = client.post(f"{URL}add/", {"event": other.pk, "enabled": "on"})
    assert refused.status_code == 200  # the form answers "not a valid choice"
    assert not FairSettings.objects.filter(event=other).exists()
    listing = client.get(URL).content.decode()
    assert own.title in listing and other_settings.title not in listing
    settings_pk = other_settings.fair_settings.pk
    assert client.get(f"{URL}{settings_pk}/change/").status_code in (302, 403, 404)
