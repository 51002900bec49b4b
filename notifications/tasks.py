from contextlib import contextmanager
from datetime import timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from core.claims import claimed
from core.links import absolute_url
from core.mail import send_templated_mail
from core.unsubscribe import unsubscribe_url
from notifications.models import Delivery, Notification
from notifications.selectors import (
    digest_recipient_ids,
    pending_digest_notifications,
    visible_notifications,
)

SUBJECT_PREFIX = "notifications/email/notification"
DIGEST_PREFIX = "notifications/email/digest"
# Older news is stale for an email: it stays on the notifications page only.
DIGEST_WINDOW = timedelta(days=7)


@shared_task
def send_notification_email(notification_id: int) -> None:
    """Email one notification at once. Idempotent: the claim on ``emailed_at`` lets one
    delivery through; a row the member has read, switched to the digest or off, or can no
    longer see is left alone."""
    rows = Notification.objects.filter(pk=notification_id, email=Delivery.IMMEDIATELY, read_at=None)
    notification = rows.select_related("recipient", "actor", "community").first()
    if notification is None:
        return
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        return
    if not visible_notifications(recipient).filter(pk=notification.pk).exists():
        return
    with claimed(rows, "emailed_at") as won:
        if won:
            send_templated_mail(
                template_prefix=SUBJECT_PREFIX,
                context={
                    "notification": notification,
                    "recipient": recipient,
                    "url": absolute_url(notification.url),
                    "preferences_url": absolute_url(reverse("notifications:preferences")),
                },
                to=[recipient.email],
                unsubscribe_url=unsubscribe_url(
                    user_id=recipient.pk, scope=f"notify:{notification.kind}"
                ),
            )


@contextmanager
def claimed_rows(rows: list[Notification]):
    """Claim these rows' ``emailed_at`` before sending; yield the ones this worker won.

    A duplicated beat or a redelivered task may hold some of them already: the conditional
    update skips those, and the stamp unique to this claim tells which rows are ours. If
    sending fails our claim is released, so the next digest carries them.
    """
    stamp = timezone.now()
    pks = [row.pk for row in rows]
    won = Notification.objects.filter(pk__in=pks, emailed_at=None).update(emailed_at=stamp)
    if won < len(pks):
        ours = set(
            Notification.objects.filter(pk__in=pks, emailed_at=stamp).values_list("pk", flat=True)
        )
        rows = [row for row in rows if row.pk in ours]
    try:
        yield rows
    except Exception:
        Notification.objects.filter(pk__in=[row.pk for row in rows], emailed_at=stamp).update(
            emailed_at=None
        )
        raise


def _by_community(rows: list[Notification]) -> list[dict]:
    groups: dict[int, dict] = {}
    for row in rows:
        group = groups.setdefault(row.community_id, {"community": row.community, "items": []})
        group["items"].append({"notification": row, "url": absolute_url(row.url)})
    return sorted(groups.values(), key=lambda group: group["community"].name.lower())


@shared_task
def send_notification_digest(user_id: int) -> int:
    """Email one member what waits for their digest, grouped by community; return how many.

    Idempotent: each row is claimed before sending, so a second run finds nothing.
    """
    recipient = (
        get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    )
    if recipient is None:
        return 0
    since = timezone.now() - DIGEST_WINDOW
    pending = list(pending_digest_notifications(user_id=user_id, since=since))
    if not pending:
        return 0
    with claimed_rows(pending) as rows:
        if rows:
            send_templated_mail(
                template_prefix=DIGEST_PREFIX,
                context={
                    "recipient": recipient,
                    "count": len(rows),
                    "groups": _by_community(rows),
                    "notifications_url": absolute_url(reverse("notifications:list")),
                    "preferences_url": absolute_url(reverse("notifications:preferences")),
                },
                to=[recipient.email],
                unsubscribe_url=unsubscribe_url(user_id=recipient.pk, scope="notify-digest"),
            )
    return len(rows)


@shared_task
def send_notification_digests() -> int:
    """Beat, daily at 07:00 UTC: queue one digest for each member with something waiting."""
    user_ids = digest_recipient_ids(since=timezone.now() - DIGEST_WINDOW)
    for user_id in user_ids:
        send_notification_digest.delay(user_id)
    return len(user_ids)
