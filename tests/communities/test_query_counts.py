"""Every list page's query count is constant in the number of rows it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities import services
from communities.models.choices import Level, Role
from tests.factories import CommunityFactory, UserFactory, add_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

LEVELS = list(Level.values)
ROLES = [Role.MEMBER, Role.MEMBER, Role.SPONSOR, Role.GARDENER]


def _queries(client, url: str) -> int:
    client.get(url)  # warm up: session, content types, anything cached per process
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _add_communities(count: int, viewer) -> None:
    for number in range(count):
        community = CommunityFactory(
            visibility=["public", "unlisted", "private"][number % 3],
            join_policy=["open", "request", "invite"][number % 3],
        )
        add_member(community, role=Role.GARDENER)
        add_member(community)
        if number % 3:
            add_member(community, user=viewer)


def _add_members(community, count: int) -> None:
    for number in range(count):
        membership = add_member(community, role=ROLES[number % len(ROLES)])
        membership.level = LEVELS[number % len(LEVELS)]
        membership.save(update_fields=["level"])


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_directory_queries_do_not_grow_with_communities(
    client, django_assert_max_num_queries, signed_in
):
    viewer = UserFactory()
    if signed_in:
        client.force_login(viewer)
    _add_communities(3, viewer)
    few = _queries(client, "/communities/")

    _add_communities(27, viewer)
    response = client.get("/communities/")
    assert len(response.context["page"].object_list) >= 10  # the page really is longer
    many = _queries(client, "/communities/")

    assert many == few
    with django_assert_max_num_queries(few):
        client.get("/communities/?q=Community")


@pytest.mark.parametrize("who", ["visitor", "member", "gardener"])
@pytest.mark.parametrize("page", ["", "members/"])
def test_community_pages_queries_do_not_grow_with_members(
    make_community, client, django_assert_max_num_queries, who, page
):
    community, gardener = make_community()
    if who == "gardener":
        client.force_login(gardener)
    elif who == "member":
        client.force_login(add_member(community).user)
    url = f"/c/{community.slug}/{page}"
    _add_members(community, 5)
    few = _queries(client, url)

    _add_members(community, 55)
    assert community.memberships.count() > 60
    many = _queries(client, url)

    assert many == few
    with django_assert_max_num_queries(few):
        client.get(url)


def test_people_page_queries_do_not_grow_with_members_requests_or_invitations(
    make_community, client
):
    community, gardener = make_community(join_policy="request")
    client.force_login(gardener)
    url = f"/c/{community.slug}/settings/people/"

    def grow(count):
        _add_members(community, count)
        for _ in range(count):
            services.request_to_join_community(user=UserFactory(), community=community)
            services.invite_to_community(
                actor=gardener, community=community, email=f"{UserFactory.build().username}@x.org"
            )

    grow(3)
    few = _queries(client, url)
    grow(20)
    many = _queries(client, url)

    assert many == few


def test_home_page_queries_do_not_grow_with_memberships(client):
    viewer = UserFactory()
    client.force_login(viewer)
    for _ in range(3):
        services.join_community(user=viewer, community=CommunityFactory())
    few = _queries(client, "/")

    for _ in range(20):
        services.join_community(user=viewer, community=CommunityFactory())
    many = _queries(client, "/")

    assert many == few


def test_profile_page_queries_do_not_grow_with_the_trajectory(client):
    person = UserFactory()
    viewer = UserFactory()
    client.force_login(viewer)
    url = f"/u/{person.username}/"

    def grow(count):
        for _ in range(count):
            community = CommunityFactory()
            membership = services.join_community(user=person, community=community)
            gardener = community.memberships.get(role=Role.GARDENER).user
            services.override_member_level(
                actor=gardener, membership=membership, level=Level.ACTIVE, reason="Helps a lot"
            )

    grow(3)
    few = _queries(client, url)
    grow(20)
    many = _queries(client, url)

    assert many == few
