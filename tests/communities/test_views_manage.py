"""Gardeners' pages: settings, people, requests, roles, levels, invitations, history."""

import pytest

from communities import services
from communities.models import Community, Invitation, JoinRequest, MembershipChange
from communities.models.choices import Level, Role
from tests.factories import UserFactory, add_member

pytestmark = pytest.mark.django_db


def _settings_data(community, **changes):
    data = {
        "name": community.name,
        "tagline": community.tagline,
        "concern": community.concern,
        "audience": community.audience,
        "ways_of_working": community.ways_of_working,
        "visibility": community.visibility,
        "join_policy": community.join_policy,
        "stage": community.stage,
    }
    return data | changes


def test_create_community_through_the_form(outsider, client):
    client.force_login(outsider)

    response = client.post(
        "/communities/new/",
        {
            "name": "Rural GP trainers",
            "slug": "",
            "tagline": "Small practices",
            "visibility": "public",
            "join_policy": "request",
            "stage": "potential",
        },
    )

    community = Community.objects.get(name="Rural GP trainers")
    assert response.status_code == 302
    assert response["Location"] == "/c/rural-gp-trainers/"
    assert community.memberships.get(user=outsider).role == Role.GARDENER


def test_create_page_needs_sign_in(client):
    response = client.get("/communities/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_settings_saves_the_changes(community, gardener, client):
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/settings/",
        _settings_data(community, tagline="Now with a better tagline", visibility="unlisted"),
        follow=True,
    )

    assert "Community settings saved." in response.content.decode()
    community.refresh_from_db()
    assert community.tagline == "Now with a better tagline"
    assert community.visibility == "unlisted"


def test_settings_cannot_change_the_web_address(community, gardener, client):
    client.force_login(gardener)
    old_slug = community.slug

    client.post(f"/c/{community.slug}/settings/", _settings_data(community, slug="moved"))

    community.refresh_from_db()
    assert community.slug == old_slug


def test_settings_refuses_another_communitys_name_and_keeps_the_old_one(
    community, gardener, make_community, client
):
    make_community(name="Bridge engineers")
    client.force_login(gardener)
    old_name = community.name

    response = client.post(
        f"/c/{community.slug}/settings/", _settings_data(community, name="bridge ENGINEERS")
    )

    assert response.status_code == 400
    assert "A community with this name already exists." in response.content.decode()
    assert response.context["community"].name == old_name
    community.refresh_from_db()
    assert community.name == old_name


def test_people_page_lists_requests_members_and_invitations(make_community, client):
    community, gardener = make_community(join_policy="request")
    requester = UserFactory()
    services.request_to_join_community(user=requester, community=community, message="Hi all")
    services.invite_to_community(actor=gardener, community=community, email="new@example.org")
    client.force_login(gardener)

    content = client.get(f"/c/{community.slug}/settings/people/").content.decode()

    assert f"Approve {requester.name}" in content
    assert "Hi all" in content
    assert "new@example.org" in content
    assert gardener.email in content


def test_gardener_approves_a_request_through_the_page(make_community, client):
    community, gardener = make_community(join_policy="request")
    requester = UserFactory()
    join_request = services.request_to_join_community(user=requester, community=community)
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/settings/requests/{join_request.pk}/",
        {"decision": "approve"},
        follow=True,
    )

    assert f"{requester.name} is now a member." in response.content.decode()
    assert community.memberships.filter(user=requester).exists()


def test_gardener_declines_a_request_through_the_page(make_community, client):
    community, gardener = make_community(join_policy="request")
    requester = UserFactory()
    join_request = services.request_to_join_community(user=requester, community=community)
    client.force_login(gardener)

    client.post(
        f"/c/{community.slug}/settings/requests/{join_request.pk}/", {"decision": "decline"}
    )

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not community.memberships.filter(user=requester).exists()


def test_deciding_a_request_twice_through_the_page_shows_a_message(make_community, client):
    community, gardener = make_community(join_policy="request")
    join_request = services.request_to_join_community(user=UserFactory(), community=community)
    client.force_login(gardener)
    url = f"/c/{community.slug}/settings/requests/{join_request.pk}/"
    client.post(url, {"decision": "decline"})

    response = client.post(url, {"decision": "approve"}, follow=True)

    assert response.status_code == 200
    assert "This request has already been decided." in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED


def test_gardener_sets_a_role_through_the_page(community, gardener, client):
    membership = add_member(community)
    client.force_login(gardener)

    client.post(f"/c/{community.slug}/settings/people/{membership.pk}/role/", {"role": "sponsor"})

    membership.refresh_from_db()
    assert membership.role == Role.SPONSOR


def test_gardener_sets_and_clears_a_level_through_the_page(community, gardener, client):
    membership = add_member(community)
    client.force_login(gardener)
    url = f"/c/{community.slug}/settings/people/{membership.pk}/level/"

    response = client.post(url, {"level": "core", "reason": "Founder"}, follow=True)
    assert "Founder" in response.content.decode()
    membership.refresh_from_db()
    assert (membership.level, membership.level_overridden) == (Level.CORE, True)

    client.post(url, {"clear": "1"})
    membership.refresh_from_db()
    assert membership.level_overridden is False


def test_member_history_shows_the_trajectory(community, gardener, client):
    membership = add_member(community)
    services.override_member_level(
        actor=gardener, membership=membership, level=Level.ACTIVE, reason="Runs the meetups"
    )
    client.force_login(gardener)

    response = client.get(f"/c/{community.slug}/settings/people/{membership.pk}/history/")

    content = response.content.decode()
    assert f"{membership.user.name}" in content
    assert "Runs the meetups" in content
    assert list(response.context["changes"]) == list(
        MembershipChange.objects.filter(membership=membership).order_by("-created_at", "-id")
    )


def test_gardener_invites_through_the_page(
    community, gardener, client, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(gardener)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/c/{community.slug}/invite/",
            {"email": "Newcomer@Example.org", "role": "sponsor", "message": ""},
        )

    assert response.status_code == 302
    assert response["Location"] == f"/c/{community.slug}/settings/people/"
    invitation = Invitation.objects.get(community=community)
    assert (invitation.email, invitation.role) == ("newcomer@example.org", Role.SPONSOR)
    assert [m.to for m in mailoutbox] == [["newcomer@example.org"]]


def test_members_of_unlisted_communities_invite_members_only(make_community, client):
    community, _gardener = make_community(visibility="unlisted")
    member = add_member(community).user
    client.force_login(member)

    response = client.post(
        f"/c/{community.slug}/invite/", {"email": "x@example.org", "role": "gardener"}
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()

    response = client.post(
        f"/c/{community.slug}/invite/", {"email": "x@example.org", "role": "member"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/c/{community.slug}/"
    assert Invitation.objects.get().role == Role.MEMBER


def test_gardener_revokes_an_invitation_through_the_page(community, gardener, client):
    invitation, _token = services.invite_to_community(
        actor=gardener, community=community, email="x@example.org"
    )
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/settings/invitations/{invitation.pk}/revoke/", follow=True
    )

    assert "Invitation withdrawn." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
