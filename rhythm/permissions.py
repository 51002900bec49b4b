"""Who may see, schedule and answer meetings: the ``meetings`` policy.

One rule, read as a queryset (``visible``) and as a yes/no about one series (``can_view``),
so the meetings list, calendars and the meeting page agree: readers of a public community
see its open meetings, members see all of their community's, and a guest sees the one
meeting they were invited to (core/policies.py explains the two readings).
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from communities.models import Community, GuestPass
from communities.models.choices import Role
from communities.permissions import community_for_guest_target_or_404, membership_of
from communities.standing import StandingIn, StandingRows, readable_conversation
from core.policies import Policy, Truth
from rhythm.models import MeetingSeries

MEETING = GuestPass.Target.MEETING
# Meetings are never hidden: a fact that holds for every row.
EVERY_ROW = Q(pk__isnull=False)


@dataclass(frozen=True)
class MeetingFacts:
    standing: Any  # the viewer in the meeting's community
    open_to_all: Any  # not for members only
    shown: Any  # always: meetings are never hidden
    guest: Any  # the viewer holds a guest pass to this meeting


class MeetingPolicy(Policy[MeetingSeries]):
    model = MeetingSeries
    not_found = "No such meeting."

    def rule(self, facts: MeetingFacts) -> Any:
        return readable_conversation(
            facts.standing, open_to_all=facts.open_to_all, shown=facts.shown, guest=facts.guest
        )

    def row_facts(self, user) -> MeetingFacts:
        standing = StandingRows(user, "community")
        return MeetingFacts(
            standing=standing,
            open_to_all=Q(members_only=False),
            shown=EVERY_ROW,
            guest=standing.guest(MEETING, "pk"),
        )

    def object_facts(self, user, series: MeetingSeries) -> MeetingFacts:
        standing = StandingIn(user, series.community)
        return MeetingFacts(
            standing=standing,
            open_to_all=Truth(not series.members_only),
            shown=Truth(True),
            # Asked last by the rule: members and readers never pay for the lookup.
            guest=standing.guest(MEETING, series.pk),
        )

    def can_schedule(self, user, community: Community) -> bool:
        """Gardeners keep the rhythm: they schedule, change, cancel and record attendance."""
        membership = membership_of(user, community)
        return membership is not None and membership.role == Role.GARDENER

    def can_edit(self, user, series: MeetingSeries) -> bool:
        return self.can_view(user, series) and self.can_schedule(user, series.community)

    def can_rsvp(self, user, series: MeetingSeries) -> bool:
        """Members answer, and so does a guest invited to this meeting."""
        facts = self.object_facts(user, series)
        return bool(self.rule(facts) & (facts.standing.member | facts.guest))


meetings = MeetingPolicy()


def get_community_for_meeting_or_404(user, slug: str, meeting_id: int) -> Community:
    """The community for members and readers, and for a guest of that one meeting."""
    return community_for_guest_target_or_404(user, slug, MEETING, meeting_id)


# The questions as the meeting pages ask them; each is the policy's answer.
def can_create_meeting(user, community: Community) -> bool:
    return meetings.can_schedule(user, community)


def can_view_meeting(user, series: MeetingSeries) -> bool:
    return meetings.can_view(user, series)


def can_edit_meeting(user, series: MeetingSeries) -> bool:
    return meetings.can_edit(user, series)


def can_rsvp_to_meeting(user, series: MeetingSeries) -> bool:
    return meetings.can_rsvp(user, series)
