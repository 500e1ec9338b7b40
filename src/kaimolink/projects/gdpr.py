"""Who uploaded project and agreement documents: the only personal data of this app.

Erasure keeps the documents (they belong to the LAGs and their projects) and forgets the
uploader: `uploaded_by` is SET_NULL, which happens when the account row is deleted; `erase`
clears it at once so that nothing links the documents to the person even before that.
"""

from kaimolink.projects.models import Agreement, AgreementMaterial, ProjectDocument


def personal_data(user) -> dict:
    return {
        "project_documents_uploaded": [
            {"project": d.project.title, "title": d.title, "at": d.uploaded_at.isoformat()}
            for d in ProjectDocument.objects.filter(uploaded_by=user)
            .select_related("project")
            .order_by("uploaded_at", "id")
        ],
        "agreement_documents_uploaded": [
            {"agreement": a.title, "lag": a.lag.name}
            for a in Agreement.objects.filter(document_uploaded_by=user)
            .select_related("lag")
            .order_by("id")
        ],
        "agreement_materials_uploaded": [
            {"agreement": m.agreement.title, "title": m.title, "at": m.uploaded_at.isoformat()}
            for m in AgreementMaterial.objects.filter(uploaded_by=user)
            .select_related("agreement")
            .order_by("uploaded_at", "id")
        ],
    }


def erase(user) -> None:
    ProjectDocument.objects.filter(uploaded_by=user).update(uploaded_by=None)
    Agreement.objects.filter(document_uploaded_by=user).update(document_uploaded_by=None)
    AgreementMaterial.objects.filter(uploaded_by=user).update(uploaded_by=None)
