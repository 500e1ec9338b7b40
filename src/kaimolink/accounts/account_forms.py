"""allauth's forms with the site's own messages (settings.ACCOUNT_FORMS).

allauth builds its fields in `__init__` with Django's generic "This field is required.";
these subclasses give each field a message that says what to do. A module of its own:
allauth imports `accounts.forms.SignupForm` (ACCOUNT_SIGNUP_FORM_CLASS) while it builds
its forms, so `accounts/forms.py` cannot import allauth's forms back.
"""

from allauth.account import forms as allauth_forms
from django.utils.translation import gettext_lazy as _

from kaimolink.core.forms import EMAIL_INVALID

EMAIL = {"required": _("Enter your e-mail address"), "invalid": EMAIL_INVALID}
MESSAGES = {
    "login": EMAIL,
    "email": EMAIL,
    "password": {"required": _("Enter your password")},
    "oldpassword": {"required": _("Enter your current password")},
    "password1": {"required": _("Enter a password")},
    "password2": {"required": _("Enter the same password again")},
}


class _SiteMessages:
    """Sets MESSAGES on whichever of those fields the form has."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, messages in MESSAGES.items():
            if name in self.fields:
                self.fields[name].error_messages.update(messages)


class LoginForm(_SiteMessages, allauth_forms.LoginForm):
    pass


class SignupForm(_SiteMessages, allauth_forms.SignupForm):
    pass


class AddEmailForm(_SiteMessages, allauth_forms.AddEmailForm):
    pass


class ChangePasswordForm(_SiteMessages, allauth_forms.ChangePasswordForm):
    pass


class SetPasswordForm(_SiteMessages, allauth_forms.SetPasswordForm):
    pass


class ResetPasswordForm(_SiteMessages, allauth_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(_SiteMessages, allauth_forms.ResetPasswordKeyForm):
    pass
