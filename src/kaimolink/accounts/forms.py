from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """Extra field on allauth's sign-up form (allauth calls `signup`)."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        error_messages={"required": _("Enter your full name")},
    )

    def signup(self, request, user):
        user.full_name = " ".join(self.cleaned_data["full_name"].split())
        user.save(update_fields=["full_name"])


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type your e-mail address to confirm"),
        max_length=254,
        error_messages={"required": _("Enter your e-mail address to confirm")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip().lower()
        if value != self.user.email.lower():
            raise forms.ValidationError(_("This is not your e-mail address."))
        return value
