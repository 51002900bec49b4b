"""Community permissions: membership, roles, who sees, posts in and manages a community.

The policies for what is said inside a community (threads and posts, assets,
notifications, proposals) live with their apps and build on these primitives and on a
viewer's standing in communities (``communities/standing.py``); see core/policies.py.

Invisible communities answer 404 (never 403), so their existence does not leak.
Membership lookups are cached on the user object for the length of a request.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from communities.models import Activity, Community, Membership
from communities.models.choices import JoinPolicy, Role, Visibility
from communities.models.guests import active_passes

_CACHE_ATTR = "_copsite_memberships"
_GUEST_CACHE_ATTR = "_copsite_guest_passes"


def membership_of(user, community: Community) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTR, cache)
    if community.pk not in cache:
        cache[community.pk] = Membership.objects.filter(user=user, community=community).first()
    return cache[community.pk]


def forget_memberships(user) -> None:
    """Drop the cache after an action changed this user's memberships or guest passes."""
    for attr in (_CACHE_ATTR, _GUEST_CACHE_ATTR):
        if user is not None and hasattr(user, attr):
            delattr(user, attr)


def is_guest_of(user, target_type: str, target_id: int) -> bool:
    """Holds an active guest pass for this one thread or meeting (one query per request)."""
    if user is None or not user.is_authenticated:
        return False
    passes = getattr(user, _GUEST_CACHE_ATTR, None)
    if passes is None:
        passes = set(active_passes().filter(user=user).values_list("target_type", "target_id"))
        setattr(user, _GUEST_CACHE_ATTR, passes)
    return (target_type, target_id) in passes


def holds_guest_pass(user) -> bool:
    """Holds any active guest pass: an access that ends with time rather than a write."""
    if user is None or not user.is_authenticated:
        return False
    passes = getattr(user, _GUEST_CACHE_ATTR, None)
    if passes is not None:
        return bool(passes)
    return active_passes().filter(user=user).exists()


def community_for_guest_target_or_404(
    user, slug: str, target_type: str, target_id: int
) -> Community:
    """The community for members and readers, and for a guest of that one thread or meeting."""
    community = visible_communities(user).filter(slug=slug).first()
    if community is None and is_guest_of(user, target_type, target_id):
        guest_pass = (
            active_passes()
            .filter(user=user, target_type=target_type, target_id=target_id)
            .filter(community__slug=slug)
            .select_related("community")
            .first()
        )
        community = guest_pass.community if guest_pass else None
    if community is None:
        raise Http404("No such community.")
    return community


def _role(user, community: Community) -> str | None:
    membership = membership_of(user, community)
    return membership.role if membership else None


# --- querysets -------------------------------------------------------------------------


def visible_communities(user) -> QuerySet[Community]:
    """Every community this person may read: the public ones and their own."""
    if user is None or not user.is_authenticated:
        return Community.objects.filter(visibility=Visibility.PUBLIC)
    mine = Membership.objects.filter(user=user).values("community_id")
    return Community.objects.filter(Q(visibility=Visibility.PUBLIC) | Q(pk__in=mine))


def listed_communities(user) -> QuerySet[Community]:
    """What the directory shows: the same set; unlisted and private appear only to members."""
    return visible_communities(user)


def get_visible_community_or_404(user, slug: str) -> Community:
    community = visible_communities(user).filter(slug=slug).first()
    if community is None:
        raise Http404("No such community.")
    return community


# --- questions -------------------------------------------------------------------------


def can_view_community(user, community: Community) -> bool:
    return community.visibility == Visibility.PUBLIC or membership_of(user, community) is not None


def is_member(user, community: Community) -> bool:
    return membership_of(user, community) is not None


def can_join_community(user, community: Community) -> bool:
    return (
        user.is_authenticated
        and community.join_policy == JoinPolicy.OPEN
        and can_view_community(user, community)
        and not is_member(user, community)
    )


def can_request_to_join_community(user, community: Community) -> bool:
    return (
        user.is_authenticated
        and community.join_policy == JoinPolicy.REQUEST
        and can_view_community(user, community)
        and not is_member(user, community)
    )


def can_leave_community(user, community: Community) -> bool:
    """Members may leave, except the last gardener: a community always keeps one."""
    membership = membership_of(user, community)
    if membership is None:
        return False
    if membership.role != Role.GARDENER:
        return True
    return Membership.objects.filter(community=community, role=Role.GARDENER).count() > 1


def mark_readable_reasons(user, changes) -> list:
    """Set ``reason_visible`` on each history row: a gardener's reason for a level is for
    that person and the community's gardeners only. One query, whatever the row count."""
    changes = list(changes)
    gardened: set[int] = set()
    if user is not None and user.is_authenticated:
        gardened = set(
            Membership.objects.filter(user=user, role=Role.GARDENER).values_list(
                "community_id", flat=True
            )
        )
    for change in changes:
        change.reason_visible = user is not None and (
            user.pk == change.user_id or change.community_id in gardened
        )
    return changes


def can_manage_community(user, community: Community) -> bool:
    """Gardeners edit the community, decide requests, invite and set roles and levels."""
    return _role(user, community) == Role.GARDENER


def can_invite_to_community(user, community: Community) -> bool:
    role = _role(user, community)
    if role == Role.GARDENER:
        return True
    return role is not None and community.visibility == Visibility.UNLISTED


def can_view_dashboard(user, community: Community) -> bool:
    return _role(user, community) in {Role.GARDENER, Role.SPONSOR}


def can_create_community(user) -> bool:
    return user.is_authenticated


# --- posting and moderating in a community ---------------------------------------------


def can_post_in_community(user, community: Community) -> bool:
    """Members post, unless a gardener silenced them for a while (they can still read)."""
    membership = membership_of(user, community)
    return membership is not None and not membership.is_silenced


def can_moderate_community(user, community: Community) -> bool:
    return _role(user, community) == Role.GARDENER


def can_invite_guests(user, community: Community) -> bool:
    """Gardeners open a conversation to an outsider; guests cannot pass it on."""
    return can_manage_community(user, community)


# --- the ledger: activity lists and the Atom feed -----------------------------------------


def visible_activity(user, queryset: QuerySet[Activity] | None = None) -> QuerySet[Activity]:
    """Ledger rows this person may see: public rows, and every row of their communities;
    withdrawn rows (hidden by a gardener) to that community's gardeners only. Public rows
    are what the content's own policy lets anyone read (moderation keeps them in step)."""
    qs = Activity.objects.all() if queryset is None else queryset
    if user is None or not user.is_authenticated:
        return qs.filter(is_public=True, withdrawn=False)
    mine = Membership.objects.filter(user=user).values("community_id")
    gardened = Membership.objects.filter(user=user, role=Role.GARDENER).values("community_id")
    visible = Q(is_public=True) | Q(community_id__in=mine)
    return qs.filter(visible & (Q(withdrawn=False) | Q(community_id__in=gardened)))
