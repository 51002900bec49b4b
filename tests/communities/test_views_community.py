"""Community pages, the directory, the home page and the error pages."""

import pytest
from django.test import Client

from communities.models.choices import Role
from tests.factories import CommunityFactory, UserFactory, add_member

pytestmark = pytest.mark.django_db

HIDDEN = ["private", "unlisted"]
READER_PAGES = ["", "members/"]
GARDENER_PAGES = ["settings/", "settings/people/", "history"]
ALL_PAGES = [*READER_PAGES, *GARDENER_PAGES, "invite/"]


def _url(community, page: str) -> str:
    if page == "history":
        membership = community.memberships.get(role=Role.GARDENER)
        return f"/c/{community.slug}/settings/people/{membership.pk}/history/"
    return f"/c/{community.slug}/{page}"


def _client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- hidden communities answer 404 ----------------------------------------------------


@pytest.mark.parametrize("visibility", HIDDEN)
@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_page_of_a_hidden_community_is_not_found_for_outsiders(
    make_community, outsider, client, visibility, page
):
    community, _gardener = make_community(visibility=visibility)
    client.force_login(outsider)

    response = client.get(_url(community, page))

    assert response.status_code == 404
    assert community.name not in response.content.decode()
    assert "We could not find that page" in response.content.decode()


@pytest.mark.parametrize("visibility", HIDDEN)
@pytest.mark.parametrize("page", READER_PAGES)
def test_anonymous_visitors_get_not_found_for_hidden_community_pages(
    make_community, client, visibility, page
):
    community, _gardener = make_community(visibility=visibility)
    assert client.get(_url(community, page)).status_code == 404


@pytest.mark.parametrize("visibility", HIDDEN)
@pytest.mark.parametrize("action", ["join/", "request/", "request/withdraw/", "leave/"])
def test_actions_on_a_hidden_community_are_not_found_for_outsiders(
    make_community, outsider, client, visibility, action
):
    community, _gardener = make_community(visibility=visibility, join_policy="open")
    client.force_login(outsider)

    response = client.post(f"/c/{community.slug}/{action}")

    assert response.status_code == 404
    assert not community.memberships.filter(user=outsider).exists()


@pytest.mark.parametrize("visibility", HIDDEN)
def test_signed_out_visitors_cannot_tell_a_hidden_community_from_a_missing_one(
    make_community, client, visibility
):
    community, _gardener = make_community(visibility=visibility)
    for page in ["settings/", "invite/"]:
        hidden = client.get(f"/c/{community.slug}/{page}")
        missing = client.get(f"/c/no-such-community/{page}")
        assert hidden.status_code == missing.status_code == 302
        assert hidden["Location"].replace(community.slug, "X") == missing["Location"].replace(
            "no-such-community", "X"
        )


@pytest.mark.parametrize("visibility", ["public", *HIDDEN])
@pytest.mark.parametrize("role", [Role.MEMBER, Role.SPONSOR, "outsider"])
@pytest.mark.parametrize("page", GARDENER_PAGES)
def test_gardener_pages_are_not_found_for_everyone_else(
    make_community, client, visibility, role, page
):
    community, _gardener = make_community(visibility=visibility)
    person = UserFactory() if role == "outsider" else add_member(community, role=role).user
    client.force_login(person)

    assert client.get(_url(community, page)).status_code == 404


@pytest.mark.parametrize("visibility", ["public", *HIDDEN])
@pytest.mark.parametrize("page", [*READER_PAGES, *GARDENER_PAGES, "invite/"])
def test_gardeners_see_every_page(make_community, client, visibility, page):
    community, gardener = make_community(visibility=visibility)
    client.force_login(gardener)

    response = client.get(_url(community, page))

    assert response.status_code == 200
    assert community.name in response.content.decode()


@pytest.mark.parametrize("visibility", HIDDEN)
@pytest.mark.parametrize("page", READER_PAGES)
def test_members_read_their_hidden_community(make_community, client, visibility, page):
    community, _gardener = make_community(visibility=visibility)
    client.force_login(add_member(community).user)

    assert client.get(_url(community, page)).status_code == 200


