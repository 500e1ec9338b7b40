from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.actors.enums import ActorType
from kaimolink.actors.models import Actor
from kaimolink.actors.selectors import actors_of_member
from kaimolink.contactfair.models import MAX_MESSAGE_LENGTH


class JoinForm(forms.Form):
    actor = forms.ModelChoiceField(
        queryset=Actor.objects.none(),
        required=False,
        label=_("Take part for"),
        empty_label=_("Myself"),
    )
    pitch = forms.CharField(
        label=_("What you offer and seek"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Empty: the offers and needs of the actor's profile."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the person's own actors: another id is "not a valid choice", never a 500.
        self.fields["actor"].queryset = actors_of_member(user=user)


class FilterForm(forms.Form):
    actor_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *ActorType.choices]
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
