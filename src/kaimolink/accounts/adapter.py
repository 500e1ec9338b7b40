"""kaimolink's allauth adapter: allauth's e-mails leave through the one mail path."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives

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
