from .activity import Activity
from .community import Community
from .guests import GuestPass
from .invitations import Invitation, JoinRequest
from .membership import Membership, MembershipChange

__all__ = [
    "Activity",
    "Community",
    "GuestPass",
    "Invitation",
    "JoinRequest",
    "Membership",
    "MembershipChange",
]
