from django.contrib import admin

from kaimolink.contactfair.models import FairSettings
from kaimolink.events.admin import ManyLagsScopedAdmin
from kaimolink.events.models import Event


@admin.register(FairSettings)
class FairSettingsAdmin(ManyLagsScopedAdmin):
    """The event's coordinators switch the fair on for their (joint) events."""

    lags_path = "event__lags"
    list_display = ["event", "enabled", "opens_at"]
    list_select_related = ["event"]
    autocomplete_fields = []
    fields = ["event", "enabled", "opens_at"]

    def _row_lag_ids(self, obj) -> set[int]:
        return {lag.pk for lag in obj.event.lags.all()}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event" and not request.user.is_superuser:
            kwargs["queryset"] = Event.objects.filter(
                lags__in=request.user.coordinated_lag_ids()
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
