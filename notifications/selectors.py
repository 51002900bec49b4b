"""Reads of notifications: each a fixed number of queries."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from communities.models import Community
from notifications.models import BehaviourFollow, Delivery, Notification
from notifications.permissions import notifications as notification_policy


def visible_notifications(user) -> QuerySet[Notification]:
    """This person's notifications about content they may still read (see the policy)."""
    return notification_policy.visible(user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    return visible_notifications(user).filter(read_at=None).count()


def pending_digest_notifications(*, user_id: int, since: datetime) -> QuerySet[Notification]:
    """What waits for this member's digest: kinds they chose "in the digest" for.

    Unread, not yet emailed, created at or after ``since``, about content they may still
    read; oldest first. The digest builder claims them when it sends, atomically, e.g.
    ``rows.filter(emailed_at=None).update(emailed_at=now)`` (see ``communities.tasks.claimed``),
    so a retried digest does not repeat them.
    """
    user = get_user_model()(pk=user_id)
    return (
        visible_notifications(user)
        .filter(email=Delivery.DIGEST, emailed_at=None, read_at=None, created_at__gte=since)
        .select_related("actor", "community")
        .order_by("created_at", "id")
    )


def digest_recipient_ids(*, since: datetime) -> list[int]:
    """Active members with an email address and something waiting for their digest, in one
    query. A superset: each member's own digest still checks what they may read."""
    return list(
        Notification.objects.filter(
            email=Delivery.DIGEST,
            emailed_at=None,
            read_at=None,
            post_hidden=False,
            created_at__gte=since,
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def follows_behaviour(user, community: Community, behaviour_code: str) -> bool:
    if not user.is_authenticated or not behaviour_code:
        return False
    return BehaviourFollow.objects.filter(
        user=user, community=community, behaviour_code=behaviour_code
    ).exists()
