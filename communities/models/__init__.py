from .activity import Activity
from .community import Community
from .invitations import Invitation, JoinRequest
from .membership import Membership, MembershipChange
from .participation import LevelRules, ValueStory

__all__ = [
    "Activity",
    "Community",
    "Invitation",
    "JoinRequest",
    "LevelRules",
    "Membership",
    "MembershipChange",
    "ValueStory",
]
