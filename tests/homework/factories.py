"""Assignments, submissions and real little files of each accepted type."""

import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from kaimolink.events.models import Registration
from kaimolink.homework.enums import SubmissionStatus
from kaimolink.homework.models import Assignment, Submission
from tests.events.factories import EventFactory, RegistrationFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 32


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})

CONTENT = {"pdf": PDF, "png": PNG, "jpg": JPG, "jpeg": JPG, "docx": DOCX, "xlsx": XLSX, "odt": ODT}


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    """A file as a browser sends it; the content defaults to a real one of the name's type."""
    if content is None:
        content = CONTENT[name.rsplit(".", 1)[-1].lower()]
    return SimpleUploadedFile(name, content)


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
