"""Writes of the coordinator's desk: projects with their partners, news and documents;
agreements with their signatories and materials.

Each verb takes plain values (what a form cleaned), runs in one transaction, validates the
rows as the models do (`full_clean`: dates in order, no negative amounts, the upload
checker of projects/files.py) and raises `ProjectError` with a message for the person,
leaving nothing changed. Who may call a verb is the caller's check (projects/rules.py);
the rule that a coordinator keeps their own LAG among a project's partners is checked here
because only the saved rows can tell.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kaimolink.core.text import fold
from kaimolink.projects.enums import PartnerRole
from kaimolink.projects.models import (
    Agreement,
    AgreementMaterial,
    AgreementSignatory,
    Project,
    ProjectDocument,
    ProjectNews,
    ProjectPartner,
)
from kaimolink.projects.services import ProjectError

PROJECT_FIELDS = (
    "title", "title_en", "number", "programme", "status", "start_date", "end_date",
    "start_year", "end_year", "budget", "summary", "goals", "target_groups",
)  # fmt: skip
AGREEMENT_FIELDS = (
    "title", "date", "other_parties", "purpose", "valid_from", "valid_until", "indefinite",
)  # fmt: skip
# Paths under /projects/ and /desk/projects/ a project's slug must never take.
RESERVED_SLUGS = {"documents", "new"}


@dataclass(frozen=True)
class PartnerRow:
    """One partner as typed: `pk` of the row it changes, None for a new one."""

    pk: int | None
    name: str
    country: str
    lag: object  # core.Lag or None
    actor: object  # actors.Actor or None
    role: str
    position: int


@dataclass(frozen=True)
class SignatoryRow:
    pk: int | None
    name: str
    position: str
    organisation: str
    order: int


def _why(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


def unique_project_slug(title: str) -> str:
    """The first free address for a new project: 'sumanaus-kaimo-link', then '…-2'."""
    base = slugify(fold(title))[:110] or "projektas"
    if base in RESERVED_SLUGS:
        base = f"{base}-projektas"
    taken = set(
        Project.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )  # one query, however many namesakes
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def _clean(obj, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        raise ProjectError(_why(exc)) from exc


@transaction.atomic
def project_save(
    *,
    project: Project | None,
    values: dict,
    partners: list[PartnerRow],
    own_lag_ids: set[int] | None,
) -> Project:
    """Create a project (`project` None) or change one, with its partners as listed.

    Partner rows with a `pk` change that row, rows without one are added, rows of the
    project not listed are deleted. `own_lag_ids` are the LAGs of a coordinator, one of
    which must stay among the partners (None: an administrator, no condition). A new
    project gets its slug from its title; the slug never changes afterwards, so links
    to the project keep working.
    """
    if project is None:
        project = Project(slug=unique_project_slug(values.get("title", "")))
    else:
        project = Project.objects.select_for_update().get(pk=project.pk)
    for name in PROJECT_FIELDS:
        if name in values:
            setattr(project, name, values[name])
    _clean(project, exclude=["slug"])
    project.save()
    _partners_set(project, partners)
    lag_ids = set(project.partners.exclude(lag=None).values_list("lag_id", flat=True))
    if own_lag_ids is not None and not lag_ids & own_lag_ids:
        raise ProjectError(_("Keep your own LAG as the lead or a partner of the project."))
    project.refresh_search_text()
    Project.objects.filter(pk=project.pk).update(
        search_text=project.search_text, search_stems=project.search_stems
    )
    return project


def _partners_set(project: Project, rows: list[PartnerRow]) -> None:
    existing = {p.pk: p for p in project.partners.all()}
    keep = {row.pk for row in rows if row.pk in existing}
    project.partners.exclude(pk__in=keep).delete()
    # The lead last: moving the lead from one row to another never has two at once.
    for row in sorted(rows, key=lambda r: r.role == PartnerRole.LEAD):
        partner = existing.get(row.pk) or ProjectPartner(project=project)
        partner.name, partner.country, partner.role = row.name, row.country, row.role
        partner.lag, partner.actor, partner.position = row.lag, row.actor, row.position
        _clean(partner, exclude=["project"])
        try:
            with transaction.atomic():
                partner.save()
        except IntegrityError as exc:  # two leads: the form checks, the database insists
            raise ProjectError(_("A project has only one lead partner.")) from exc


@transaction.atomic
def news_save(*, project: Project, news: ProjectNews | None, title: str, date, body: str):
    """Add a news item to the project, or change one of its own."""
    news = news or ProjectNews(project=project)
    if news.project_id != project.pk:
        raise ProjectError(_("This news item belongs to another project."))
    news.title, news.date, news.body = title, date, body
    _clean(news)
    news.save()
    return news


@transaction.atomic
def news_delete(*, news: ProjectNews) -> None:
    news.delete()


@transaction.atomic
def document_upload(*, project: Project, title: str, file, by) -> ProjectDocument:
    """Store an uploaded file as the project's document, after the upload checker
    (type by name and content, size). It goes last in the project's list."""
    last = project.documents.order_by("-position").values_list("position", flat=True).first()
    document = ProjectDocument(
        project=project, title=title, file=file, uploaded_by=by, position=(last or 0) + 1
    )
    try:
        document.full_clean()
    except ValidationError as exc:
        raise ProjectError(_("The document was not saved: %(why)s") % {"why": _why(exc)}) from exc
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: ProjectDocument) -> None:
    """Delete the document; its file goes once the transaction commits."""
    document.delete()


