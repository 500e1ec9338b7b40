from django.contrib import admin

from kaimolink.partnerships.models import PartnershipPost


@admin.register(PartnershipPost)
class PartnershipPostAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "actor", "status", "ends_on", "created_at"]
    list_filter = ["kind", "status", "area"]
    search_fields = ["title", "actor__name"]
    raw_id_fields = ["actor", "created_by", "closed_by"]
    readonly_fields = ["closed_at", "created_at", "updated_at"]
    filter_horizontal = ["themes"]
