from .activity import Activity
from .community import Community
from .guests import GuestPass
from .invitations import Invitation, JoinRequest
from .knowledge import Gap
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
from .participation import LevelRules, ValueStory
from .rollups import LedgerDay, LedgerFirst, LedgerMonth, LedgerThread, LedgerVerbDay, LedgerWeek

__all__ = [
    "Activity",
    "Attendance",
    "CalendarToken",
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
    "LevelRules",
    "MeetingKind",
    "MeetingOccurrence",
    "MeetingReminder",
    "MeetingSeries",
    "Membership",
    "MembershipChange",
    "ReminderPreference",
    "Rsvp",
    "ValueStory",
]
