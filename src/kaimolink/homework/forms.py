from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.core.forms import DATETIME_INVALID
from kaimolink.homework.enums import REVIEW_STATUSES, SubmissionStatus
from kaimolink.homework.files import FILE_TYPES
from kaimolink.homework.services import MAX_TEXT_LENGTH, MAX_TITLE_LENGTH

ACCEPT = ",".join(f".{ext}" for ext in [*FILE_TYPES, "jpeg"])


class AssignmentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=MAX_TITLE_LENGTH,
        error_messages={"required": _("Enter the title")},
    )
    instructions = forms.CharField(
        label=_("Instructions"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    due_at = forms.DateTimeField(
        label=_("Due"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": DATETIME_INVALID},
    )
    allow_files = forms.BooleanField(label=_("Files allowed"), required=False, initial=True)


class SubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    file = forms.FileField(
        label=_("File (PDF, DOCX, XLSX, ODT, JPG or PNG, at most 10 MB)"),
        required=False,
        max_length=255,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s.value, s.label) for s in SubmissionStatus if s in REVIEW_STATUSES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision")},
    )
    feedback = forms.CharField(
        label=_("Feedback"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
