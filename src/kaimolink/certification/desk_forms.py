"""The LAG's forms on the desk (desk/certification_views.py): the list's filter, the
completeness check, the evaluator, the panel's decision, the licence's status."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.accounts.models import User
from kaimolink.certification import selectors
from kaimolink.certification.enums import ApplicationState, Outcome
from kaimolink.certification.services import NOTE_MAX, TEXT_MAX
from kaimolink.core.forms import FilterForm


class DeskApplicationFilterForm(FilterForm):
    """The desk list's filter: a state (drafts are not the LAG's) and one of the person's
    LAGs (`lags`: the LAGs they see, given by slug)."""

    SELECTS = ("state", "lag")

    state = forms.ChoiceField(label=_("State"), required=False)
    lag = forms.ChoiceField(label=_("LAG"), required=False)

    def __init__(self, *args, lags, **kwargs):
        super().__init__(*args, **kwargs)
        states = [s for s in ApplicationState if s != ApplicationState.DRAFT]
        self.fields["state"].choices = [("", _("Every state"))] + [
            (s.value, s.label) for s in states
        ]
        self.fields["lag"].choices = [("", _("All LAGs"))] + [(lag.slug, lag.name) for lag in lags]
        self.fields["state"].error_messages["invalid_choice"] = _("Choose a state of the list.")
        self.fields["lag"].error_messages["invalid_choice"] = _("Choose one of your LAGs.")


def _reason(label, required_message, *, required=True):
    return forms.CharField(
        label=label,
        required=required,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": required_message},
    )


class IncompleteForm(forms.Form):
    reason = _reason(_("What is missing"), _("Say what is missing."))


class SuspendForm(forms.Form):
    reason = _reason(_("Reason of the suspension"), _("Give the reason of the suspension."))


class ReinstateForm(forms.Form):
    reason = _reason(_("Note (optional)"), "", required=False)


class LicenceWithdrawForm(forms.Form):
    reason = _reason(_("Reason of the withdrawal"), _("Give the reason of the withdrawal."))


class AccreditationWithdrawForm(forms.Form):
    reason = _reason(_("Reason of the withdrawal"), _("Write why the accreditation is withdrawn."))


class ReturnAssessmentForm(forms.Form):
    reason = _reason(
        _("What the evaluator should look at"), _("Say what the evaluator should look at.")
    )


class EvaluatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class AssignForm(forms.Form):
    """An evaluator accredited for the scheme and independent of the applicant; the others
    are listed with the reason (`refused`)."""

    evaluator = EvaluatorChoiceField(
        label=_("Evaluator"),
        queryset=User.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Choose the evaluator."),
            "invalid_choice": _(
                "Choose an evaluator of the list: accredited for this scheme and "
                "independent of the applicant."
            ),
        },
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        free, self.refused = selectors.evaluator_choices(application)
        self.fields["evaluator"].queryset = User.objects.filter(
            pk__in=[p.pk for p in free]
        ).order_by("full_name", "pk")
        self.has_choices = bool(free)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the decision."),
            "invalid_choice": _("Choose one of the three decisions."),
        },
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reasons of the decision.")},
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        help_text=_("Only with “approve with conditions”."),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        outcome, conditions = data.get("outcome"), (data.get("conditions") or "").strip()
        if outcome == Outcome.APPROVED_WITH_CONDITIONS and not conditions:
            self.add_error("conditions", _("Write the conditions of the approval."))
        elif outcome and outcome != Outcome.APPROVED_WITH_CONDITIONS and conditions:
            self.add_error("conditions", _("Conditions go with “approve with conditions” only."))
        return data
