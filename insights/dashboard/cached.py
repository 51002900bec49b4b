"""The dashboard's figures kept for a short while per (community, period).

The key carries the roll-ups' version (``rollups.version``), which every recorded activity,
recount and rebuild changes: a new contribution shows at once, and entries for an old
version simply expire. What the ledger does not carry (a member's level changed by hand,
a meeting planned, a value story) may show up to ``FIGURES_SECONDS`` late.
"""

from datetime import datetime

from django.core.cache import cache

from communities.ledger import rollups
from communities.models import Community
from core.period import Period
from insights.dashboard.figures import Figures, compute

FIGURES_SECONDS = 120


def figures_for(community: Community, period: Period, *, now: datetime) -> Figures:
    key = (
        f"dashboard-figures:{community.pk}:{period.start.isoformat()}:{period.end.isoformat()}"
        f":{rollups.version(community.pk)}"
    )
    figures = cache.get(key)
    if figures is None:
        figures = compute(community, period, now=now)
        cache.set(key, figures, FIGURES_SECONDS)
    return figures
