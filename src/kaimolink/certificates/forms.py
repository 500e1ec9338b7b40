from django import forms
from django.utils.translation import gettext_lazy as _

from kaimolink.certificates.services import MAX_REASON_LENGTH


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the certificate revoked?"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Seen by the event's organisers and the holder, never on the public verification page."
        ),
        error_messages={"required": _("Write why the certificate is revoked.")},
    )


class VerifyForm(forms.Form):
    """What a person types from the paper: the printed code or the number, in any case,
    with or without spaces and dashes (certificates.selectors reads it)."""

    code = forms.CharField(
        label=_("Certificate code or number"),
        max_length=100,
        help_text=_(
            "As printed on the certificate, e.g. K7QM-3XHP or KL-2026-000123. Capital or "
            "small letters, spaces and dashes do not matter."
        ),
        error_messages={
            "required": _("Enter the code or the number printed on the certificate."),
            "max_length": _("A certificate code or number is shorter: check what you typed."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
