"""Projects and agreements are on cached public pages: any change makes them stale.

A partner row also feeds its project's search text (names of the partners are searchable).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from kaimolink.core.pagecache import public_pages_changed
from kaimolink.projects.models import (
    Agreement,
    AgreementMaterial,
    AgreementSignatory,
    Indicator,
    Project,
    ProjectDocument,
    ProjectNews,
    ProjectPartner,
)


def _changed(sender, **kwargs):
    public_pages_changed()


def _partner_changed(sender, instance, **kwargs):
    # On a cascade from a deleted project the project row is gone: the update touches nothing.
    project = Project.objects.filter(pk=instance.project_id).first()
    if project is not None:
        project.refresh_search_text()
        Project.objects.filter(pk=project.pk).update(
            search_text=project.search_text, search_stems=project.search_stems
        )


post_save.connect(_partner_changed, sender=ProjectPartner, dispatch_uid="projects-partner-search")
post_delete.connect(
    _partner_changed, sender=ProjectPartner, dispatch_uid="projects-partner-search-delete"
)

for model in (
    Project, ProjectPartner, Indicator, ProjectNews, ProjectDocument, Agreement,
    AgreementSignatory, AgreementMaterial,
):  # fmt: skip
    label = model._meta.label
    post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
m2m_changed.connect(
    _changed, sender=Agreement.parties.through, dispatch_uid="pagecache-m2m-agreement-parties"
)
m2m_changed.connect(
    _changed, sender=Agreement.actor_parties.through, dispatch_uid="pagecache-m2m-agreement-actors"
)
