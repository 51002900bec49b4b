"""The one write path into the activity ledger."""

from datetime import datetime

from django.utils import timezone

from communities.ledger.rollups import count_activity
from communities.ledger.signals import activity_recorded
from communities.models import Activity, Community


def activity_row(
    *,
    community: Community,
    actor,
    verb: str,
    behaviour: str = "",
    target_type: str = "",
    target_id: int | None = None,
    title: str = "",
    url: str = "",
    is_public: bool | None = None,
    at: datetime | None = None,
) -> Activity:
    """An unsaved ledger row, for writers that save many at once (bulk recomputes)."""
    if is_public is None:
        is_public = community.is_public
    return Activity(
        community=community,
        actor=actor,
        verb=verb,
        behaviour=behaviour,
        target_type=target_type,
        target_id=target_id,
        title=title[:200],
        url=url[:300],
        is_public=is_public and community.is_public,
        created_at=at or timezone.now(),
    )


def record_activity(
    *,
    community: Community,
    actor,
    verb: str,
    behaviour: str = "",
    target_type: str = "",
    target_id: int | None = None,
    title: str = "",
    url: str = "",
    is_public: bool | None = None,
    at: datetime | None = None,
) -> Activity:
    """The single write path into the ledger. Call it inside the action's transaction.

    Listeners of ``activity_recorded`` hear of the row at once (participation refreshes the
    actor's level once the action commits, so promotion is immediate).
    """
    activity = activity_row(
        community=community,
        actor=actor,
        verb=verb,
        behaviour=behaviour,
        target_type=target_type,
        target_id=target_id,
        title=title,
        url=url,
        is_public=is_public,
        at=at,
    )
    activity.save()
    count_activity(activity)  # the dashboard's roll-ups follow the ledger row by row
    activity_recorded.send(sender=Activity, activity=activity)
    return activity
