"""Who may see and do what with a proposal: the ``proposals`` policy.

A proposal is a public call for people while it gathers them. Once launched into a
community that is not public, it answers 404 to anyone who cannot see that community,
so the proposal does not leak what the community keeps to its members. The rule is
written once over facts (see core/policies.py) for the list, the page and the actions.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from communities import permissions as community_permissions
from communities.standing import StandingIn, StandingRows
from core.policies import Policy, Truth
from proposals.models import Proposal


@dataclass(frozen=True)
class ProposalFacts:
    unlaunched: Any  # no community was launched from it (gathering or withdrawn)
    standing: Any  # the viewer in the community it launched, if any


class ProposalPolicy(Policy[Proposal]):
    model = Proposal
    not_found = "No such proposal."

    def rule(self, facts: ProposalFacts) -> Any:
        # Asked in this order, the community is never looked at for an unlaunched one.
        return facts.unlaunched | facts.standing.public | facts.standing.member

    def row_facts(self, user) -> ProposalFacts:
        return ProposalFacts(
            unlaunched=Q(launched_community__isnull=True),
            standing=StandingRows(user, "launched_community"),
        )

    def object_facts(self, user, proposal: Proposal) -> ProposalFacts:
        return ProposalFacts(
            unlaunched=Truth(proposal.launched_community_id is None),
            standing=StandingIn(user, proposal.launched_community),
        )

    # --- what one may do -------------------------------------------------------------

    def can_propose(self, user) -> bool:
        return community_permissions.can_create_community(user)

    def is_proposer(self, user, proposal: Proposal) -> bool:
        return user.is_authenticated and proposal.proposer_id == user.pk

    def can_edit(self, user, proposal: Proposal) -> bool:
        """The proposer edits, withdraws and launches it while it is still gathering people."""
        return (
            self.can_view(user, proposal)
            and self.is_proposer(user, proposal)
            and proposal.is_gathering
        )

    def can_withdraw(self, user, proposal: Proposal) -> bool:
        return self.can_edit(user, proposal)

    def can_launch(self, user, proposal: Proposal) -> bool:
        return self.can_edit(user, proposal)

    def can_support(self, user, proposal: Proposal) -> bool:
        """Anyone signed in but the proposer, who is its gardener-to-be already."""
        return (
            user.is_authenticated
            and proposal.is_gathering
            and self.can_view(user, proposal)
            and not self.is_proposer(user, proposal)
        )


proposals = ProposalPolicy()
