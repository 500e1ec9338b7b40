from django.contrib import admin

from kaimolink.actors.models import Actor, ActorInvitation, ActorLogEntry, ActorMembership
from kaimolink.core.admin import LagScopedAdmin


class MembershipInline(admin.TabularInline):
    model = ActorMembership
    extra = 0
    raw_id_fields = ["user"]


class InvitationInline(admin.TabularInline):
    """Co-editor invitations, read only: owners send and revoke them on the actor's pages.

    Whoever may open the actor here may see them (the actor admin is LAG-scoped)."""

    model = ActorInvitation
    extra = 0
    can_delete = False
    fields = readonly_fields = [
        "email", "invited_by", "created_at", "accepted_at", "accepted_by", "revoked_at"
    ]  # fmt: skip

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Actor)
class ActorAdmin(LagScopedAdmin):
    list_display = ["name", "actor_type", "lag", "district", "status", "certification_status"]
    list_filter = ["status", "actor_type", "lag", "certification_status"]
    list_select_related = ["lag", "district"]
    search_fields = ["name", "legal_code", "search_name"]
    # Derived from the licences by the certification services: never set by hand.
    readonly_fields = ["slug", "created_at", "updated_at", "published_at", "certification_status"]
    raw_id_fields = ["settlement"]
    filter_horizontal = ["themes"]
    inlines = [MembershipInline, InvitationInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        actor = form.instance
        actor.refresh_search_fields()
        actor.save(update_fields=["search_text"])


@admin.register(ActorLogEntry)
class ActorLogEntryAdmin(LagScopedAdmin):
    lag_field = "actor__lag_id"
    coordinator_may_add = False
    coordinator_may_delete = False
    list_display = ["created_at", "actor", "kind", "from_status", "to_status", "by"]
    list_select_related = ["actor", "by"]
    list_filter = ["kind"]

    def _row_lag_id(self, obj):
        return obj.actor.lag_id

    def has_change_permission(self, request, obj=None):
        return False
