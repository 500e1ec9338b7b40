from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.quizzes import scoring
from kaimolink.quizzes.enums import QuestionKind
from kaimolink.quizzes.selectors import ShownQuestion

TRUE = "1"  # the place of "True" (then "False") in selectors.attempt_questions


class AttemptForm(forms.Form):
    """The drawn questions of an attempt, one field each, named by place (`q1`, `q2`, …).

    Options are offered by their place in the shown order, so the form's values say nothing
    about the bank. Every field may stay empty (an unanswered question earns no point).
    """

    def __init__(self, *args, questions: list[ShownQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            label = f"{q.position}. {q.text}"
            choices = [(str(place), text) for place, text in q.options]
            if q.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose every right answer."),
                )
            elif q.kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
                field = forms.ChoiceField(
                    label=label, choices=choices, required=False, widget=forms.RadioSelect
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=scoring.NUMBER_TEXT_MAX,
                    help_text=_("A number, e.g. 12,5."),
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                )
            field.error_messages["invalid_choice"] = _("Choose one of the offered answers.")
            field.error_messages["max_length"] = _("Enter a number, e.g. 12,5.")
            self.fields[f"q{q.position}"] = field

    def clean(self):
        data = super().clean()
        for q in self.questions:
            name = f"q{q.position}"
            value = data.get(name)
            if q.kind == QuestionKind.NUMBER and value:
                try:
                    data[name] = scoring.parse_number(value)
                except ValueError:
                    self.add_error(name, _("Enter a number, e.g. 12,5."))
        return data

    def answers(self) -> dict:
        """The answers as services.attempt_submit takes them (after is_valid())."""
        result = {}
        for q in self.questions:
            value = self.cleaned_data.get(f"q{q.position}")
            if value in (None, "", []):
                continue
            if q.kind == QuestionKind.TRUE_FALSE:
                result[q.position] = value == TRUE
            elif q.kind == QuestionKind.SINGLE:
                result[q.position] = [int(value)]
            elif q.kind == QuestionKind.MULTIPLE:
                result[q.position] = [int(v) for v in value]
            else:
                result[q.position] = value
        return result
