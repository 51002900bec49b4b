"""The permissions policy as a matrix: who, in which kind of community, asking what."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from communities import permissions
from communities.models.choices import Role
from tests.factories import CommunityFactory, UserFactory, add_member

pytestmark = pytest.mark.django_db

WHO = ["anonymous", "outsider", "member", "gardener", "sponsor"]
VISIBILITIES = ["public", "private", "unlisted"]


def _person(who: str, community):
    if who == "anonymous":
        return AnonymousUser()
    if who == "outsider":
        return UserFactory()
    if who == "gardener":
        return community.memberships.get(role=Role.GARDENER).user
    return add_member(community, role=who).user


def _case(who, visibility):
    community = CommunityFactory(visibility=visibility)
    CommunityFactory(visibility=visibility)  # someone else's, never theirs
    return community, _person(who, community)


def _matrix(rule):
    return [
        pytest.param(who, visibility, rule(who, visibility), id=f"{who}-{visibility}")
        for who in WHO
        for visibility in VISIBILITIES
    ]


def _sees(who, visibility):
    return visibility == "public" or who in {"member", "gardener", "sponsor"}


def _invites(who, visibility):
    return who == "gardener" or (visibility == "unlisted" and who in {"member", "sponsor"})


@pytest.mark.parametrize(("who", "visibility", "expected"), _matrix(_sees))
def test_can_view_community(who, visibility, expected):
    community, person = _case(who, visibility)
    assert permissions.can_view_community(person, community) is expected


@pytest.mark.parametrize(
    ("who", "visibility", "expected"), _matrix(lambda who, _v: who == "gardener")
)
def test_can_manage_community(who, visibility, expected):
    community, person = _case(who, visibility)
    assert permissions.can_manage_community(person, community) is expected


@pytest.mark.parametrize(
    ("who", "visibility", "expected"),
    _matrix(lambda who, _v: who in {"gardener", "sponsor"}),
)
def test_can_view_dashboard(who, visibility, expected):
    community, person = _case(who, visibility)
    assert permissions.can_view_dashboard(person, community) is expected


@pytest.mark.parametrize(("who", "visibility", "expected"), _matrix(_invites))
def test_can_invite_to_community(who, visibility, expected):
    community, person = _case(who, visibility)
    assert permissions.can_invite_to_community(person, community) is expected


@pytest.mark.parametrize(("who", "visibility", "expected"), _matrix(_sees))
def test_visible_communities(who, visibility, expected):
    community, person = _case(who, visibility)
    visible = set(permissions.visible_communities(person))
    listed = set(permissions.listed_communities(person))

    assert (community in visible) is expected
    assert (community in listed) is expected
    # The other community of the same kind is only visible if it is public.
    assert len(visible) == (2 if visibility == "public" else int(expected))


@pytest.mark.parametrize(("who", "visibility", "expected"), _matrix(_sees))
def test_get_visible_community_or_404(who, visibility, expected):
    community, person = _case(who, visibility)
    if expected:
        assert permissions.get_visible_community_or_404(person, community.slug) == community
    else:
        with pytest.raises(Http404):
            permissions.get_visible_community_or_404(person, community.slug)


def test_visible_communities_of_nobody_are_the_public_ones():
    public = CommunityFactory(visibility="public")
    CommunityFactory(visibility="private")
    CommunityFactory(visibility="unlisted")
    assert list(permissions.visible_communities(None)) == [public]


@pytest.mark.parametrize(
    ("join_policy", "who", "can_join", "can_request"),
    [
        ("open", "outsider", True, False),
        ("open", "member", False, False),
        ("open", "anonymous", False, False),
        ("request", "outsider", False, True),
        ("request", "member", False, False),
        ("request", "anonymous", False, False),
        ("invite", "outsider", False, False),
    ],
)
def test_join_and_request_buttons(join_policy, who, can_join, can_request):
    community = CommunityFactory(join_policy=join_policy)
    person = _person(who, community)
    assert permissions.can_join_community(person, community) is can_join
    assert permissions.can_request_to_join_community(person, community) is can_request


@pytest.mark.parametrize("visibility", ["private", "unlisted"])
def test_outsiders_cannot_join_or_request_hidden_communities(visibility, outsider):
    for policy in ("open", "request"):
        community = CommunityFactory(visibility=visibility, join_policy=policy)
        assert not permissions.can_join_community(outsider, community)
        assert not permissions.can_request_to_join_community(outsider, community)


def test_forget_memberships_drops_the_cached_answer(community, outsider):
    assert permissions.membership_of(outsider, community) is None
    add_member(community, user=outsider)
    assert permissions.membership_of(outsider, community) is None  # cached for the request

    permissions.forget_memberships(outsider)

    assert permissions.membership_of(outsider, community) is not None
