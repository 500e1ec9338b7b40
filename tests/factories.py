"""Real objects for tests: factories build rows through the models, never mocks."""

import factory
from django.utils.text import slugify

from kaimolink.accounts.models import Coordination, User
from kaimolink.actors.enums import ActorStatus, ActorType, MemberRole
from kaimolink.actors.models import Actor, ActorMembership
from kaimolink.core.models import District, Lag, Settlement, Theme


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.lt")
    full_name = factory.Sequence(lambda n: f"Asmuo {n}")
    password = factory.PostGenerationMethodCall("set_password", "slaptas-Zodis-42")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Rajonas {n} r. sav.")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class SettlementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Settlement

    name = factory.Sequence(lambda n: f"Kaimas {n}")
    district = factory.SubFactory(DistrictFactory)
    lat = 55.3
    lon = 23.9


class LagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lag
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"VVG Nr. {n}")
    short_name = factory.Sequence(lambda n: f"VVG {n}")
    slug = factory.Sequence(lambda n: f"vvg-{n}")

    @factory.post_generation
    def districts(obj, create, extracted, **kwargs):
        if create:
            obj.districts.set(extracted or [DistrictFactory()])


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Veikėjas {n}")
    actor_type = ActorType.COMMUNITY_ORGANISATION
    lag = factory.SubFactory(LagFactory)
    district = factory.LazyAttribute(lambda o: o.lag.districts.first())
    settlement = factory.LazyAttribute(lambda o: SettlementFactory(district=o.district))
    lat = factory.LazyAttribute(lambda o: o.settlement.lat if o.settlement else None)
    lon = factory.LazyAttribute(lambda o: o.settlement.lon if o.settlement else None)
    status = ActorStatus.PUBLISHED
    description = "Bendruomenė organizuoja renginius."

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)
            obj.refresh_search_fields()
            obj.save(update_fields=["search_text"])

    @factory.post_generation
    def owners(obj, create, extracted, **kwargs):
        for user in extracted or []:
            ActorMembership.objects.create(actor=obj, user=user, role=MemberRole.OWNER)


def make_coordinator(lag: Lag, **kwargs) -> User:
    user = UserFactory(is_staff=True, **kwargs)
    Coordination.objects.create(user=user, lag=lag)
    return user


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug)


def offline_person(name: str = "Onutė Petraitienė", phone: str = "+37061234567") -> User:
    """A person an organiser registered without an e-mail address: cannot log in."""
    person = User(email=None, full_name=name, phone=phone)
    person.set_unusable_password()
    person.save()
    return person
