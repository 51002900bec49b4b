"""What a launched community's home page shows about the proposal it grew from."""

from core.extensions import Panel
from proposals import selectors


def community_panels(*, community) -> list[Panel]:
    proposal = selectors.proposal_for_community(community)
    if proposal is None:
        return []
    return [Panel("proposals/_partials/origin.html", {"proposal": proposal})]
