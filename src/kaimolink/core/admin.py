from django.contrib import admin

from kaimolink.core.models import District, Lag, Settlement, Theme


class LagScopedAdmin(admin.ModelAdmin):
    """Admin pages for things that belong to a LAG.

    Platform administrators see everything. A LAG coordinator sees and changes only rows of
    the LAGs they coordinate; everything else answers as if it did not exist (the admin
    gives 404/redirect for rows outside `get_queryset`). `lag_field` names the path to the
    LAG id ("lag_id" for a row with a `lag` foreign key, "id" for the LAG itself).
    """

    lag_field = "lag_id"
    coordinator_may_add = True
    coordinator_may_delete = True

    def _lag_ids(self, request) -> set[int]:
        return request.user.coordinated_lag_ids()

    def _row_lag_id(self, obj):
        return getattr(obj, self.lag_field)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.lag_field}__in": self._lag_ids(request)})

    def has_module_permission(self, request):
        return request.user.is_superuser or bool(self._lag_ids(request))

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        lag_ids = self._lag_ids(request)
        return bool(lag_ids) and (obj is None or self._row_lag_id(obj) in lag_ids)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return request.user.is_superuser or (
            self.coordinator_may_add and bool(self._lag_ids(request))
        )

    def has_delete_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return self.coordinator_may_delete and self.has_view_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lag" and not request.user.is_superuser:
            kwargs["queryset"] = Lag.objects.filter(pk__in=self._lag_ids(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReferenceDataAdmin(admin.ModelAdmin):
    """Territories and themes: every staff member may look, only administrators change."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Lag)
class LagAdmin(LagScopedAdmin):
    lag_field = "id"
    coordinator_may_add = False
    coordinator_may_delete = False
    list_display = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["districts"]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if request.user.is_superuser else {}

    def get_readonly_fields(self, request, obj=None):
        # A coordinator keeps their LAG's contacts current but cannot move its territory.
        return [] if request.user.is_superuser else ["slug", "districts"]


@admin.register(District)
class DistrictAdmin(ReferenceDataAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Settlement)
class SettlementAdmin(ReferenceDataAdmin):
    # Coordinators add and merge settlements on their own pages (core.settlement_views).
    list_display = ["name", "kind", "district", "lat", "lon", "register_code"]
    list_filter = ["kind", "district"]
    list_select_related = ["district"]
    search_fields = ["name", "name_genitive"]


@admin.register(Theme)
class ThemeAdmin(ReferenceDataAdmin):
    list_display = ["slug", "kind", "name_lt", "name_en", "position"]
    list_filter = ["kind"]
