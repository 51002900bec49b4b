from .activity import Activity
from .community import Community
from .guests import GuestPass
from .invitations import Invitation, JoinRequest
from .meetings import (
    Attendance,
    CalendarToken,
    MeetingKind,
    MeetingOccurrence,
    MeetingReminder,
    MeetingSeries,
    ReminderPreference,
    Rsvp,
)
from .membership import Membership, MembershipChange

__all__ = [
    "Activity",
    "Attendance",
    "CalendarToken",
    "Community",
    "GuestPass",
    "Invitation",
    "JoinRequest",
    "MeetingKind",
    "MeetingOccurrence",
    "MeetingReminder",
    "MeetingSeries",
    "Membership",
    "MembershipChange",
    "ReminderPreference",
    "Rsvp",
]