@pytest.mark.parametrize(
    ("visibility", "status"), [("public", 404), ("private", 404), ("unlisted", 200)]
)
def test_members_invite_only_in_unlisted_communities(make_community, client, visibility, status):
    community, _gardener = make_community(visibility=visibility)
    client.force_login(add_member(community).user)

    assert client.get(f"/c/{community.slug}/invite/").status_code == status


@pytest.mark.parametrize("page", READER_PAGES)
def test_public_community_pages_are_open_to_everyone(community, client, page):
    response = client.get(_url(community, page))

    assert response.status_code == 200
    assert "Sign in to join" in response.content.decode()


def test_community_home_shows_the_domain_and_gardeners(community, gardener, client):
    response = client.get(f"/c/{community.slug}/")

    content = response.content.decode()
    assert "Doing our work better" in content
    assert gardener.name in content
    assert "started the community" in content


def test_members_page_groups_people_by_level(community, member, client):
    response = client.get(f"/c/{community.slug}/members/?level=peripheral")

    assert response.status_code == 200
    assert member.name in response.content.decode()
    assert [group[0] for group in response.context["levels"]] == ["peripheral"]


def test_members_page_ignores_an_unknown_level(community, client):
    response = client.get(f"/c/{community.slug}/members/?level=legend")

    assert response.status_code == 200
    assert len(response.context["levels"]) == 4


def test_the_community_header_offers_the_right_button(make_community, outsider, client):
    client.force_login(outsider)
    open_one, _g = make_community(join_policy="open")
    by_request, _g = make_community(join_policy="request")
    invite_only, _g = make_community(join_policy="invite")

    assert "Join this community" in client.get(f"/c/{open_one.slug}/").content.decode()
    assert "Ask to join" in client.get(f"/c/{by_request.slug}/").content.decode()
    assert "Members join by invitation" in client.get(f"/c/{invite_only.slug}/").content.decode()


def test_join_through_the_page(community, outsider, client):
    client.force_login(outsider)

    response = client.post(f"/c/{community.slug}/join/", follow=True)

    assert community.memberships.filter(user=outsider, role=Role.MEMBER).exists()
    assert f"Welcome to {community.name}!" in response.content.decode()


def test_request_and_withdraw_through_the_page(make_community, outsider, client):
    community, _gardener = make_community(join_policy="request")
    client.force_login(outsider)

    response = client.post(f"/c/{community.slug}/request/", {"message": "Hello"}, follow=True)
    assert "Request sent" in response.content.decode()
    assert community.join_requests.get(user=outsider).message == "Hello"

    response = client.post(f"/c/{community.slug}/request/withdraw/", follow=True)
    assert "Your request was withdrawn." in response.content.decode()
    assert community.join_requests.get(user=outsider).status == "withdrawn"


def test_leaving_a_private_community_goes_back_to_the_directory(make_community, client):
    community, _gardener = make_community(visibility="private")
    person = add_member(community).user
    client.force_login(person)

    response = client.post(f"/c/{community.slug}/leave/")

    assert response.status_code == 302
    assert response["Location"] == "/communities/"
    assert not community.memberships.filter(user=person).exists()


def test_leaving_a_public_community_stays_on_its_page(community, member, client):
    client.force_login(member)

    response = client.post(f"/c/{community.slug}/leave/")

    assert response["Location"] == f"/c/{community.slug}/"


# --- the directory --------------------------------------------------------------------


@pytest.fixture
def world(db):
    """One community of each visibility, plus the people who belong to them."""
    public = CommunityFactory(
        name="Adult literacy tutors",
        slug="literacy",
        visibility="public",
        stage="maturing",
        join_policy="open",
        concern="Reading with adults",
    )
    private = CommunityFactory(
        name="Peer supervision circle",
        slug="supervision",
        visibility="private",
        stage="stewardship",
        join_policy="invite",
    )
    unlisted = CommunityFactory(
        name="Bridge field notes",
        slug="bridges",
        visibility="unlisted",
        stage="potential",
        join_policy="invite",
        audience="Structural engineers",
    )
    insider = UserFactory()
    add_member(private, user=insider)
    add_member(unlisted, user=insider)
    return {"public": public, "private": private, "unlisted": unlisted, "insider": insider}


