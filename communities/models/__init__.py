from .activity import Activity
from .community import Community
from .invitations import Invitation, JoinRequest
from .membership import Membership, MembershipChange

__all__ = ["Activity", "Community", "Invitation", "JoinRequest", "Membership", "MembershipChange"]