@transaction.atomic
def agreement_save(
    *,
    agreement: Agreement | None,
    lag,
    values: dict,
    parties: list,
    actor_parties: list,
    signatories: list[SignatoryRow],
    document=None,
    remove_document: bool = False,
    by=None,
) -> Agreement:
    """Register an agreement for `lag` (`agreement` None) or change one, with the LAGs and
    actors that signed it and its signatories as listed (rows not listed are deleted).

    `document` (an upload) replaces the signed document, `remove_document` clears it; the
    old file is deleted once the transaction commits.
    """
    if agreement is None:
        agreement = Agreement(lag=lag)
    else:
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    for name in AGREEMENT_FIELDS:
        if name in values:
            setattr(agreement, name, values[name])
    if document is not None:
        agreement.document, agreement.document_uploaded_by = document, by
    elif remove_document:
        agreement.document, agreement.document_uploaded_by = "", None
    _clean(agreement)
    agreement.save()
    agreement.parties.set(parties)
    agreement.actor_parties.set(actor_parties)
    _signatories_set(agreement, signatories)
    return agreement


def _signatories_set(agreement: Agreement, rows: list[SignatoryRow]) -> None:
    existing = {s.pk: s for s in agreement.signatories.all()}
    agreement.signatories.exclude(pk__in=[r.pk for r in rows if r.pk in existing]).delete()
    for row in rows:
        signatory = existing.get(row.pk) or AgreementSignatory(agreement=agreement)
        signatory.name, signatory.position = row.name, row.position
        signatory.organisation, signatory.order = row.organisation, row.order
        _clean(signatory, exclude=["agreement"])
        signatory.save()


@transaction.atomic
def material_add(*, agreement: Agreement, kind: str, title: str, file=None, by=None):
    """Keep a file with the agreement (methodological material…), after the upload checker.

    Without `file` the registry records that the material exists (as a LAG's page says)
    until someone uploads it."""
    last = agreement.materials.order_by("-position").values_list("position", flat=True).first()
    material = AgreementMaterial(
        agreement=agreement, kind=kind, title=title, uploaded_by=by if file else None,
        position=(last or 0) + 1,
    )  # fmt: skip
    if file is not None:
        material.file = file
    try:
        material.full_clean()
    except ValidationError as exc:
        raise ProjectError(_("The file was not saved: %(why)s") % {"why": _why(exc)}) from exc
    material.save()
    return material


@transaction.atomic
def material_delete(*, material: AgreementMaterial) -> None:
    """Delete the material; its file goes once the transaction commits."""
    material.delete()
