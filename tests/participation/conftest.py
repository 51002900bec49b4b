from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import Activity


@pytest.fixture
def ledger(community):
    """Write dated ledger rows directly: ``ledger(actor, verb, days_ago, url=..., ...)``."""

    def write(actor, verb, days_ago=1, hours=0, **fields):
        return Activity.objects.create(
            community=community,
            actor=actor,
            verb=verb,
            created_at=timezone.now() - timedelta(days=days_ago, hours=hours),
            **fields,
        )

    return write
