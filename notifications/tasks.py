import hashlib
from datetime import timedelta
from functools import partial

from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from core.claims import send_and_stamp, send_once
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
    send_and_stamp(
        rows,
        "emailed_at",
        lambda: send_templated_mail(
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
        ),
    )


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
    # Named by what it carries: a rerun over the same rows finds the claim; one that dies
    # before the mark leaves them unstamped, so the next digest carries them.
    carried = ",".join(str(row.pk) for row in pending).encode()
    posted = send_once(
        f"notification-digest:{user_id}:{hashlib.sha256(carried).hexdigest()}",
        partial(
            send_templated_mail,
            template_prefix=DIGEST_PREFIX,
            context={
                "recipient": recipient,
                "count": len(pending),
                "groups": _by_community(pending),
                "notifications_url": absolute_url(reverse("notifications:list")),
                "preferences_url": absolute_url(reverse("notifications:preferences")),
            },
            to=[recipient.email],
            unsubscribe_url=unsubscribe_url(user_id=recipient.pk, scope="notify-digest"),
        ),
    )
    if not posted:
        return 0
    Notification.objects.filter(pk__in=[row.pk for row in pending], emailed_at=None).update(
        emailed_at=timezone.now()
    )
    return len(pending)


@shared_task
def send_notification_digests() -> int:
    """Beat, daily at 07:00 UTC: queue one digest for each member with something waiting."""
    user_ids = digest_recipient_ids(since=timezone.now() - DIGEST_WINDOW)
    for user_id in user_ids:
        send_notification_digest.delay(user_id)
    return len(user_ids)
