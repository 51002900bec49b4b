"""The one write path into the activity ledger."""

from datetime import datetime

from django.utils import timezone

from communities.ledger.rollups import count_activity
from communities.ledger.signals import activity_recorded
from communities.models import Activity, Community
from core.vocabulary import PRIVATE_VERBS, Target


def activity_row(
    *,
    community: Community,
    actor,
    verb: str,
    behaviour: str = "",
    target_type: str = "",
    target_id: int | None = None,
    thread_id: int | None = None,
    title: str = "",
    is_public: bool | None = None,
    at: datetime | None = None,
) -> Activity:
    """An unsaved ledger row, for writers that save many at once (bulk recomputes).

    Rows name what they are about by (``target_type``, ``target_id``); rows about a thread
    or one of its posts also name the thread (``thread_id``). Addresses are worked out when
    the rows are read (``ledger.addresses``).
    """
    if thread_id is None and target_type == Target.THREAD:
        thread_id = target_id
    if is_public is None:
        is_public = community.is_public
    if verb in PRIVATE_VERBS:
        is_public = False
    return Activity(
        community=community,
        actor=actor,
        verb=verb,
        behaviour=behaviour,
        target_type=target_type,
        target_id=target_id,
        thread_id=thread_id,
        title=title[:200],
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
    thread_id: int | None = None,
    title: str = "",
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
        thread_id=thread_id,
        title=title,
        is_public=is_public,
        at=at,
    )
    return record_row(activity)


def record_row(activity: Activity) -> Activity:
    """Save a row made by ``activity_row`` and count it, as ``record_activity`` does."""
    activity.save()
    count_activity(activity)  # the dashboard's roll-ups follow the ledger row by row
    activity_recorded.send(sender=Activity, activity=activity)
    return activity
