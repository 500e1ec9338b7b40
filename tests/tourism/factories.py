"""Factories of tourism: services of a published actor, enquiries."""

from datetime import timedelta

import factory
from django.utils import timezone

from kaimolink.tourism import services
from kaimolink.tourism.enums import ServiceKind, ServiceStatus
from kaimolink.tourism.models import TourismService
from tests.factories import ActorFactory, UserFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TourismService
        skip_postgeneration_save = True

    actor = factory.SubFactory(ActorFactory)
    kind = ServiceKind.ACCOMMODATION
    name = factory.Sequence(lambda n: f"Sodyba {n}")
    description = "Kaimo turizmo sodyba prie ežero."
    capacity = 6
    lat = 55.2883
    lon = 23.9747
    status = ServiceStatus.PUBLISHED


def provider_with_service(**kwargs):
    """(owner, service): a published actor with one owner and one published service."""
    owner = UserFactory()
    return owner, ServiceFactory(actor=ActorFactory(owners=[owner]), **kwargs)


def guest_enquiry(service, *, days=10, nights=2, people=2, **kwargs):
    today = timezone.localdate()
    return services.enquiry_create(
        service=service,
        date_from=today + timedelta(days=days),
        date_to=today + timedelta(days=days + nights),
        party_size=people,
        name=kwargs.pop("name", "Ona Onaitė"),
        email=kwargs.pop("email", "ona@example.lt"),
        consent=True,
        **kwargs,
    )
