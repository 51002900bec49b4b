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
from communities.models.membership import Membership, MembershipChange

__all__ = [
    "Activity",
    "Community",
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
]
