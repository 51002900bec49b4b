"""Demo data: members last visited when they last took part, so a digest has news."""

from datetime import datetime

from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from communities.models import Activity, Membership
from demo.people import COMMUNITIES


def seed(stdout, *, joined_since: datetime) -> None:
    # Seeding creates every membership "now", which would count as a visit after all the
    # backdated history; a real member's last visit is at or after their last action.
    # A rerun touches only memberships it created and visits older than the member's own last
    # action, so the visits people have made since are kept.
    last_action = (
        Activity.objects.filter(community=OuterRef("community_id"), actor=OuterRef("user_id"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    stale = Q(last_visited_at__gte=joined_since) | Q(last_visited_at__lt=Subquery(last_action))
    updated = (
        Membership.objects.filter(community__slug__in=[spec["slug"] for spec in COMMUNITIES])
        .filter(stale)
        .update(last_visited_at=Coalesce(Subquery(last_action), F("joined_at")))
    )
    stdout.write(f"Digests: last visits of {updated} demo members set to their last action.")
