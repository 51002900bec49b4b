"""Reads shared by several views. Each list is a fixed number of queries, whatever its length."""

from collections import Counter

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from communities import permissions
from communities.ledger import addresses
from communities.models import (
    Activity,
    Community,
    GuestPass,
    Invitation,
    JoinRequest,
    Membership,
    MembershipChange,
)
from communities.models.choices import LEVEL_ORDER, Level, Role
from communities.models.guests import active_passes

User = get_user_model()


def directory(
    user, *, query: str = "", stage: str = "", join_policy: str = ""
) -> QuerySet[Community]:
    communities = permissions.listed_communities(user).annotate(
        member_count=Count("memberships", distinct=True)
    )
    if query:
        communities = communities.filter(
            Q(name__icontains=query)
            | Q(tagline__icontains=query)
            | Q(concern__icontains=query)
            | Q(audience__icontains=query)
        )
    if stage:
        communities = communities.filter(stage=stage)
    if join_policy:
        communities = communities.filter(join_policy=join_policy)
    return communities.order_by("name")


def memberships_of(user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user).select_related("community").order_by("community__name")
    )


def members(community: Community, *, level: str = "") -> QuerySet[Membership]:
    qs = Membership.objects.filter(community=community).select_related("user")
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("user__display_name", "user__username")


def members_by_level(community: Community) -> list[tuple[str, str, list[Membership]]]:
    """Members grouped from the core outwards, for the community home and members page."""
    groups: dict[str, list[Membership]] = {level.value: [] for level in Level}
    for membership in members(community):
        groups[membership.level].append(membership)
    return [
        (level.value, level.label, groups[level.value])
        for level in sorted(Level, key=lambda lv: -LEVEL_ORDER[lv.value])
        # Resting core members are shown as such, but the group appears only when there are some.
        if level != Level.RESTING or groups[level.value]
    ]


def gardeners(community: Community) -> QuerySet[Membership]:
    return members(community).filter(role=Role.GARDENER)


def pending_requests(community: Community) -> QuerySet[JoinRequest]:
    return (
        JoinRequest.objects.filter(community=community, status=JoinRequest.Status.PENDING)
        .select_related("user")
        .order_by("created_at")
    )


def pending_request_of(user, community: Community) -> JoinRequest | None:
    if not user.is_authenticated:
        return None
    return JoinRequest.objects.filter(
        community=community, user=user, status=JoinRequest.Status.PENDING
    ).first()


def invitations(community: Community) -> QuerySet[Invitation]:
    return Invitation.objects.filter(community=community).select_related("invited_by")[:50]


def recent_activity(communities, *, viewer, limit: int = 20) -> list[Activity]:
    """Latest ledger rows across communities that this person may see (the ledger's rule,
    ``permissions.visible_activity``: members-only rows only for members)."""
    hidden_verbs = [Activity.Verb.ROLE_CHANGED, Activity.Verb.LEVEL_CHANGED]
    return addresses.with_urls(
        permissions.visible_activity(viewer, Activity.objects.filter(community__in=communities))
        .exclude(verb__in=hidden_verbs)
        .select_related("actor", "community")
        .order_by("-created_at", "-id")[:limit]
    )


def trajectory(user, *, viewer) -> QuerySet[MembershipChange]:
    """A person's level and role history, limited to communities the viewer can see."""
    visible = permissions.visible_communities(viewer).values("pk")
    return (
        MembershipChange.objects.filter(user=user, community__in=visible)
        .select_related("community", "changed_by")
        .order_by("-created_at", "-id")
    )


def profile_memberships(user, *, viewer) -> QuerySet[Membership]:
    visible = permissions.visible_communities(viewer).values("pk")
    return memberships_of(user).filter(community__in=visible)


def member_history(membership: Membership) -> QuerySet[MembershipChange]:
    return (
        MembershipChange.objects.filter(community=membership.community_id, user=membership.user_id)
        .select_related("changed_by")
        .order_by("-created_at", "-id")
    )


def public_communities(limit: int = 12) -> QuerySet[Community]:
    return (
        permissions.visible_communities(None)
        .annotate(member_count=Count("memberships"))
        .order_by("-member_count", "name")[:limit]
    )


def with_gardeners(communities: QuerySet[Community]) -> QuerySet[Community]:
    return communities.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(role=Role.GARDENER).select_related("user"),
            to_attr="gardener_memberships",
        )
    )


def my_pending_requests(user) -> QuerySet[JoinRequest]:
    return JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING).select_related(
        "community"
    )


def requests_awaiting(user) -> QuerySet[Community]:
    """Communities this person gardens that have requests waiting, with how many."""
    gardened = Membership.objects.filter(user=user, role=Role.GARDENER).values("community_id")
    return (
        Community.objects.filter(pk__in=gardened)
        .annotate(
            waiting=Count(
                "join_requests", filter=Q(join_requests__status=JoinRequest.Status.PENDING)
            )
        )
        .filter(waiting__gt=0)
        .order_by("name")
    )


def level_counts(community: Community) -> list[tuple[str, str, int]]:
    """How many members at each level, core first: one aggregate query, not every row."""
    counts = dict(
        Membership.objects.filter(community=community)
        .values_list("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    return [
        (level.value, level.label, counts.get(level.value, 0))
        for level in sorted(Level, key=lambda lv: -LEVEL_ORDER[lv.value])
        if level != Level.RESTING or counts.get(level.value)
    ]


def gardened_communities(user) -> QuerySet[Community]:
    gardened = Membership.objects.filter(user=user, role=Role.GARDENER).values("community_id")
    return Community.objects.filter(pk__in=gardened).order_by("name")


def guest_passes(community: Community, limit: int = 100) -> QuerySet[GuestPass]:
    return community.guest_passes.select_related("user").order_by("-created_at")[:limit]


# The shape the seeds describe for a healthy community, shown beside the real one.
REFERENCE_SHAPE = {Level.CORE: "10 to 15 %", Level.ACTIVE: "15 to 20 %"}
PYRAMID_ORDER = (Level.CORE, Level.RESTING, Level.ACTIVE, Level.OCCASIONAL, Level.PERIPHERAL)


def pyramid(community: Community) -> tuple[list[dict], int, int]:
    """Members per level with shares, core first; gardeners and sponsors counted apart.
    The members page and the dashboard draw the same pyramid."""
    counts = Counter()
    staff = 0
    for level, role, n in (
        Membership.objects.filter(community=community)
        .values_list("level", "role")
        .annotate(n=Count("pk"))
        .values_list("level", "role", "n")
    ):
        # Gardeners and sponsors are counted apart so the pyramid shows the members.
        if role == Role.MEMBER:
            counts[level] += n
        else:
            staff += n
    total = sum(counts.values())
    rows = []
    for level in PYRAMID_ORDER:
        if level == Level.RESTING and not counts[level]:
            continue
        share = round(100 * counts[level] / total) if total else 0
        rows.append(
            {
                "level": level.value,
                "label": level.label,
                "count": counts[level],
                "share": share,
                "reference": REFERENCE_SHAPE.get(level, ""),
            }
        )
    return rows, total, staff


def my_guest_passes(user) -> list[GuestPass]:
    """The threads and meetings this person was invited into as a guest, still open."""
    return list(active_passes().filter(user=user).select_related("community")[:20])
