"""Reads shared by the proposal pages and the community home's panel."""

from django.db.models import Count, Q, QuerySet

from proposals.models import Proposal, Supporter
from proposals.permissions import proposals as proposal_policy

SORTS = ("newest", "supported")


def with_counts(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """Annotate joiners, helpers and their sum, counted in the same query as the rows."""
    return proposals.annotate(
        joiners=Count("supporters", filter=Q(supporters__role=Supporter.Role.JOIN)),
        helpers=Count("supporters", filter=Q(supporters__role=Supporter.Role.HELP)),
        support=Count("supporters"),
    )


def gathering_proposals(viewer, sort: str = "newest") -> QuerySet[Proposal]:
    """The list page: proposals still gathering people that this person may see (all of
    them, by the policy's rule), newest or most supported first."""
    gathering = Proposal.objects.filter(status=Proposal.Status.GATHERING)
    proposals = with_counts(proposal_policy.visible(viewer, gathering).select_related("proposer"))
    if sort == "supported":
        return proposals.order_by("-support", "-helpers", "-created_at", "-id")
    return proposals.order_by("-created_at", "-id")


def proposal_page() -> QuerySet[Proposal]:
    """Proposals as their page reads them; look one up through the policy
    (``get_visible_or_404(proposals, user, proposal_page(), pk=…)``)."""
    return with_counts(Proposal.objects.select_related("proposer", "launched_community"))


def supporters(proposal: Proposal) -> list[Supporter]:
    # "help" sorts before "join": the would-be core group first.
    return list(proposal.supporters.select_related("user").order_by("role", "created_at", "id"))


def support_of(user, supporters_list: list[Supporter]) -> Supporter | None:
    if not user.is_authenticated:
        return None
    return next((s for s in supporters_list if s.user_id == user.pk), None)


def proposal_for_community(community) -> Proposal | None:
    """The proposal a community grew from, with its support counted: one query."""
    return (
        with_counts(Proposal.objects.filter(launched_community=community))
        .select_related("proposer")
        .first()
    )
