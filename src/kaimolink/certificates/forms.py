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
