from .activity import Activity
from .community import Community
from .invitations import Invitation, JoinRequest
from .knowledge import Gap
from .membership import Membership, MembershipChange
from .participation import LevelRules, ValueStory

__all__ = [
    "Activity",
    "Community",
    "Gap",
    "Invitation",
    "JoinRequest",
    "LevelRules",
    "Membership",
    "MembershipChange",
    "ValueStory",
]
