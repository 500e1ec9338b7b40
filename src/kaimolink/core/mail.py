"""The one way e-mail leaves kaimolink: composed in the recipient's language, queued, retried.

Every e-mail goes through `mail_to` (to a person or an address) or, for a message already
rendered elsewhere (allauth's), `mail_queue`. Both build the subject single-line in one
place (`single_line`: a subject with a line break is refused by a real SMTP server, and a
reason or a name typed by a person may hold one), and queue the sending as the
`deliver_mail` task after the database commit, so that

- a rolled-back change tells nobody anything,
- a slow or absent mail server never slows or breaks the request that caused the e-mail
  (a failure to queue is logged, never turned into an error page for a saved action),
- a refused connection is tried again later (`RETRY_DELAYS`), then logged.
"""

import logging
import re
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override
from django_tasks import task, task_backends

logger = logging.getLogger(__name__)

SUBJECT_MAX_LENGTH = 200
# Seconds to wait before attempts 2, 3, …: about ten hours in all, then the e-mail is given up.
RETRY_DELAYS = [60, 5 * 60, 15 * 60, 60 * 60, 3 * 60 * 60, 6 * 60 * 60]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1

_WHITESPACE = re.compile(r"\s+")


def single_line(text: str, *, max_length: int = SUBJECT_MAX_LENGTH) -> str:
    """`text` on one line: every run of whitespace (line breaks included) becomes one space,
    trimmed, cut to `max_length` characters (with an ellipsis when cut)."""
    text = _WHITESPACE.sub(" ", str(text)).strip()
    if len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def language_of(recipient) -> str:
    """The language a person chose for e-mails; the site's language for a bare address."""
    return getattr(recipient, "language", "") or settings.LANGUAGE_CODE


def mail_to(
    recipient,
    compose: Callable[[], tuple[str, str]],
    *,
    language: str | None = None,
    reply_to: str = "",
) -> bool:
    """E-mail one recipient (a person with `email` and `language`, or an address string).

    `compose()` is called with the recipient's language active (or `language`, when given)
    and returns `(subject, body)`. The e-mail is queued after the commit of the current
    transaction (at once outside one). Returns False when there is no address to write to.
    """
    address = recipient if isinstance(recipient, str) else recipient.email
    if not address:  # e.g. a person registered by an organiser, without an address
        return False
    with override(language or language_of(recipient)):
        subject, body = compose()
    mail_queue(to=[address], subject=subject, body=body, reply_to=[reply_to] if reply_to else [])
    return True


def mail_queue(
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    reply_to: list[str] | None = None,
    from_email: str | None = None,
) -> None:
    """Queue one rendered e-mail after the commit; a failure to queue is logged, not raised."""
    kwargs = {
        "to": list(to),
        "subject": single_line(subject),
        "body": body,
        "html": html,
        "reply_to": list(reply_to or []),
        "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
    }

    def enqueue():
        try:
            deliver_mail.enqueue(**kwargs)
        except Exception:  # the change is saved; the person must not see an error for it
            logger.exception("Could not queue the e-mail %r to %s", kwargs["subject"], to)

    transaction.on_commit(enqueue)


@task(queue_name="mail")
def deliver_mail(
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    reply_to: list[str] | None = None,
    from_email: str | None = None,
    attempt: int = 1,
) -> int:
    """Send one e-mail through EMAIL_BACKEND; on a connection or SMTP error, queue attempt
    `attempt + 1` after the next of RETRY_DELAYS (and fail this attempt, so the task list
    shows the error). A message the server can never take (a bad header) is not retried."""
    message = EmailMultiAlternatives(
        subject=single_line(subject),
        body=body,
        from_email=from_email,
        to=to,
        reply_to=reply_to or None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        return message.send()
    except OSError:  # smtplib.SMTPException, a refused connection, a timeout
        if attempt >= MAX_ATTEMPTS:
            logger.error("E-mail %r to %s given up after %s attempts", subject, to, attempt)
            raise
        _retry(
            to=to, subject=subject, body=body, html=html, reply_to=reply_to,
            from_email=from_email, attempt=attempt + 1,
        )  # fmt: skip
        raise


def _retry(**kwargs) -> None:
    delay = timedelta(seconds=RETRY_DELAYS[kwargs["attempt"] - 2])
    logger.warning(
        "E-mail %r to %s failed; attempt %s in %s",
        kwargs["subject"], kwargs["to"], kwargs["attempt"], delay,
    )  # fmt: skip
    queued = deliver_mail
    if task_backends[deliver_mail.backend].supports_defer:
        queued = deliver_mail.using(run_after=timezone.now() + delay)
    # A backend that cannot wait (the immediate one of the tests) tries again at once.
    queued.enqueue(**kwargs)
