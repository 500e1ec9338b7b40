from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimolink.core.forms import (
    DATE_INVALID,
    DATETIME_INVALID,
    TIME_INVALID,
    FilterForm,
    lag_filter_field,
)
from kaimolink.core.models import Settlement
from kaimolink.fairs.enums import FairStatus, Period
from kaimolink.fairs.models import Fair
from kaimolink.fairs.services import MAX_ANSWER, MAX_QUESTION, FairError, check_video_url
from kaimolink.market.enums import Category

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def _datetime_field(label, required_message):
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": required_message, "invalid": DATETIME_INVALID},
    )


class HallFilterForm(FilterForm):
    """The hall's URL parameters: a category and a LAG (a bad value: 400, never a 500)."""

    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )
    lag = lag_filter_field()
    SELECTS = ("category", "lag")


class FairForm(forms.ModelForm):
    lags_chosen = forms.ModelMultipleChoiceField(
        label=_("LAGs"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one LAG whose fair it is.")},
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The market categories the fair accepts; none chosen: all of them."),
    )
    opens_at = _datetime_field(_("Opens"), _("When does the fair open?"))
    closes_at = _datetime_field(_("Closes"), _("When does the fair close?"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=FairStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the fair is a draft or published.")},
    )

    field_order = [
        "title", "theme", "description", "lags_chosen", "categories", "opens_at",
        "closes_at", "settlement", "address", "status",
    ]  # fmt: skip

    class Meta:
        model = Fair
        fields = ["title", "theme", "description", "settlement", "address"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"title": {"required": _("Give the fair a title.")}}

    def __init__(self, *args, lags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lags_chosen"].queryset = lags
        self.fields["settlement"].empty_label = _("Online only")
        self.fields["settlement"].required = False
        lag_ids = [lag.pk for lag in lags]
        self.fields["settlement"].queryset = (
            Settlement.objects.filter(district__lags__in=lag_ids).distinct().order_by("name_sort")
        )
        if self.instance.pk:
            self.fields["lags_chosen"].initial = [lag.pk for lag in self.instance.lags.all()]
            self.fields["categories"].initial = self.instance.categories
            self.fields["opens_at"].initial = timezone.localtime(self.instance.opens_at)
            self.fields["closes_at"].initial = timezone.localtime(self.instance.closes_at)
            self.fields["status"].initial = self.instance.status
        else:
            self.fields["status"].initial = FairStatus.DRAFT
            if len(lag_ids) == 1:
                self.fields["lags_chosen"].initial = lag_ids

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The fair must close after it opens."))
        return data


def _date_field(label, required_message):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": required_message, "invalid": DATE_INVALID},
    )


def _time_field(label, required_message):
    return forms.TimeField(
        label=label,
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": required_message, "invalid": TIME_INVALID},
    )


class _DayHoursForm(forms.Form):
    """A day and hours (`day`, `starts`, `ends`) in the platform's local time."""

    END_MESSAGE = ""

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", self.END_MESSAGE)
        elif day and starts and ends:
            zone = timezone.get_current_timezone()
            data["starts_at"] = timezone.make_aware(datetime.combine(day, starts), zone)
            data["ends_at"] = timezone.make_aware(datetime.combine(day, ends), zone)
        return data


class SessionForm(_DayHoursForm):
    day = _date_field(_("Day"), _("Enter the day"))
    starts = _time_field(_("From"), _("Enter the start time"))
    ends = _time_field(_("Until"), _("Enter the end time"))
    note = forms.CharField(label=_("Note"), required=False, max_length=200)
    END_MESSAGE = _("A live session must end after it starts.")


class ApplyForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("Exhibitor"),
        queryset=None,
        empty_label=_("Choose your actor"),
        error_messages={
            "required": _("Choose the actor that exhibits."),
            "invalid_choice": _("Choose one of your actors."),
        },
    )
    note = forms.CharField(
        label=_("Note to the coordinator"), required=False, max_length=2000, widget=forms.Textarea
    )

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors
        if len(ids := [a.pk for a in actors]) == 1:
            self.fields["actor"].initial = ids[0]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to accept or to refuse.")},
    )
    reason = forms.CharField(
        label=_("Reason (the exhibitor reads it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why you refuse: the exhibitor will read it."))
        return data


class BoothForm(forms.Form):
    presentation = forms.CharField(
        label=_("Presentation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who you are, what you make, what is new for this fair."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF up to 5 MB; it is resized and its metadata removed."),
    )
    photo_alt = forms.CharField(label=_("What the photo shows"), required=False, max_length=200)
    video_url = forms.CharField(
        label=_("Video link"),
        required=False,
        max_length=200,
        help_text=_("A link to a video of you and your goods, starting with https://"),
    )
    live_hours = forms.CharField(
        label=_("Live hours"),
        required=False,
        max_length=300,
        help_text=_("When someone is at the booth, e.g. Sat–Sun 10–14"),
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products you bring"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your published products of the fair's categories."),
        error_messages={"invalid_choice": _("Choose only your products listed here.")},
    )

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = products

    def clean_video_url(self):
        try:
            return check_video_url(self.cleaned_data["video_url"])
        except FairError as exc:
            raise forms.ValidationError(str(exc)) from exc


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=MAX_QUESTION,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write your question."),
            "max_length": _("A question is at most %(limit_value)d characters."),
        },
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"),
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write your answer."),
            "max_length": _("An answer is at most %(limit_value)d characters."),
        },
    )


class SlotForm(_DayHoursForm):
    """A meeting time: a date, a start and an end."""

    day = _date_field(_("Date"), _("Enter the date"))
    starts = _time_field(_("Starts"), _("Enter the start time"))
    ends = _time_field(_("Ends"), _("Enter the end time"))
    place = forms.CharField(
        label=_("How or where"),
        required=False,
        max_length=300,
        help_text=_("A phone call, a link, a place"),
    )
    END_MESSAGE = _("A meeting must end after it starts.")


class BookForm(forms.Form):
    topic = forms.CharField(label=_("What about (optional)"), required=False, max_length=500)


class FairListFilterForm(FilterForm):
    """The fair list's parameters (the API's `GET /fairs`): when, and of which LAG."""

    period = forms.ChoiceField(
        label=_("When"), required=False, choices=[("", _("Any time")), *Period.choices]
    )
    lag = lag_filter_field()
    SELECTS = ("period", "lag")
