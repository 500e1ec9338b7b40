"""Topics and replies written directly (no rules, no notifications): for arranging a state."""

import factory

from kaimolink.core.models import Theme
from kaimolink.discussions.models import Reply, Topic
from tests.factories import UserFactory


def smart_theme(slug: str = "short-supply-chains") -> Theme:
    return Theme.objects.get(slug=slug)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    theme = factory.LazyFunction(smart_theme)
    title = factory.Sequence(lambda n: f"Tema nr. {n}")
    body = "Kaip parduodate daržoves tiesiai pirkėjams?"
    author = factory.SubFactory(UserFactory)


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    topic = factory.SubFactory(TopicFactory)
    body = factory.Sequence(lambda n: f"Atsakymas nr. {n}: vežame kas ketvirtadienį.")
    author = factory.SubFactory(UserFactory)
