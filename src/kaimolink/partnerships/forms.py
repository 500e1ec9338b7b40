import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.models import Actor
from kaimolink.core.forms import DATE_INVALID, FilterForm, lag_filter_field, theme_filter_field
from kaimolink.core.models import Theme
from kaimolink.partnerships.enums import PostKind
from kaimolink.partnerships.models import PartnershipPost
from kaimolink.partnerships.services import MAX_DAYS_OPEN

MAX_QUERY_LENGTH = 200


class BoardFilterForm(FilterForm):
    """Parses the board's URL parameters (web page and API); bad values are reported."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    kind = forms.ChoiceField(
        label=_("Offers or requests"),
        choices=[("", _("Offers and requests")), *PostKind.choices],
        required=False,
    )
    lag = lag_filter_field()
    theme = theme_filter_field()

    SELECTS = ("kind", "lag", "theme")

    def to_filter(self) -> dict:
        """Keyword arguments for selectors.posts_on_board; call only after is_valid()."""
        data = self.cleaned_data
        return {
            "q": (data.get("q") or "").strip(),
            "kind": data.get("kind") or None,
            "lag": data.get("lag"),
            "theme": data.get("theme"),
        }


class PostForm(forms.ModelForm):
    """An offer or request. `actors`: the published actors the person may post for."""

    actor = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Actor.objects.none(),
        empty_label=_("Choose the actor"),
        error_messages={
            "required": _("Choose the actor you post for"),
            "invalid_choice": _("Choose one of your published actors."),
        },
    )

    class Meta:
        model = PartnershipPost
        fields = ["actor", "kind", "title", "description", "themes", "area", "ends_on"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "themes": forms.CheckboxSelectMultiple,
            "area": forms.RadioSelect,
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "title": _("What you offer or need, e.g. “We need a honey producer for a gift box”."),
            "description": _("Amounts, dates, conditions: what a partner should know."),
            "area": _("Where partners may come from; suggestions follow this choice."),
        }
        error_messages = {
            "themes": {"invalid_choice": _("Unknown theme: %(value)s.")},
            "kind": {"required": _("Choose whether you offer or seek")},
            "title": {"required": _("Enter the title")},
            "area": {"required": _("Choose where partners may come from")},
            "ends_on": {"required": _("Enter the date the post closes"), "invalid": DATE_INVALID},
        }

    def __init__(self, *args, actors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["actor"]  # a post stays with its actor
        else:
            self.fields["actor"].queryset = actors if actors is not None else Actor.objects.none()
        self.fields["themes"].queryset = Theme.objects.order_by("kind", "position")
        self.fields["themes"].required = False
        self.fields["kind"].choices = PostKind.choices
        self.fields["title"].widget.attrs["maxlength"] = 200

    def clean_title(self):
        title = " ".join((self.cleaned_data.get("title") or "").split())
        if len(title) < 3:
            raise ValidationError(_("Write a title of at least 3 characters."))
        return title

    def clean_ends_on(self):
        ends_on = self.cleaned_data.get("ends_on")
        today = timezone.localdate()
        if ends_on is None:
            return ends_on
        if ends_on < today:
            raise ValidationError(_("The end date is in the past."))
        if ends_on > today + datetime.timedelta(days=MAX_DAYS_OPEN):
            raise ValidationError(_("Choose an end date within a year."))
        return ends_on

    def service_data(self) -> dict:
        return {
            k: self.cleaned_data[k] for k in ("kind", "title", "description", "area", "ends_on")
        }


class ConfirmForm(forms.Form):
    """Close and hide carry no data; the form exists for the CSRF check and a clear POST."""
