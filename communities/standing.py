"""A viewer's standing in communities, read two ways, for the policies of what is said there.

The content policies (``discussions.permissions``, ``assets.permissions``,
``notifications.permissions``, ``proposals.permissions``) write each rule once over these
facts (see core/policies.py): ``StandingRows`` gives them as Q objects over a table,
``StandingIn`` as Truths about one community, ``standings`` for many people at once.
``readable_conversation`` is the rule for a thread, kept here because notifications apply
it to their copies of a thread's flags and may not import discussions.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from communities.models import Community, Membership
from communities.models.choices import Role, Visibility
from communities.models.guests import active_passes
from communities.permissions import (
    can_moderate_community,
    can_post_in_community,
    is_guest_of,
    membership_of,
)
from core.policies import NEVER, Truth


@dataclass(frozen=True)
class EveryMember:
    """Stands for any plain member of one community: what all of them may read, at once.

    Digests read a community's news once and cut it for each member; they ask the policies
    with this instead of a person (no gardener's reach, no guest pass).
    """

    community: Community
    is_authenticated = True
    pk = None


class StandingRows:
    """A viewer's standing as Q objects over rows that name a community at ``community``.

    ``community`` is the path to it from the rows ("community", "thread__community"), or
    "" for the Community table itself.
    """

    def __init__(self, user, community: str = "community"):
        self.user = user
        self._path = f"{community}__" if community else ""
        self._id = f"{community}_id" if community else "pk"

    def _in(self, memberships: QuerySet[Membership]) -> Q:
        return Q(**{f"{self._id}__in": memberships.values("community_id")})

    @property
    def public(self) -> Q:
        return Q(**{f"{self._path}visibility": Visibility.PUBLIC})

    @property
    def member(self) -> Q:
        if isinstance(self.user, EveryMember):
            return Q(**{self._id: self.user.community.pk})
        if self.user is None or not self.user.is_authenticated:
            return NEVER
        return self._in(Membership.objects.filter(user=self.user))

    @property
    def gardener(self) -> Q:
        if isinstance(self.user, EveryMember) or not _signed_in(self.user):
            return NEVER
        return self._in(Membership.objects.filter(user=self.user, role=Role.GARDENER))

    @property
    def poster(self) -> Q:
        """Member, and not silenced at the moment."""
        if isinstance(self.user, EveryMember):
            return self.member
        if not _signed_in(self.user):
            return NEVER
        silenced = Q(silenced_until__gt=timezone.now())
        return self._in(Membership.objects.filter(user=self.user).exclude(silenced))

    def guest(self, target_type: str, id_field: str) -> Q:
        """Rows whose ``id_field`` names a target this person holds an active pass to."""
        if isinstance(self.user, EveryMember) or not _signed_in(self.user):
            return NEVER
        passes = active_passes().filter(user=self.user, target_type=target_type)
        return Q(**{f"{id_field}__in": passes.values("target_id")})


class StandingIn:
    """A viewer's standing in one community as Truths, each looked up only when asked
    (memberships and guest passes come from the request's cache)."""

    def __init__(self, user, community: Community):
        self.user = user
        self.community = community
        self.public = Truth(lambda: community.visibility == Visibility.PUBLIC)
        self.member = Truth(lambda: membership_of(user, community) is not None)
        self.gardener = Truth(lambda: can_moderate_community(user, community))
        self.poster = Truth(lambda: can_post_in_community(user, community))
        self.signed_in = Truth(lambda: _signed_in(user))

    def guest(self, target_type: str, target_id: int) -> Truth:
        return Truth(lambda: is_guest_of(self.user, target_type, target_id))


class StandingKnown:
    """One person's standing read from rows already loaded (see ``standings``)."""

    def __init__(self, community: Community, role: str | None, guest_of: bool):
        self.public = Truth(community.visibility == Visibility.PUBLIC)
        self.member = Truth(role is not None)
        self.gardener = Truth(role == Role.GARDENER)
        self._guest = guest_of

    def guest(self, target_type: str, target_id: int) -> Truth:
        return Truth(self._guest)


def standings(
    community: Community, user_ids, *, target_type: str, target_id: int
) -> dict[int, StandingKnown]:
    """Many people's standing in one community, and whether each holds a pass to one
    target: two queries, however many people."""
    ids = set(user_ids)
    if not ids:
        return {}
    roles = dict(
        Membership.objects.filter(community=community, user_id__in=ids).values_list(
            "user_id", "role"
        )
    )
    guests = set(
        active_passes()
        .filter(user_id__in=ids, target_type=target_type, target_id=target_id)
        .values_list("user_id", flat=True)
    )
    return {i: StandingKnown(community, roles.get(i), i in guests) for i in ids}


def readable_conversation(standing, *, open_to_all, shown, guest):
    """Who reads a conversation held in a community (a thread, or a row copying its flags).

    Readers of a public community, unless it is for members only; the community's members;
    a guest invited to it. Once a gardener hid it, only gardeners. Facts as Q or Truth.
    """
    readers = (standing.public & open_to_all) | standing.member | guest
    return readers & (shown | standing.gardener)


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated
