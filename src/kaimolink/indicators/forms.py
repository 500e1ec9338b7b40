"""The desk's form for a project indicator: what is planned, and how the achieved value is
reached (typed in, or counted by a rule).

Two forms on one page: `IndicatorForm` (the indicator, and whether it is manual or
computed) and `RuleForm` (the measure and its filter), validated only for a computed one.
"""

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.enums import ActorType
from kaimolink.core.forms import DATE_INVALID
from kaimolink.core.models import Lag, Theme
from kaimolink.events.enums import EventKind
from kaimolink.events.models import EventSeries
from kaimolink.indicators.measures import MEASURES, measure_choices, project_lag_ids
from kaimolink.indicators.models import IndicatorRule, Scope
from kaimolink.projects.models import Indicator

MANUAL, COMPUTED = "manual", "computed"
NUMBER_INVALID = _("Enter a number like 15 or 2,5")


class IndicatorForm(forms.ModelForm):
    source = forms.ChoiceField(
        label=_("How is the achieved value reached?"),
        choices=[
            (MANUAL, _("Typed in by the project")),
            (COMPUTED, _("Counted by the platform from its records")),
        ],
        initial=MANUAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the achieved value is reached.")},
    )

    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", *Indicator.CUSTOM_FORM_FIELDS, "target", "achieved"]
        error_messages = {
            "code": {"required": _("Enter the indicator's code, e.g. R1.")},
            "name": {"required": _("Enter what the indicator measures.")},
            "target": {
                "required": _("Enter the target value."),
                "invalid": NUMBER_INVALID,
            },
            "achieved": {"invalid": NUMBER_INVALID},
        }
        help_texts = {"achieved": _("Only for an indicator typed in; leave empty when unknown.")}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.instance.project = project
        self.fields["unit"].choices = [
            ("", _("A bare number (no unit)")),
            *self.fields["unit"].choices[1:],
        ]
        if self.instance.pk and hasattr(self.instance, "rule"):
            self.fields["source"].initial = COMPUTED

    def clean_code(self):
        # The project is not a field of the form, so Django's unique check skips it.
        code = self.cleaned_data["code"].strip()
        taken = Indicator.objects.filter(project_id=self.instance.project_id, code=code)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This indicator code is already used in the project."))
        return code

    @property
    def computed(self) -> bool:
        return self.is_bound and self.data.get(self.add_prefix("source")) == COMPUTED

    def clean(self):
        data = super().clean()
        if data.get("source") == COMPUTED:
            data["achieved"] = None  # the platform counts it: a typed value would mislead
        return data


class RuleForm(forms.ModelForm):
    """The measure and its filter. `user` and `project` decide what may be counted: a
    coordinator counts records that name people only in the project's own LAGs."""

    measure = forms.ChoiceField(
        label=_("Measure"), choices=measure_choices,
        error_messages={"required": _("Choose what the platform counts.")},
    )  # fmt: skip
    scope = forms.ChoiceField(
        label=_("Whose records"), choices=Scope.choices, initial=Scope.PROJECT,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whose records are counted.")},
    )  # fmt: skip
    event_kind = forms.ChoiceField(
        label=_("Kind of event"), required=False,
        choices=[("", _("Every kind")), *EventKind.choices],
        help_text=_("For measures of events that do not name their kind."),
    )  # fmt: skip
    actor_type = forms.ChoiceField(
        label=_("Actor type"), required=False,
        choices=[("", _("Every type")), *ActorType.choices],
        help_text=_("For actors in the database."),
    )  # fmt: skip

    class Meta:
        model = IndicatorRule
        fields = [
            "measure", "scope", "lags", "series", "event_kind", "period_start", "period_end",
            "min_hours", "per_event", "actor_type", "theme",
        ]  # fmt: skip
        widgets = {
            "lags": forms.CheckboxSelectMultiple,
            "series": forms.CheckboxSelectMultiple,
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }
        error_messages = {
            "period_start": {"invalid": DATE_INVALID},
            "period_end": {"invalid": DATE_INVALID},
            "min_hours": {"invalid": NUMBER_INVALID},
        }

    def __init__(self, *args, user=None, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.project = user, project
        self.fields["lags"].queryset = Lag.objects.order_by("name_sort", "pk")
        self.fields["theme"].queryset = Theme.objects.order_by("kind", "position", "pk")
        self.fields["theme"].empty_label = _("Any theme")
        self.fields["theme"].help_text = _("For events, actors, partnership posts and questions.")
        series = EventSeries.objects.order_by("title", "pk")
        if project is not None and not (user and user.is_superuser):
            # A coordinator picks among the series of the project's LAGs (and LAG-less ones).
            lag_ids = project_lag_ids(project)
            of_lags = EventSeries.lags.through.objects.filter(
                eventseries_id=OuterRef("pk"), lag_id__in=lag_ids
            )
            no_lag = EventSeries.lags.through.objects.filter(eventseries_id=OuterRef("pk"))
            series = series.filter(Q(Exists(of_lags)) | ~Q(Exists(no_lag)))
        self.fields["series"].queryset = series
        self.fields["min_hours"].widget.attrs.update({"min": "0.1", "step": "0.1"})

    def clean(self):
        data = super().clean()
        measure = MEASURES.get(data.get("measure", ""))
        if measure is None:
            return data
        # The threshold, the average and the period are checked by IndicatorRule.clean.
        if not measure.needs_hours:
            data["min_hours"] = None
        if measure.kind and data.get("event_kind") and data["event_kind"] != measure.kind:
            self.add_error(
                "event_kind",
                _("This measure counts only %(kind)s: leave the kind empty.")
                % {"kind": EventKind(measure.kind).label.lower()},
            )
        self._check_people(measure, data)
        return data

    def _check_people(self, measure, data) -> None:
        """Records that name people stay within the project's LAGs for a coordinator."""
        if not measure.personal or self.user is None or self.user.is_superuser:
            return
        if data.get("scope") == Scope.ANY:
            self.add_error(
                "scope",
                _("This measure lists people: a coordinator counts it in the project's LAGs."),
            )
        own = project_lag_ids(self.project) if self.project is not None else frozenset()
        outside = [lag for lag in data.get("lags") or [] if lag.pk not in own]
        if outside:
            self.add_error(
                "lags",
                _("%(lag)s is not a LAG of this project.") % {"lag": outside[0].name},
            )
