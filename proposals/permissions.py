"""Who may do what with a proposal, in the conventions of communities/permissions.py.

A proposal is a public call for people while it gathers them. Once launched into a
community that is not public, it answers 404 to anyone who cannot see that community,
so the proposal does not leak what the community keeps to its members.
"""

from django.db.models import Q

from communities import permissions as community_permissions
from communities.models import Membership
from communities.models.choices import Visibility
from proposals.models import Proposal


def can_propose_community(user) -> bool:
    return community_permissions.can_create_community(user)


def can_view_proposal(user, proposal: Proposal) -> bool:
    community = proposal.launched_community
    if community is None:
        return True
    return community_permissions.can_view_community(user, community)


def is_proposer(user, proposal: Proposal) -> bool:
    return user.is_authenticated and proposal.proposer_id == user.pk


def can_edit_proposal(user, proposal: Proposal) -> bool:
    """The proposer edits, withdraws and launches it while it is still gathering people."""
    return is_proposer(user, proposal) and proposal.is_gathering


def can_withdraw_proposal(user, proposal: Proposal) -> bool:
    return can_edit_proposal(user, proposal)


def can_launch_proposal(user, proposal: Proposal) -> bool:
    return can_edit_proposal(user, proposal)


def can_support_proposal(user, proposal: Proposal) -> bool:
    """Anyone signed in but the proposer, who is its gardener-to-be already."""
    return user.is_authenticated and proposal.is_gathering and not is_proposer(user, proposal)


def visible_proposals_filter(user) -> Q:
    """A Q over proposals: all but those launched into a community hidden from this person."""
    hidden = Q(launched_community__isnull=False) & ~Q(
        launched_community__visibility=Visibility.PUBLIC
    )
    if user is None or not user.is_authenticated:
        return ~hidden
    mine = Membership.objects.filter(user=user).values("community_id")
    return ~hidden | Q(launched_community_id__in=mine)
