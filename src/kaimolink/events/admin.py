from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from kaimolink.core.admin import LagScopedAdmin
from kaimolink.core.models import Lag
from kaimolink.events import selectors, services
from kaimolink.events.enums import RegistrationStatus
from kaimolink.events.models import (
    Attendance,
    Event,
    EventDay,
    EventSeries,
    Registration,
    RegistrationLogEntry,
)


class ManyLagsScopedAdmin(LagScopedAdmin):
    """For rows that belong to several LAGs (joint events): a coordinator of any of them
    sees and changes the row. `lags_path` is the lookup to those LAGs."""

    lags_path = "lags"

    def get_queryset(self, request):
        qs = super(LagScopedAdmin, self).get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.lags_path}__in": self._lag_ids(request)}).distinct()

    def _row_lag_ids(self, obj) -> set[int]:
        return {lag.pk for lag in obj.lags.all()}

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        lag_ids = self._lag_ids(request)
        return bool(lag_ids) and (obj is None or bool(self._row_lag_ids(obj) & lag_ids))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if request.user.is_superuser or "lags" not in form.base_fields:
            return form
        # A coordinator chooses among their own LAGs, and keeps the partner LAGs of a joint
        # event they may not choose themselves; at least one of their own must stay.
        own = self._lag_ids(request)
        kept = list(obj.lags.values_list("pk", flat=True)) if obj is not None else []

        class CoordinatorForm(form):
            def clean_lags(self):
                lags = self.cleaned_data["lags"]
                if not {lag.pk for lag in lags} & own:
                    raise forms.ValidationError(_("Keep at least one of your own LAGs."))
                return lags

        # Set on the subclass: its metaclass built its own copy of the fields.
        CoordinatorForm.base_fields["lags"].queryset = Lag.objects.filter(
            Q(pk__in=own) | Q(pk__in=kept)
        )
        return CoordinatorForm


