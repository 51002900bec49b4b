"""Demo data: members last visited when they last took part, so a digest has news."""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from communities.models import Activity, Membership
from demo.people import COMMUNITIES


def seed(stdout) -> None:
    # Seeding creates every membership "now", which would count as a visit after all the
    # backdated history; a real member's last visit is at or after their last action.
    last_action = (
        Activity.objects.filter(community=OuterRef("community_id"), actor=OuterRef("user_id"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    updated = Membership.objects.filter(
        community__slug__in=[spec["slug"] for spec in COMMUNITIES]
    ).update(last_visited_at=Coalesce(Subquery(last_action), F("joined_at")))
    stdout.write(f"Digests: last visits of {updated} demo members set to their last action.")
