"""Assignments and submissions (the files to upload are built by tests/files.py)."""

import factory

from kaimolink.events.models import Registration
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.models import Assignment, Submission
from tests.events.factories import EventFactory, RegistrationFactory


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Užduotis nr. {n}")
    instructions = "Aprašykite savo verslo modelį."
    allow_files = True


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A text hand-in written directly (no checks): for arranging a state."""

    class Meta:
        model = Submission

    assignment = factory.SubFactory(AssignmentFactory)
    registration = factory.LazyAttribute(lambda o: _registration(o.assignment.event, o.person))
    person = None
    text = "Mano atsakymas."
    status = SubmissionStatus.SUBMITTED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("person") is None:
            kwargs["person"] = kwargs["registration"].person
        return super()._create(model_class, *args, **kwargs)


def _registration(event, person):
    if person is None:
        return RegistrationFactory(event=event)
    existing = Registration.objects.filter(event=event, person=person).first()
    return existing or RegistrationFactory(event=event, person=person)


def participant(event):
    """A person with a confirmed place at the event."""
    return RegistrationFactory(event=event).person
