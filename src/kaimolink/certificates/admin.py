from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kaimolink.certificates.models import Certificate
from kaimolink.events.admin import ManyLagsScopedAdmin


@admin.register(Certificate)
class CertificateAdmin(ManyLagsScopedAdmin):
    """Read only, scoped by the event's LAGs: certificates are issued and revoked through
    the services (the revoke page asks for a reason and checks who may)."""

    lags_path = "event__lags"
    coordinator_may_add = False
    coordinator_may_delete = False
    list_display = ["number", "holder_name", "title", "issued_at", "revoked_at", "revoke_link"]
    list_select_related = ["event"]
    search_fields = ["number", "holder_name", "title", "code"]
    list_filter = ["kind"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Certificate._meta.fields] + ["revoke_link"]

    def _row_lag_ids(self, obj) -> set[int]:
        return obj.event.lag_ids

    @admin.display(description=_("revoke"))
    def revoke_link(self, obj):
        if obj.pk is None or obj.is_revoked:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("certificates:revoke", args=[obj.pk]), _("Revoke")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
