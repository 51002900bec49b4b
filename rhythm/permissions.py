"""Who may see, schedule and answer meetings: members, gardeners and invited guests."""

from django.db.models import Q

from communities.models import Community, GuestPass, Membership
from communities.models.choices import Role, Visibility
from communities.permissions import (
    can_view_community,
    community_for_guest_target_or_404,
    is_guest_of,
    is_member,
    membership_of,
)


def get_community_for_meeting_or_404(user, slug: str, meeting_id: int) -> Community:
    return community_for_guest_target_or_404(user, slug, GuestPass.Target.MEETING, meeting_id)


def _role(user, community: Community) -> str | None:
    membership = membership_of(user, community)
    return membership.role if membership else None


def can_create_meeting(user, community: Community) -> bool:
    """Gardeners keep the rhythm: they schedule, change, cancel and record attendance."""
    return _role(user, community) == Role.GARDENER


def can_view_meeting(user, series) -> bool:
    community = series.community
    if can_view_community(user, community) and (
        not series.members_only or is_member(user, community)
    ):
        return True
    return is_guest_of(user, GuestPass.Target.MEETING, series.pk)


def can_edit_meeting(user, series) -> bool:
    return can_create_meeting(user, series.community)


def can_rsvp_to_meeting(user, series) -> bool:
    """Members answer, and so does a guest invited to this meeting."""
    return can_view_meeting(user, series) and (
        is_member(user, series.community) or is_guest_of(user, GuestPass.Target.MEETING, series.pk)
    )


def visible_meetings_filter(user) -> Q:
    """A Q over meeting series: public ones in public communities, all of my communities'."""
    public = Q(community__visibility=Visibility.PUBLIC, members_only=False)
    if user is None or not user.is_authenticated:
        return public
    mine = Membership.objects.filter(user=user).values("community_id")
    return public | Q(community_id__in=mine)
