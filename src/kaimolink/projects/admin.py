"""Management of projects and agreements in the Django admin, scoped by LAG.

A coordinator sees and changes the projects their LAG leads or partners (a partner row
with their LAG), and the agreements their LAG registered; everything else answers as if it
did not exist. A project they save must keep one of their own LAGs among its partners.
"""

from django import forms
from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from kaimolink.core.admin import LagScopedAdmin
from kaimolink.projects.desk_forms import live_forms, partner_problems
from kaimolink.projects.enums import PartnerRole
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
from kaimolink.projects.rules import project_lag_ids


class PartnerFormSet(forms.BaseInlineFormSet):
    own_lag_ids: set[int] | None = None  # None: a platform administrator, no condition

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = [f.cleaned_data for f in live_forms(self)]
        per_row, overall = partner_problems(rows, self.own_lag_ids)
        # The most telling first: two leads, then a name listed twice, then the own LAG.
        found = sorted(per_row.values(), key=lambda problem: problem[0] != "role")
        problems = [message for _field, message in found] + overall
        if problems:
            raise forms.ValidationError(problems[0])


class IndicatorFormSet(forms.BaseInlineFormSet):
    def clean(self):
        if any(self.errors):
            return
        # Before Django's own uniqueness check, whose message names no code.
        seen: set[str] = set()
        duplicate = False
        for form in live_forms(self):
            code = (form.cleaned_data.get("code") or "").strip()
            if code.casefold() in seen:
                duplicate = True
                form.add_error(
                    "code",
                    _("The code “%(code)s” is used twice in this project.") % {"code": code},
                )
            seen.add(code.casefold())
        if not duplicate:
            super().clean()


class ProjectScopedInline:
    """Rows of one project: whoever may see or change the project (LAG-scoped by the
    project's admin) may see or change these rows. Django would otherwise ask for model
    permissions ("projects.add_indicator"), which LAG coordinators do not have."""

    def _follows_project(self, request, obj) -> bool:
        if request.user.is_superuser:
            return True
        lag_ids = request.user.coordinated_lag_ids()
        if obj is None:
            return bool(lag_ids)
        return bool(project_lag_ids(obj) & lag_ids)

    def has_view_permission(self, request, obj=None):
        return self._follows_project(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._follows_project(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._follows_project(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._follows_project(request, obj)


class PartnerInline(ProjectScopedInline, admin.TabularInline):
    model = ProjectPartner
    formset = PartnerFormSet
    extra = 1
    fields = ["role", "name", "country", "lag", "actor", "position"]
    raw_id_fields = ["actor"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        own = None if request.user.is_superuser else set(request.user.coordinated_lag_ids())
        return type("ScopedPartnerFormSet", (formset,), {"own_lag_ids": own})


class IndicatorInline(ProjectScopedInline, admin.TabularInline):
    model = Indicator
    formset = IndicatorFormSet
    extra = 1
    fields = [
        "code", "name", "unit", "unit_one", "unit_few", "unit_fraction", "unit_many",
        "target", "achieved", "position",
    ]  # fmt: skip


class NewsInline(ProjectScopedInline, admin.StackedInline):
    model = ProjectNews
    extra = 0
    fields = ["title", "date", "body"]


class DocumentInline(ProjectScopedInline, admin.TabularInline):
    model = ProjectDocument
    extra = 0
    fields = ["title", "file", "position", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["size", "uploaded_by", "uploaded_at"]


@admin.register(Project)
class ProjectAdmin(LagScopedAdmin):
    list_display = ["title", "number", "start_year", "end_year", "budget", "status"]
    list_filter = ["status"]
    search_fields = ["title", "title_en", "number"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartnerInline, IndicatorInline, NewsInline, DocumentInline]
    fieldsets = [
        (None, {"fields": ["title", "title_en", "slug", "number", "programme", "status"]}),
        (_("Period and budget"), {
            "fields": [("start_year", "end_year"), ("start_date", "end_date"), "budget"]
        }),
        (_("Content"), {"fields": ["summary", "goals", "target_groups"]}),
    ]  # fmt: skip

    def get_queryset(self, request):
        qs = super(LagScopedAdmin, self).get_queryset(request)
        if request.user.is_superuser:
            return qs
        own = ProjectPartner.objects.filter(
            project=OuterRef("pk"), lag_id__in=self._lag_ids(request)
        )
        return qs.filter(Exists(own))

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        lag_ids = self._lag_ids(request)
        return bool(lag_ids) and (obj is None or bool(project_lag_ids(obj) & lag_ids))

    def has_delete_permission(self, request, obj=None):
        """Coordinators delete only projects their own LAG leads (partners may not)."""
        if request.user.is_superuser:
            return True
        if obj is None:
            return self.has_view_permission(request)
        lead = {p.lag_id for p in obj.partners.all() if p.role == PartnerRole.LEAD}
        return bool(lead & self._lag_ids(request))

    def save_formset(self, request, form, formset, change):
        if formset.model is ProjectDocument:
            for document_form in formset.forms:
                if "file" in document_form.changed_data:
                    document_form.instance.uploaded_by = request.user
        super().save_formset(request, form, formset, change)


class AgreementAdminForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "lag", "title", "date", "parties", "actor_parties", "other_parties", "purpose",
            "valid_from", "valid_until", "indefinite", "document",
        ]  # fmt: skip


class AgreementRowInline:
    """Rows of an agreement follow the agreement's own (LAG-scoped) permissions."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or bool(request.user.coordinated_lag_ids())

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission


class SignatoryInline(AgreementRowInline, admin.TabularInline):
    model = AgreementSignatory
    extra = 0
    fields = ["name", "position", "organisation", "order"]


class MaterialInline(AgreementRowInline, admin.TabularInline):
    model = AgreementMaterial
    extra = 0
    fields = ["kind", "title", "file", "position", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["size", "uploaded_by", "uploaded_at"]


@admin.register(Agreement)
class AgreementAdmin(LagScopedAdmin):
    form = AgreementAdminForm
    inlines = [SignatoryInline, MaterialInline]
    list_display = ["title", "date", "lag", "valid_from", "valid_until", "indefinite"]
    list_filter = ["lag"]
    list_select_related = ["lag"]
    search_fields = ["title", "other_parties", "purpose"]
    filter_horizontal = ["parties"]
    raw_id_fields = ["actor_parties"]
    readonly_fields = ["document_uploaded_by"]

    def save_model(self, request, obj, form, change):
        if "document" in form.changed_data:
            obj.document_uploaded_by = request.user if obj.document else None
        super().save_model(request, obj, form, change)
