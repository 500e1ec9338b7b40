"""A test e-mail backend that refuses what a real SMTP server would (see conftest.py).

Django's locmem backend keeps a message without building it, so a subject with a line
break passes there and fails only in production (BadHeaderError). This one builds each
message as the SMTP backend does before keeping it in `mail.outbox`.
"""

from django.core.mail.backends.locmem import EmailBackend


class SmtpLikeBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            message.message()  # raises BadHeaderError on a line break in a header
        return super().send_messages(messages)
