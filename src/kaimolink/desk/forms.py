from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.accounts.models import User
from kaimolink.accounts.phones import phone_display


class PersonChoiceField(forms.ModelChoiceField):
    """People by name and phone: two records of one name differ in what the list shows."""

    def label_from_instance(self, obj):
        return f"{obj.full_name} · {phone_display(obj.phone)}" if obj.phone else obj.full_name


class PersonMergeForm(forms.Form):
    """The person to keep when `duplicate` is merged into them: another person without an
    e-mail address registered for the coordinator's LAGs' events (`people`)."""

    keep = PersonChoiceField(
        label=_("Person to keep"),
        queryset=User.objects.none(),
        empty_label=_("Choose the person to keep"),
        error_messages={
            "required": _("Choose the person to keep"),
            "invalid_choice": _(
                "Choose another person of the list: people registered without an e-mail "
                "address for your LAG's events, other than this one"
            ),
        },
    )

    def __init__(self, *args, duplicate: User | None = None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if duplicate is not None and people is not None:
            self.fields["keep"].queryset = people.exclude(pk=duplicate.pk)
