from communities.ledger.models import (
    Activity,
    LedgerDay,
    LedgerFirst,
    LedgerMonth,
    LedgerThread,
    LedgerVerbDay,
    LedgerWeek,
)
from communities.models.community import Community
from communities.models.guests import GuestPass
from communities.models.invitations import Invitation, JoinRequest
from communities.models.knowledge import Gap
from communities.models.membership import Membership, MembershipChange
from communities.models.participation import ValueStory

__all__ = [
    "Activity",
    "Community",
    "Gap",
    "GuestPass",
    "Invitation",
    "JoinRequest",
    "LedgerDay",
    "LedgerFirst",
    "LedgerMonth",
    "LedgerThread",
    "LedgerVerbDay",
    "LedgerWeek",
    "Membership",
    "MembershipChange",
    "ValueStory",
]
