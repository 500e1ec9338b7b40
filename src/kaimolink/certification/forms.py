"""The applicant's forms: start an application, the self-assessment, an evidence file."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.selectors import actors_of_member
from kaimolink.certification import selectors


class StartForm(forms.Form):
    """Which of my (published) actors applies, for which scheme."""

    actor = forms.ModelChoiceField(
        label=_("Actor"),
        queryset=None,
        empty_label=None,
        error_messages={"required": _("Choose the actor that applies.")},
    )
    scheme = forms.ModelChoiceField(
        label=_("Scheme"),
        queryset=None,
        empty_label=None,
        error_messages={"required": _("Choose the scheme to apply for.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors_of_member(user=user, published=True)
        self.fields["scheme"].queryset = selectors.schemes_open()


class SelfAssessmentForm(forms.Form):
    """One text and one list of links per criterion in scope (`text_<id>`, `links_<id>`)."""

    def __init__(self, *args, criteria, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            answer = answers.get(criterion.pk)
            self.fields[f"text_{criterion.pk}"] = forms.CharField(
                label=_("How you meet it"),
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                max_length=10_000,
                initial=answer.text if answer else "",
            )
            self.fields[f"links_{criterion.pk}"] = forms.CharField(
                label=_("Links that show it"),
                help_text=_("One web address a line."),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=5_000,
                initial=answer.links if answer else "",
            )

    def rows(self):
        """(criterion, its text field, its links field) for the template."""
        return [(c, self[f"text_{c.pk}"], self[f"links_{c.pk}"]) for c in self.criteria]

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            c: {"text": data[f"text_{c.pk}"], "links": data[f"links_{c.pk}"]} for c in self.criteria
        }


class EvidenceForm(forms.Form):
    criterion = forms.ModelChoiceField(
        label=_("Criterion it proves"),
        queryset=None,
        required=False,
        empty_label=_("The application as a whole"),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX, ODT, JPG or PNG, at most 10 MB."),
        error_messages={"required": _("Choose a file to upload.")},
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = selectors.criteria_in_scope(application)
