from celery import shared_task
from django.utils import timezone

from communities.models import Community
from participation.services import recompute_levels


@shared_task
def recompute_participation_levels(review: bool | None = None) -> int:
    """Beat, nightly: every membership's level from the ledger. Idempotent: a second run
    finds nothing to move. On the first of the month it is also the demotion review."""
    if review is None:
        review = timezone.now().day == 1
    moved = 0
    for community in Community.objects.order_by("pk").iterator():
        moved += recompute_levels(community, review=review)
    return moved
