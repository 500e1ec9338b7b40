from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.core.models import Lag, Theme
from kaimolink.discussions.models import BODY_MAX_LENGTH, REASON_MAX_LENGTH, TITLE_MAX_LENGTH

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, lists with “- ”, links as [text](https://…). "
    "Mention an actor with @ and the last part of its profile address, e.g. @josvainiu-bendruomene."
)


def _body_field(label):
    return forms.CharField(
        label=label,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
        error_messages={
            "required": _("Write some text."),
            "max_length": _(
                "The text may be at most %(limit_value)d characters long (it has %(show_value)d)."
            ),
        },
    )


def _actor_field(actors):
    return forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=actors,
        required=False,
        empty_label=_("Myself only"),
        error_messages={
            "invalid_choice": _("You can write only on behalf of published actors you belong to.")
        },
    )


class TopicForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Give the topic a title."),
            "max_length": _("The title may be at most %(limit_value)d characters long."),
        },
    )
    body = _body_field(_("Text"))

    def __init__(self, *args, actors=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            self.fields["actor"] = _actor_field(actors)
            self.fields["lag"] = forms.ModelChoiceField(
                label=_("LAG area"),
                queryset=Lag.objects.all(),
                required=False,
                empty_label=_("None: the whole platform (or the actor's LAG)"),
                help_text=_("The coordinators of this LAG moderate the topic."),
            )


class ReplyForm(forms.Form):
    body = _body_field(_("Your reply"))

    def __init__(self, *args, actors=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            self.fields["actor"] = _actor_field(actors)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write the reason: the author and the other moderators see it."),
            "max_length": _("The reason may be at most %(limit_value)d characters long."),
        },
    )


class MoveForm(ReasonForm):
    theme = forms.ModelChoiceField(
        label=_("Move to theme"),
        queryset=Theme.objects.filter(kind=Theme.Kind.SMART_VILLAGE),
        empty_label=_("Choose a theme"),
        error_messages={
            "required": _("Choose a smart-village theme."),
            "invalid_choice": _("Choose a smart-village theme."),
        },
    )

    def __init__(self, *args, topic=None, **kwargs):
        super().__init__(*args, **kwargs)
        if topic is not None:
            self.fields["theme"].queryset = self.fields["theme"].queryset.exclude(pk=topic.theme_id)
        self.order_fields(["theme", "reason"])


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with it?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what is wrong with it.")},
    )
