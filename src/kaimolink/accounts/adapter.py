"""kaimolink's allauth adapter (settings.ACCOUNT_ADAPTER).

allauth's e-mails leave through the one mail path (core.mail), and its rate limits key on
the same client address as ours (core.clientip), failed logins on account and address.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives

from kaimolink.core.clientip import client_ip
from kaimolink.core.mail import mail_queue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """As allauth's, but queued (retried, never an error page) by core.mail."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = ""
        if isinstance(message, EmailMultiAlternatives):
            html = next((c for c, mime in message.alternatives if mime == "text/html"), "")
        mail_queue(
            to=message.to,
            subject=message.subject,
            body=message.body,
            html=html,
            from_email=message.from_email,
        )

    def get_client_ip(self, request) -> str:
        """allauth's rate limits key on the same client address as ours (core.clientip)."""
        return client_ip(request) or super().get_client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth counts failed logins per account ("key"): five wrong passwords from
        # anywhere would lock the account for everyone. Counting per account *and* address
        # lets nobody lock out someone else; ACCOUNT_RATE_LIMITS keeps a looser limit per
        # address. (A private hook of allauth: tests/accounts/test_login_limits.py guards it.)
        return (
            f"{super()._get_login_attempts_cache_key(request, **credentials)}:{client_ip(request)}"
        )
