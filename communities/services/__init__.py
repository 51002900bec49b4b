"""Business actions on communities. Every view, task, command and test goes through these."""

from communities.ledger.record import record_activity
from communities.services.community import create_community, update_community
from communities.services.invitations import (
    accept_invitation,
    invite_to_community,
    revoke_invitation,
)
from communities.services.knowledge import raise_gap, update_gap
from communities.services.membership import (
    add_member,
    clear_level_override,
    decide_join_request,
    join_community,
    leave_community,
    override_member_level,
    request_to_join_community,
    set_member_level,
    set_member_role,
    withdraw_join_request,
)
from communities.services.value_stories import tell_value_story

__all__ = [
    "accept_invitation",
    "add_member",
    "clear_level_override",
    "create_community",
    "decide_join_request",
    "invite_to_community",
    "join_community",
    "leave_community",
    "override_member_level",
    "raise_gap",
    "record_activity",
    "request_to_join_community",
    "revoke_invitation",
    "set_member_level",
    "set_member_role",
    "tell_value_story",
    "update_community",
    "update_gap",
    "withdraw_join_request",
]
