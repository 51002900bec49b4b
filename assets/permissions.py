"""Who may open and do what in a community's library: the ``assets`` policy.

Each rule is written once over facts (see core/policies.py), so the library, search,
lineage, the dashboard's reuse panel and digests list exactly what ``can_view`` lets one
open. Operators (staff, superusers) have no reach beyond their own memberships.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from assets.models import Asset
from communities.models import Community
from communities.standing import StandingIn, StandingRows
from core.policies import Policy, Truth
from discussions.models import Thread
from discussions.permissions import threads as thread_policy


@dataclass(frozen=True)
class AssetFacts:
    standing: Any  # the viewer in the asset's community (communities.standing)
    open_to_all: Any  # shared publicly (it shows only while the community is public)


def may_publish(standing) -> Any:
    """Members who may post put things in the library (not while silenced)."""
    return standing.poster


class AssetPolicy(Policy[Asset]):
    model = Asset
    not_found = "No such asset."

    def rule(self, facts: AssetFacts) -> Any:
        return (facts.standing.public & facts.open_to_all) | facts.standing.member

    def row_facts(self, user) -> AssetFacts:
        return AssetFacts(
            standing=StandingRows(user), open_to_all=Q(visibility=Asset.Visibility.PUBLIC)
        )

    def object_facts(self, user, asset: Asset) -> AssetFacts:
        return AssetFacts(
            standing=StandingIn(user, asset.community),
            open_to_all=Truth(asset.visibility == Asset.Visibility.PUBLIC),
        )

    # --- what one may do -------------------------------------------------------------

    def can_publish(self, user, community: Community) -> bool:
        return bool(may_publish(StandingIn(user, community)))

    def publishing_communities(self, user) -> QuerySet[Community]:
        """Where this person may publish, so where an adaptation may go: the same rule."""
        return Community.objects.filter(may_publish(StandingRows(user, community="")))

    def can_add_version(self, user, asset: Asset) -> bool:
        """The author, a gardener, or any member for a living document its author opened
        up; never while silenced."""
        f = self.object_facts(user, asset)
        s = f.standing
        own = Truth(lambda: user.is_authenticated and asset.author_id == user.pk)
        opened_up = Truth(asset.is_document and asset.members_can_edit)
        return bool(self.rule(f) & may_publish(s) & (own | s.gardener | opened_up))

    def can_adapt(self, user, asset: Asset) -> bool:
        """Anyone signed in who can open it; the form offers ``publishing_communities``."""
        return self.can_view(user, asset) and user.is_authenticated

    def can_adapt_into(self, user, asset: Asset, community: Community) -> bool:
        return self.can_view(user, asset) and self.can_publish(user, community)

    def can_report_use(self, user, asset: Asset) -> bool:
        """Anyone signed in who can open it says "I used this", with a story if they like."""
        return self.can_view(user, asset) and user.is_authenticated

    def can_use_from_thread(self, user, thread: Thread) -> bool:
        """Cite an asset or start a living document from a thread: members who may reply
        there and publish here; a guest invited into the thread replies, nothing more."""
        return thread_policy.can_reply(user, thread) and self.can_publish(user, thread.community)


assets = AssetPolicy()
