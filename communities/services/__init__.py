"""Business actions on communities. Every view, task, command and test goes through these."""

from communities.ledger.record import record_activity
from communities.services.community import create_community, update_community
from communities.services.invitations import (
    accept_invitation,
    invite_to_community,
    revoke_invitation,
)
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
    "record_activity",
    "request_to_join_community",
    "revoke_invitation",
    "set_member_level",
    "set_member_role",
    "update_community",
    "withdraw_join_request",
]
