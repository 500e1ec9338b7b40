from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.models import Actor
from kaimolink.actors.selectors import actors_of_member
from kaimolink.consultations import services
from kaimolink.consultations.enums import AnswerState, SlotMode
from kaimolink.core.forms import DATE_INVALID, TIME_INVALID, FilterForm
from kaimolink.core.models import Theme


def smart_village_themes():
    return Theme.objects.filter(kind=Theme.Kind.SMART_VILLAGE).order_by("position", "slug")


class QuestionFilterForm(FilterForm):
    """The question list's URL parameters; an invalid value is reported, never a 500."""

    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=smart_village_themes(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    state = forms.ChoiceField(label=_("Answers"), choices=AnswerState.choices, required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)

    SELECTS = ("theme", "state")

    def to_filter(self) -> dict:
        data = self.cleaned_data
        return {
            "theme": data.get("theme"),
            "state": data.get("state") or "",
            "q": data.get("q") or "",
        }


class QuestionForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=smart_village_themes(),
        empty_label=_("Choose a theme"),
        error_messages={"required": _("Choose a theme")},
    )
    title = forms.CharField(
        label=_("Your question"),
        max_length=services.TITLE_MAX,
        help_text=_("One sentence, e.g. “How do we register a community business?”"),
        error_messages={"required": _("Write your question")},
    )
    body = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=services.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you already know or tried. Markdown: **bold**, lists, links."),
    )
    private = forms.BooleanField(
        label=_("Private question"),
        required=False,
        help_text=_(
            "Only you, the members of the actor, the consultants and the actor's LAG "
            "coordinators will see it. Public questions and answers help others too."
        ),
    )
    actor = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("Myself only"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors_of_member(user=user)


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=services.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, lists, links."),
        error_messages={"required": _("Write your answer")},
    )


class SlotForm(forms.Form):
    """A consultation time in the platform's local time: a date, a start and an end."""

    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date"), "invalid": DATE_INVALID},
    )
    start = forms.TimeField(
        label=_("Starts"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Enter the start time"), "invalid": TIME_INVALID},
    )
    end = forms.TimeField(
        label=_("Ends"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Enter the end time"), "invalid": TIME_INVALID},
    )
    mode = forms.ChoiceField(
        label=_("How"),
        choices=SlotMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the consultation takes place")},
    )
    place = forms.CharField(
        label=_("Place or link"),
        required=False,
        max_length=services.PLACE_MAX,
        help_text=_("The address, the phone number to call or the link of the online meeting."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=services.NOTE_MAX,
        help_text=_("E.g. what to bring or which topics this time is for."),
    )

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start"), data.get("end")
        if day and start and end:
            if end <= start:
                raise ValidationError(_("The consultation must end after it starts."))
            data["starts_at"] = services.local_datetime(day, start)
            data["ends_at"] = services.local_datetime(day, end)
        return data


class BookingForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("Myself only"),
    )
    topic = forms.CharField(
        label=_("What would you like to talk about?"),
        required=False,
        max_length=services.TOPIC_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors_of_member(user=user)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        required=False,
        max_length=services.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SlotFilterForm(forms.Form):
    consultant = forms.TypedChoiceField(
        label=_("Consultant"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, consultants, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultants = {c.pk: c for c in consultants}
        self.fields["consultant"].choices = [
            ("", _("All consultants")),
            *((c.pk, str(c)) for c in consultants),
        ]


class ConsultantThemesForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes I answer in"),
        queryset=smart_village_themes(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You are told of new questions in these themes; none chosen: in all."),
    )
