from celery import shared_task
from django.urls import reverse

from communities.tasks import absolute_url, claimed
from copsite.mail import send_templated_mail
from copsite.unsubscribe import unsubscribe_url

from .models import Delivery, Notification
from .selectors import visible_notifications

SUBJECT_PREFIX = "notifications/email/notification"


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
