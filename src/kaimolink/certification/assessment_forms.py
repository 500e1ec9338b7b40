"""The evaluator's forms (assessment_views.py) and the applicant's answer to a request
for evidence."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.certification import selectors
from kaimolink.certification.enums import Scoring
from kaimolink.certification.services import NOTE_MAX, TEXT_MAX
from kaimolink.core.forms import DATE_INVALID, number_messages


def _text(label, required_message, *, required=True, rows=3, maximum=NOTE_MAX):
    return forms.CharField(
        label=label,
        required=required,
        max_length=maximum,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message},
    )


class ConflictForm(forms.Form):
    note = _text(_("What ties you to the applicant (optional)"), "", required=False)


class ScoreForm(forms.Form):
    """One criterion's score: met / not met, or points up to its maximum; a comment."""

    comment = _text(_("Comment"), "", required=False)

    def __init__(self, *args, criterion, **kwargs):
        kwargs.setdefault("prefix", f"c{criterion.pk}")
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        if criterion.scoring == Scoring.POINTS:
            maximum = criterion.max_points or 0
            self.fields["points"] = forms.IntegerField(
                label=_("Points (0–%(max)d, needed %(threshold)d)")
                % {"max": maximum, "threshold": criterion.threshold or 0},
                min_value=0,
                max_value=maximum,
                error_messages=number_messages(_("Give the points."), 0, maximum),
            )
        else:
            self.fields["met"] = forms.ChoiceField(
                label=_("Is it met?"),
                choices=[("yes", _("Met")), ("no", _("Not met"))],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Say whether the criterion is met."),
                    "invalid_choice": _("Say whether the criterion is met."),
                },
            )
        self.order_fields(["met", "points", "comment"])

    def score(self) -> dict:
        data = self.cleaned_data
        if "points" in self.fields:
            return {"points": data["points"], "comment": data["comment"]}
        return {"met": data["met"] == "yes", "comment": data["comment"]}


class EvidenceRequestForm(forms.Form):
    criterion = forms.ModelChoiceField(
        label=_("Criterion it is about"),
        queryset=None,
        required=False,
        empty_label=_("The application as a whole"),
        error_messages={"invalid_choice": _("Choose a criterion of the application.")},
    )
    question = _text(_("What you need"), _("Write what you need."), rows=4)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = selectors.criteria_in_scope(application)


class SiteVisitForm(forms.Form):
    visited_on = forms.DateField(
        label=_("Date of the visit"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the date of the visit."), "invalid": DATE_INVALID},
    )
    notes = _text(_("What you saw"), _("Write what you saw."), rows=4, maximum=TEXT_MAX)


class AssessmentSubmitForm(forms.Form):
    summary = _text(
        _("Summary of the assessment"), _("Write the assessment's summary."), rows=5,
        maximum=TEXT_MAX,
    )  # fmt: skip


class EvidenceAnswerForm(forms.Form):
    """The applicant's answer to one request for evidence: a text, and a file if needed."""

    answer = _text(_("Your answer"), _("Write your answer."), rows=4, maximum=TEXT_MAX)
    file = forms.FileField(
        label=_("File (optional)"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, ODT, JPG or PNG, at most 10 MB."),
    )
