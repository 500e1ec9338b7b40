"""Writes of projects and agreements outside the admin (the demo, future pages).

The admin writes through its model forms, which run the same model validation
(`Model.full_clean`: dates in order, no negative amounts, document type and content).
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from kaimolink.projects.models import Agreement, Project, ProjectDocument


class ProjectError(Exception):
    """A write was refused; the message is translated and meant for the person."""


def _messages(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


@transaction.atomic
def document_add(
    *, project: Project, title: str, filename: str, content: bytes, by=None, position: int = 0
) -> ProjectDocument:
    """Attach a document to a project, after the same checks as an upload in the admin."""
    document = ProjectDocument(project=project, title=title, uploaded_by=by, position=position)
    document.file = ContentFile(content, name=filename)
    try:
        document.full_clean()
    except ValidationError as exc:
        why = _messages(exc)
        raise ProjectError(_("The document was not saved: %(why)s") % {"why": why}) from exc
    document.save()
    return document


@transaction.atomic
def agreement_set_document(*, agreement: Agreement, filename: str, content: bytes, by=None):
    """Attach (or replace) the signed document of an agreement, after the upload checks.

    The replaced file is deleted once the transaction commits (the field does it)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    agreement.document = ContentFile(content, name=filename)
    try:
        agreement.full_clean(exclude=["lag"])
    except ValidationError as exc:
        why = _messages(exc)
        raise ProjectError(_("The document was not saved: %(why)s") % {"why": why}) from exc
    agreement.document_uploaded_by = by
    agreement.save()
    return agreement
