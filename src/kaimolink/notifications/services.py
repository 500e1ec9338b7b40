"""Tell people what happened: a row in their notification list, and e-mail as they chose."""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from kaimolink.core.links import absolute
from kaimolink.core.mail import mail_to
from kaimolink.notifications.kinds import Delivery, Kind, default_delivery
from kaimolink.notifications.models import DeliveryChoice, Notification


def delivery_for(user, kind: str) -> str:
    choice = DeliveryChoice.objects.filter(user=user, kind=kind).values_list("delivery", flat=True)
    return next(iter(choice), default_delivery(kind))


def _deliveries(users: list, kind: str) -> dict[int, str]:
    chosen = dict(
        DeliveryChoice.objects.filter(user__in=users, kind=kind).values_list("user_id", "delivery")
    )
    return {user.pk: chosen.get(user.pk, default_delivery(kind)) for user in users}


def _send_immediately(notification: Notification) -> None:
    def compose():
        body = render_to_string(
            "notifications/email_one.txt",
            {"notification": notification, "link": absolute(notification.url)},
        )
        return notification.title, body

    # Without an address (registered by an organiser) the person has the list only.
    mail_to(notification.recipient, compose)


def notify(
    *,
    recipients: Iterable,
    kind: Kind | str,
    title: str,
    params: dict | None = None,
    url: str = "",
    exclude=None,
) -> list[Notification]:
    """Notify each recipient once (duplicates and `exclude`, usually the author, left out).

    `title` is an untranslated message marked with `gettext_noop`, with `%(name)s`
    placeholders filled from `params`; it is translated when shown. E-mail goes after the
    commit, and only to those who want this kind at once.
    """
    kind = Kind(kind)
    unique = {}
    for user in recipients:
        if user is not None and user.is_active and (exclude is None or user.pk != exclude.pk):
            unique.setdefault(user.pk, user)
    users = list(unique.values())
    if not users:
        return []
    deliveries = _deliveries(users, kind)
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind,
                title_msgid=title,
                params=params or {},
                url=url,
                # Nothing to e-mail later for those who want no e-mail of this kind.
                emailed_at=now if deliveries[user.pk] == Delivery.NEVER else None,
            )
            for user in users
        ]
    )
    immediate = [n for n in notifications if deliveries[n.recipient_id] == Delivery.IMMEDIATE]

    def send():
        for notification in immediate:
            _send_immediately(notification)
        Notification.objects.filter(pk__in=[n.pk for n in immediate if n.pk]).update(
            emailed_at=timezone.now()
        )

    if immediate:
        transaction.on_commit(send)
    return notifications


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the person's notifications read (all unread ones when no ids are given)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


@transaction.atomic
def deliveries_set(*, user, choices: dict[str, str], language: str | None = None) -> None:
    """Save the person's e-mail choice per kind (and the language e-mails are written in)."""
    for kind, delivery in choices.items():
        kind, delivery = Kind(kind), Delivery(delivery)
        if delivery == default_delivery(kind):
            DeliveryChoice.objects.filter(user=user, kind=kind).delete()
        else:
            DeliveryChoice.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )
    if language and language != user.language:
        user.language = language
        user.save(update_fields=["language"])


def digest_send(*, now=None) -> int:
    """E-mail each person one digest of what waits for their daily e-mail; return how many.

    Run once a day by `kaimolink worker` (settings.DAILY_JOBS). A notification is e-mailed
    once: it is marked before the e-mail goes, so a second run the same day sends nothing
    again, and a crash never sends it twice.
    """
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    )
    per_person = defaultdict(list)
    for notification in pending:
        per_person[notification.recipient].append(notification)
    sent = 0
    for user, notifications in per_person.items():
        with transaction.atomic():
            claimed = Notification.objects.filter(
                pk__in=[n.pk for n in notifications], emailed_at__isnull=True
            ).update(emailed_at=now)
        if not claimed or not user.is_active or not user.email:
            continue

        def compose(notifications=notifications):
            subject = render_to_string(
                "notifications/email_digest_subject.txt", {"count": len(notifications)}
            )
            for notification in notifications:
                notification.link = absolute(notification.url)
            body = render_to_string(
                "notifications/email_digest.txt",
                {"notifications": notifications, "site_url": settings.SITE_URL},
            )
            return subject, body

        mail_to(user, compose)
        sent += 1
    return sent
