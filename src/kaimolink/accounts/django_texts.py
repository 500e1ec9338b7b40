"""Texts of Django's own password rules that Django's Lithuanian catalog lacks (Django 5
changed their apostrophes, so the old translations no longer match).

They are named here so that makemessages keeps them in kaimolink's catalog, which comes
before Django's (LOCALE_PATHS): the sign-up page then shows every rule in Lithuanian.
tests/accounts/test_password_texts.py checks that no rule is left in English.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

PASSWORD_RULES = (
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
)
TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
)