def _names(response) -> list[str]:
    return [community.name for community in response.context["page"].object_list]


def test_directory_shows_only_public_communities_to_visitors(world, client):
    assert _names(client.get("/communities/")) == ["Adult literacy tutors"]


def test_directory_shows_only_public_communities_to_outsiders(world, outsider, client):
    client.force_login(outsider)

    response = client.get("/communities/")

    assert _names(response) == ["Adult literacy tutors"]
    content = response.content.decode()
    assert "Peer supervision circle" not in content
    assert "Bridge field notes" not in content


def test_directory_shows_members_their_hidden_communities(world, client):
    client.force_login(world["insider"])

    names = _names(client.get("/communities/"))

    assert names == ["Adult literacy tutors", "Bridge field notes", "Peer supervision circle"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("literacy", ["Adult literacy tutors"]),
        ("READING", ["Adult literacy tutors"]),  # the domain statement, any case
        ("structural", ["Bridge field notes"]),  # the audience
        ("circle", ["Peer supervision circle"]),
        ("nothing matches this", []),
    ],
)
def test_directory_text_search(world, client, query, expected):
    client.force_login(world["insider"])
    response = client.get("/communities/", {"q": query})
    assert _names(response) == expected


def test_directory_text_search_never_finds_hidden_communities_for_outsiders(world, client):
    assert _names(client.get("/communities/", {"q": "circle"})) == []
    assert "No community matches" in client.get("/communities/?q=circle").content.decode()


def test_directory_filters_by_stage_and_join_policy(world, client):
    client.force_login(world["insider"])

    assert _names(client.get("/communities/", {"stage": "potential"})) == ["Bridge field notes"]
    assert _names(client.get("/communities/", {"join": "open"})) == ["Adult literacy tutors"]
    assert _names(client.get("/communities/", {"join": "invite", "stage": "stewardship"})) == [
        "Peer supervision circle"
    ]


def test_directory_ignores_unknown_filter_values(world, client):
    response = client.get("/communities/", {"stage": "ancient", "join": "bribe", "page": "x"})

    assert response.status_code == 200
    assert _names(response) == ["Adult literacy tutors"]


def test_directory_answers_htmx_with_the_results_fragment(world, client):
    response = client.get("/communities/", {"q": "literacy"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert "Adult literacy tutors" in content
    assert "<html" not in content


def test_directory_lists_gardeners_and_member_counts(community, gardener, member, client):
    content = client.get("/communities/").content.decode()

    assert gardener.name in content
    assert "2 members" in content


# --- home, health, errors -------------------------------------------------------------


def test_home_page_for_visitors_shows_public_communities_only(world, client):
    response = client.get("/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Get better at what you do, together." in content
    assert "Adult literacy tutors" in content
    assert "Peer supervision circle" not in content
    assert "Bridge field notes" not in content


def test_home_page_for_members_lists_their_communities_and_activity(world, client):
    insider = world["insider"]
    client.force_login(insider)

    response = client.get("/")

    content = response.content.decode()
    assert f"Welcome back, {insider.name}" in content
    assert "Peer supervision circle" in content
    assert "Bridge field notes" in content
    assert "started the community" in content
    assert response.context["suggestions"] == []


def test_home_page_suggests_communities_to_newcomers(world, outsider, client):
    client.force_login(outsider)

    response = client.get("/")

    assert [c.name for c in response.context["suggestions"]] == ["Adult literacy tutors"]
    assert "You have not joined a community yet" in response.content.decode()


def test_home_page_activity_hides_other_peoples_private_communities(world, outsider, client):
    client.force_login(outsider)
    add_member(world["public"], user=outsider)

    content = client.get("/").content.decode()

    assert "Adult literacy tutors" in content
    assert "Peer supervision circle" not in content


def test_healthz(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_not_found_page_is_styled(client):
    response = client.get("/c/no-such-community/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "We could not find that page" in content
    assert "Browse communities" in content


def test_unknown_address_gets_the_styled_not_found_page(client):
    response = client.get("/nowhere/at/all/")

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
