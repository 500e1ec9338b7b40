from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.messaging.models import MAX_BODY_LENGTH


class ActorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MessageForm(forms.Form):
    """A message written for one of `actors` (the person's actors that may write here)."""

    sender = ActorChoiceField(
        label=_("Write as"),
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": _("Choose one of your own actors."),
            "required": _("Choose one of your own actors."),
        },
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write a message.")},
        help_text=_(
            "Plain text. Do not write e-mail addresses or phone numbers here unless you "
            "want the other side to see them: use “Share our contact details”."
        ),
    )

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender"].queryset = actors
        choices = list(actors)
        self.single_sender = choices[0] if len(choices) == 1 else None
        if self.single_sender is not None:
            self.fields["sender"].widget = forms.HiddenInput()
            self.fields["sender"].initial = self.single_sender.pk


class ShareForm(forms.Form):
    actor = forms.IntegerField(
        widget=forms.HiddenInput(),
        error_messages={
            "required": _("Choose the actor whose contact details to share."),
            "invalid": _("Choose the actor whose contact details to share."),
        },
    )
    include_my_email = forms.BooleanField(
        label=_("Also show my own name and e-mail address"), required=False
    )


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), required=False, max_length=500)
