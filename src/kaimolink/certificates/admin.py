from django.contrib import admin

from kaimolink.certificates.models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "holder_name", "title", "issued_at", "revoked_at"]
    search_fields = ["number", "holder_name", "title", "code"]
    list_filter = ["kind"]
    readonly_fields = [
        "code",
        "number",
        "kind",
        "person",
        "event",
        "registration",
        "holder_name",
        "title",
        "hours",
        "issued_by",
        "issued_at",
    ]
