from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kaimolink.notifications.kinds import Delivery, Kind


class DeliveriesForm(forms.Form):
    """One e-mail choice per kind, and the language of the e-mails."""

    language = forms.ChoiceField(
        label=_("Language of e-mails"),
        choices=settings.LANGUAGES,
        error_messages={"required": _("Choose the language of the e-mails")},
    )

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current[kind.value],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose when to e-mail these")},
            )

    def kind_fields(self):
        return [self[kind.value] for kind in Kind]

    def choices(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[kind.value] for kind in Kind}
