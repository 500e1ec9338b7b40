"""A test e-mail backend that refuses what a real SMTP server would (see conftest.py).

Django's locmem backend keeps a message without building it, so a subject with a line
break passes there and fails only in production (BadHeaderError). This one builds each
message as the SMTP backend does before keeping it in `mail.outbox`.
"""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class SmtpLikeBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            message.message()  # raises BadHeaderError on a line break in a header
        return super().send_messages(messages)


class FailingSmtpBackend(SmtpLikeBackend):
    """Refuses the next `failures_left` sendings as an unreachable SMTP server would;
    counts every attempt. Set up with `reset` in each test (the counts are global)."""

    attempts = 0
    failures_left = 0

    @classmethod
    def reset(cls, *, failures: int) -> None:
        cls.attempts, cls.failures_left = 0, failures

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).failures_left > 0:
            type(self).failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
