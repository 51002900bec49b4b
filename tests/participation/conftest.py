from datetime import timedelta

import pytest
from django.utils import timezone

from communities.ledger import rollups
from communities.models import Activity


@pytest.fixture
def ledger(community):
    """Write dated ledger rows directly: ``ledger(actor, verb, days_ago, thread_id=..., ...)``."""

    def write(actor, verb, days_ago=1, hours=0, **fields):
        row = Activity.objects.create(
            community=community,
            actor=actor,
            verb=verb,
            created_at=timezone.now() - timedelta(days=days_ago, hours=hours),
            **fields,
        )
        # Written beside record_activity, so the dashboard's roll-ups are recounted for it.
        rollups.refresh_rows(Activity.objects.filter(pk=row.pk))
        return row

    return write