class EventScopedInline(admin.TabularInline):
    """An inline of rows that belong to one event: whoever may see or change the parent
    (LAG-scoped by the parent's admin) may see or change these rows of it.

    Django would otherwise ask for model permissions ("events.view_eventday"), which LAG
    coordinators do not have: the inline would not show for them at all.
    """

    def _event_of(self, obj):
        return obj

    def _follows_parent(self, request, obj) -> bool:
        if request.user.is_superuser:
            return True
        lag_ids = request.user.coordinated_lag_ids()
        if obj is None:
            return bool(lag_ids)
        return bool(self._event_of(obj).lag_ids & lag_ids)

    def has_view_permission(self, request, obj=None):
        return self._follows_parent(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._follows_parent(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._follows_parent(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._follows_parent(request, obj)


class EventDayInline(EventScopedInline):
    model = EventDay
    extra = 1


class AttendanceInline(EventScopedInline):
    """Read only: attendance is marked on the attendance page (services.attendance_mark)."""

    model = Attendance
    extra = 0
    fields = ["day", "present", "marked_by", "marked_at"]
    readonly_fields = fields
    ordering = ["day__date"]

    def _event_of(self, obj):
        return obj.event  # the parent is a registration

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("day", "marked_by")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventAdminForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "kind",
            "status",
            "visibility",
            "description",
            "lags",
            "theme",
            "series",
            "trainer",
            "settlement",
            "address",
            "lat",
            "lon",
            "online_url",
            "hours",
            "capacity",
            "registration_opens",
            "registration_closes",
            "questions",
        ]

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            confirmed = self.instance.registrations.filter(
                status=RegistrationStatus.CONFIRMED
            ).count()
            if capacity < confirmed:
                raise forms.ValidationError(
                    _("%(confirmed)d places are already confirmed: the capacity cannot be lower.")
                    % {"confirmed": confirmed}
                )
        return capacity


@admin.register(Event)
class EventAdmin(ManyLagsScopedAdmin):
    form = EventAdminForm
    list_display = ["title", "kind", "starts_at", "status", "visibility", "capacity"]
    list_filter = ["status", "kind", "visibility", "lags"]
    search_fields = ["title", "slug"]
    readonly_fields = ["starts_at", "ends_at", "created_at", "updated_at", "attendance"]
    raw_id_fields = ["settlement", "trainer"]
    filter_horizontal = ["lags"]
    inlines = [EventDayInline]

    @admin.display(description=_("attendance"))
    def attendance(self, obj):
        """Who was present on which day, as on the attendance page: confirmed people by
        name, a column per day, hours attended (a fixed number of queries however many
        people and days)."""
        if obj is None or obj.pk is None:
            return "—"
        sheet = selectors.attendance_sheet(event=obj)
        links = format_html(
            '<p><a href="{}">{}</a> · <a href="{}">{}</a></p>',
            reverse("events:attendance", kwargs={"slug": obj.slug}),
            _("Mark attendance"),
            reverse("admin:events_attendance_changelist")
            + f"?registration__event__id__exact={obj.pk}",
            _("Attendance list"),
        )
        if not sheet.registrations or not sheet.days:
            return links + format_html("<p>{}</p>", _("Nobody has registered yet."))
        head = format_html_join(
            "", "<th>{}</th>", ((f"{day.date:%Y-%m-%d}",) for day in sheet.days)
        )
        body = format_html_join(
            "",
            "<tr><td>{}</td>{}<td>{}</td></tr>",
            (
                (
                    registration.person,
                    format_html_join(
                        "",
                        "<td>{}</td>",
                        (
                            ("✓" if sheet.is_present(registration, day) else "–",)
                            for day in sheet.days
                        ),
                    ),
                    sheet.hours_attended(registration),
                )
                for registration in sheet.registrations
            ),
        )
        totals = format_html_join(
            "", "<td>{}</td>", ((f"{d.count.present}/{d.count.confirmed}",) for d in sheet.by_day())
        )
        return links + format_html(
            "<table><thead><tr><th>{}</th>{}<th>{}</th></tr></thead><tbody>{}</tbody>"
            "<tfoot><tr><th>{}</th>{}<td></td></tr></tfoot></table>",
            _("Person"),
            head,
            _("Hours attended"),
            body,
            _("Total present"),
            totals,
        )

    def save_model(self, request, obj, form, change):
        # A new capacity goes through the service: it locks the event and promotes people.
        if change and "capacity" in form.changed_data:
            new_capacity = obj.capacity
            obj.capacity = Event.objects.values_list("capacity", flat=True).get(pk=obj.pk)
            super().save_model(request, obj, form, change)
            try:
                services.event_set_capacity(event=obj, capacity=new_capacity, by=request.user)
            except services.RegistrationError as exc:
                messages.error(request, str(exc))
            obj.refresh_from_db()
            return
        super().save_model(request, obj, form, change)


@admin.register(EventSeries)
class EventSeriesAdmin(ManyLagsScopedAdmin):
    list_display = ["title", "theme", "created_at"]
    filter_horizontal = ["lags"]


@admin.register(Registration)
class RegistrationAdmin(ManyLagsScopedAdmin):
    """Read only: registrations change through the services (places and waiting list)."""

    lags_path = "event__lags"
    coordinator_may_add = False
    coordinator_may_delete = False
    list_display = ["event", "person", "actor", "status", "created_at", "cancelled_at"]
    list_filter = ["status"]
    list_select_related = ["event", "person", "actor"]
    search_fields = ["person__email", "person__full_name", "event__title"]
    inlines = [AttendanceInline]

    def _row_lag_ids(self, obj) -> set[int]:
        return obj.event.lag_ids

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Attendance)
class AttendanceAdmin(ManyLagsScopedAdmin):
    """Read only: one row per registration and day, as marked on the attendance page."""

    lags_path = "registration__event__lags"
    coordinator_may_add = False
    coordinator_may_delete = False
    list_display = ["event", "day_date", "person", "present", "marked_by", "marked_at"]
    list_filter = ["present", ("registration__event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["registration__event", "registration__person", "day", "marked_by"]
    search_fields = [
        "registration__person__email",
        "registration__person__full_name",
        "registration__event__title",
    ]
    ordering = ["-day__date", "registration__person__full_name", "id"]

    def _row_lag_ids(self, obj) -> set[int]:
        return obj.registration.event.lag_ids

    @admin.display(description=_("event"), ordering="registration__event__title")
    def event(self, obj):
        return obj.registration.event

    @admin.display(description=_("date"), ordering="day__date")
    def day_date(self, obj):
        return obj.day.date

    @admin.display(description=_("person"), ordering="registration__person__full_name")
    def person(self, obj):
        return obj.registration.person

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(RegistrationLogEntry)
class RegistrationLogEntryAdmin(ManyLagsScopedAdmin):
    lags_path = "event__lags"
    list_display = ["created_at", "event", "kind", "to_status", "by"]
    list_select_related = ["event", "by"]
    list_filter = ["kind"]

    def _row_lag_ids(self, obj) -> set[int]:
        return obj.event.lag_ids

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
