from datetime import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

from communities.models import Activity, Community
from communities.participation import CONTRIBUTION_VERBS
from communities.rollups import count_activity


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

    A contribution refreshes the actor's participation level once the action commits, so
    promotion is immediate (demotion waits for the monthly review).
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
    if verb in CONTRIBUTION_VERBS and actor is not None:
        from communities.services.participation import (
            refresh_member_level,  # it records level changes here
        )

        transaction.on_commit(
            partial(refresh_member_level, community_id=community.pk, user_id=actor.pk),
            robust=True,
        )
    return activity
