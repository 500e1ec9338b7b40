"""A visitor's enquiries in the GDPR export, and emptied of the person on erasure."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kaimolink.tourism import gdpr, services
from tests.factories import UserFactory
from tests.tourism.factories import provider_with_service

pytestmark = pytest.mark.django_db


def test_export_and_erase_of_a_visitors_enquiries():
    _, service = provider_with_service()
    visitor = UserFactory()
    day = timezone.localdate() + timedelta(days=3)
    enquiry = services.enquiry_create(
        service=service, date_from=day, date_to=day, party_size=2, visitor=visitor, note="Ar yra?"
    )
    exported = gdpr.personal_data(visitor)["tourism_enquiries"]
    assert [(e["service"], e["party_size"], e["note"]) for e in exported] == [
        (service.name, 2, "Ar yra?")
    ]
    gdpr.erase(visitor)
    enquiry.refresh_from_db()
    assert (enquiry.visitor, enquiry.visitor_name, enquiry.note) == (None, "", "")
    assert gdpr.personal_data(visitor) == {"tourism_enquiries": []}
