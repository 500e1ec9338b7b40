"""Questions, answers, consultation times and bookings built through the models."""

import datetime

import factory
from django.utils import timezone

from kaimolink.consultations.enums import SlotMode
from kaimolink.consultations.models import Answer, Booking, Question, Slot
from kaimolink.core.models import Theme
from tests.factories import UserFactory


def smart_theme(slug: str = "rural-jobs") -> Theme:
    return Theme.objects.get(slug=slug)


class ConsultantFactory(UserFactory):
    is_consultant = True


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    author = factory.SubFactory(UserFactory)
    theme = factory.LazyFunction(smart_theme)
    title = factory.Sequence(lambda n: f"Kaip įregistruoti bendruomeninį verslą nr. {n}?")
    body = "Norime kepti duoną ir pardavinėti mugėse."
    is_public = True


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(ConsultantFactory)
    body = "Pirmiausia patikrinkite įstatus."


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    """A moment `days` from today at `hour`:00 local time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_default_timezone()
    )


class SlotFactory(factory.django.DjangoModelFactory):
    """A free hour a week ahead; a row written directly (no checks): for arranging a state."""

    class Meta:
        model = Slot

    consultant = factory.SubFactory(ConsultantFactory)
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    mode = SlotMode.ONLINE
    place = "https://meet.example.lt/konsultacija"


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    slot = factory.SubFactory(SlotFactory)
    person = factory.SubFactory(UserFactory)
    topic = "PVM ūkininkui"
