"""Partnership posts built through the models (see tests/factories.py)."""

import datetime

import factory
from django.utils import timezone

from kaimolink.partnerships.enums import Area, PostKind, PostStatus
from kaimolink.partnerships.models import PartnershipPost
from tests.factories import ActorFactory


class PostFactory(factory.django.DjangoModelFactory):
    """An open request of a new published actor, open for a month.

    Rows are written directly (no notifications, no permission check): for arranging a
    state, not for testing the service.
    """

    class Meta:
        model = PartnershipPost
        skip_postgeneration_save = True

    actor = factory.SubFactory(ActorFactory)
    kind = PostKind.REQUEST
    title = factory.Sequence(lambda n: f"Ieškome partnerio nr. {n}")
    description = ""
    area = Area.PLATFORM
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = PostStatus.OPEN

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create:
            if extracted:
                obj.themes.set(extracted)
            obj.refresh_search_text()
            obj.save(update_fields=["search_text", "search_stems"])
