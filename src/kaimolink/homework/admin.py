from django.contrib import admin

from kaimolink.events.admin import ManyLagsScopedAdmin
from kaimolink.events.models import Event
from kaimolink.homework.models import Assignment, Submission


@admin.register(Assignment)
class AssignmentAdmin(ManyLagsScopedAdmin):
    """Coordinators see and set assignments of their LAGs' events only."""

    lags_path = "event__lags"
    list_display = ["title", "event", "due_at", "allow_files", "created_at"]
    list_select_related = ["event"]
    search_fields = ["title", "event__title"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["created_by", "created_at"]

    def _row_lag_ids(self, obj) -> set[int]:
        return obj.event.lag_ids

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event" and not request.user.is_superuser:
            kwargs["queryset"] = Event.objects.filter(lags__in=self._lag_ids(request)).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Submission)
class SubmissionAdmin(ManyLagsScopedAdmin):
    """Read only: hand-ins and reviews go through the services (checks, e-mail)."""

    lags_path = "assignment__event__lags"
    coordinator_may_add = False
    coordinator_may_delete = False
    list_display = ["assignment", "person", "status", "late", "submitted_at", "reviewed_at"]
    list_filter = ["status", "late"]
    list_select_related = ["assignment__event", "person"]
    search_fields = ["person__email", "person__full_name", "assignment__title"]
    exclude = ["file"]  # downloaded through the permission-checked page, never by URL

    def _row_lag_ids(self, obj) -> set[int]:
        return obj.assignment.event.lag_ids

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
