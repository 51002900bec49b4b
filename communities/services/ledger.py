from datetime import datetime

from django.utils import timezone

from ..models import Activity, Community


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
    """The single write path into the ledger. Call it inside the action's transaction."""
    if is_public is None:
        is_public = community.is_public
    return Activity.objects.create(
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
