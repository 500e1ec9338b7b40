"""Certification in the admin.

Administrators write schemes, draft versions and their criteria here; a published version
is shown read-only (it never changes: services refuse too). Accreditations and conflicts
of interest are kept here until they have pages. Applications and licences are read-only
with their audit trail: they move only through the services (the workflow), never by
editing a row. A LAG's coordinators see their LAG's applications and licences.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from kaimolink.certification import services
from kaimolink.certification.models import (
    Accreditation,
    AccreditationQuiz,
    Application,
    AuditEntry,
    ConflictDeclaration,
    Criterion,
    Licence,
    Scheme,
    SchemeVersion,
)
from kaimolink.core.admin import LagScopedAdmin


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class CriterionInline(admin.StackedInline):
    model = Criterion
    extra = 0

    def _published(self, obj) -> bool:
        return bool(obj and obj.is_published)

    def has_add_permission(self, request, obj=None):
        return not self._published(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._published(obj) and super().has_delete_permission(request, obj)


@admin.register(SchemeVersion)
class SchemeVersionAdmin(admin.ModelAdmin):
    list_display = ["scheme", "number", "published_at", "validity_months", "fee"]
    list_filter = ["scheme"]
    readonly_fields = ["published_at"]
    inlines = [CriterionInline]
    actions = ["publish"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False  # shown read-only: a published version never changes
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Publish the selected draft versions"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.version_publish(version=version)
            except services.CertificationError as exc:
                self.message_user(request, f"{version}: {exc}", messages.ERROR)
            else:
                self.message_user(request, _("Published: %s") % version, messages.SUCCESS)


@admin.register(Accreditation)
class AccreditationAdmin(admin.ModelAdmin):
    list_display = ["person", "scheme", "role", "valid_from", "valid_until"]
    list_filter = ["scheme", "role"]
    list_select_related = ["person", "scheme"]
    raw_id_fields = ["person", "granted_by", "attempt"]
    search_fields = ["person__full_name", "person__email"]


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(admin.ModelAdmin):
    list_display = ["evaluator", "actor", "declared_at"]
    list_select_related = ["evaluator", "actor"]
    raw_id_fields = ["evaluator", "actor"]


class AuditInline(admin.TabularInline):
    model = AuditEntry
    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "by", "action", "from_state", "to_state", "note"]

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyLagScopedAdmin(LagScopedAdmin):
    """Shown, never changed here: the workflow's services are the one write path."""

    coordinator_may_add = False
    coordinator_may_delete = False
    inlines = [AuditInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyLagScopedAdmin):
    list_display = ["pk", "actor", "scheme", "kind", "state", "lag", "created_at"]
    list_filter = ["state", "kind", "scheme", "lag"]
    list_select_related = ["actor", "scheme", "lag"]
    search_fields = ["actor__name"]


@admin.register(Licence)
class LicenceAdmin(ReadOnlyLagScopedAdmin):
    list_display = ["number", "actor", "scheme", "valid_from", "valid_until", "status"]
    list_filter = ["status", "scheme", "lag"]
    list_select_related = ["actor", "scheme"]
    search_fields = ["number", "short_code", "actor__name"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyLagScopedAdmin):
    """Every step, searchable; each entry shown, never changed."""

    lag_field = "application__lag_id"
    inlines = []
    list_display = ["at", "action", "from_state", "to_state", "application", "licence", "by"]
    list_filter = ["action"]
    list_select_related = ["application", "licence", "by"]

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return qs
        lag_ids = self._lag_ids(request)
        return qs.filter(application__lag_id__in=lag_ids) | qs.filter(licence__lag_id__in=lag_ids)

    def _row_lag_id(self, obj):
        return (obj.application or obj.licence).lag_id


@admin.register(AccreditationQuiz)
class AccreditationQuizAdmin(admin.ModelAdmin):
    """Which test accredits for which version and role (certification/accreditation.py)."""

    list_display = ["version", "role", "quiz"]
    list_filter = ["role"]
    list_select_related = ["version__scheme", "quiz"]
    raw_id_fields = ["quiz"]
