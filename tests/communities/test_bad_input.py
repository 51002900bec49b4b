"""Bad input gets a clear message or a 4xx page, never a 500, and nothing is half-saved."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from communities import services
from communities.models import Community, Invitation, JoinRequest, Membership, MembershipChange
from communities.models.choices import Level, Role
from core.errors import ActionError
from tests.factories import UserFactory, add_member

pytestmark = pytest.mark.django_db


def _create_form(**changes):
    data = {
        "name": "Rural GP trainers",
        "slug": "",
        "tagline": "",
        "concern": "",
        "audience": "",
        "ways_of_working": "",
        "visibility": "public",
        "join_policy": "open",
        "stage": "potential",
    }
    return data | changes


@pytest.fixture
def signed_in(client, outsider):
    client.force_login(outsider)
    return client


def _refused(response, message: str, count_before: int = 0):
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Community.objects.count() == count_before


# --- creating a community -------------------------------------------------------------


def test_create_form_refuses_a_duplicate_name_in_any_case(signed_in):
    signed_in.post("/communities/new/", _create_form(name="Rural GP trainers"))

    response = signed_in.post("/communities/new/", _create_form(name="RURAL gp TRAINERS"))

    _refused(response, "A community with this name already exists.", count_before=1)


def test_create_form_refuses_a_taken_slug(signed_in):
    signed_in.post("/communities/new/", _create_form(name="First one", slug="trainers"))

    response = signed_in.post("/communities/new/", _create_form(name="Second", slug="trainers"))

    _refused(response, "This web address is already taken.", count_before=1)


def test_a_derived_address_that_is_taken_gets_a_number(signed_in):
    signed_in.post("/communities/new/", _create_form(name="Other name", slug="rural-gp-trainers"))

    response = signed_in.post("/communities/new/", _create_form(name="Rural GP trainers"))

    assert response.status_code == 302
    assert Community.objects.get(name="Rural GP trainers").slug == "rural-gp-trainers-2"


def test_a_private_communitys_name_does_not_leak_through_the_create_form(signed_in):
    from tests.factories import CommunityFactory

    CommunityFactory(name="Peer supervision circle", visibility="private")

    response = signed_in.post("/communities/new/", _create_form(name="Peer supervision circle"))

    assert response.status_code == 302
    assert "already exists" not in response.content.decode()
    assert Community.objects.filter(name="Peer supervision circle").count() == 2


@pytest.mark.parametrize("slug", ["new", "admin", "healthz", "settings"])
def test_create_form_refuses_reserved_slugs(signed_in, slug):
    response = signed_in.post("/communities/new/", _create_form(slug=slug))
    _refused(response, "is reserved; choose another web address.")


def test_create_form_refuses_a_name_that_would_take_a_reserved_slug(signed_in):
    response = signed_in.post("/communities/new/", _create_form(name="Admin"))
    _refused(response, "is reserved; choose another web address.")


@pytest.mark.parametrize("slug", ["Capitals", "-edge-", "double--hyphen", "under_score"])
def test_create_form_refuses_a_malformed_slug(signed_in, slug):
    response = signed_in.post("/communities/new/", _create_form(slug=slug))
    _refused(response, "Use only lowercase letters, numbers and hyphens")


def test_create_form_refuses_a_name_with_nothing_to_make_a_slug_from(signed_in):
    response = signed_in.post("/communities/new/", _create_form(name="???"))
    _refused(response, "Use only lowercase letters, numbers and hyphens")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "x" * 81, "at most 80 characters"),
        ("tagline", "x" * 161, "at most 160 characters"),
        ("concern", "x" * 2001, "at most 2000 characters"),
        ("slug", "x" * 51, "at most 50 characters"),
        ("name", "ab", "at least 3 characters"),
        ("name", "", "This field is required."),
        ("visibility", "secret", "Select a valid choice."),
        ("stage", "ancient", "Select a valid choice."),
    ],
)
def test_create_form_refuses_bad_fields(signed_in, field, value, message):
    response = signed_in.post("/communities/new/", _create_form(**{field: value}))
    _refused(response, message)
    assert not Membership.objects.exists()


def test_settings_refuses_an_over_long_tagline(community, gardener, client):
    client.force_login(gardener)
    response = client.post(
        f"/c/{community.slug}/settings/",
        {
            "name": community.name,
            "tagline": "x" * 161,
            "visibility": "public",
            "join_policy": "open",
            "stage": "potential",
        },
    )

    assert response.status_code == 400
    assert "at most 160 characters" in response.content.decode()
    community.refresh_from_db()
    assert community.tagline == "People learning together"


# --- invitation links -----------------------------------------------------------------


@pytest.fixture
def invitation(community, gardener):
    invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="nia@example.org"
    )
    nia = UserFactory(email="nia@example.org")
    return invitation, token, nia


def _accept(client, user, token):
    client.force_login(user)
    return client.post(f"/invitations/{token}/")


def test_an_expired_invitation_link(invitation, client):
    invite, token, nia = invitation
    Invitation.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - timedelta(days=1))

    response = _accept(client, nia, token)

    assert response.status_code == 410
    assert "This invitation has expired. Ask a gardener for a new one." in (
        response.content.decode()
    )
    assert not Membership.objects.filter(user=nia).exists()


def test_an_expired_invitation_link_says_so_on_the_page(invitation, client):
    invite, token, _nia = invitation
    Invitation.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - timedelta(days=1))

    response = client.get(f"/invitations/{token}/")

    assert response.status_code == 410
    page = response.content.decode()
    assert "This invitation can no longer be used" in page
    assert invite.community.name not in page  # a spent link reveals nothing more
    assert "Accept and join" not in response.content.decode()


def test_a_used_invitation_link(invitation, client):
    invite, token, nia = invitation
    services.accept_invitation(user=nia, token=token)
    services.leave_community(user=nia, community=invite.community)

    response = _accept(client, nia, token)

    assert response.status_code == 410
    assert "This invitation has already been used." in response.content.decode()
    assert not Membership.objects.filter(user=nia).exists()


def test_a_revoked_invitation_link(invitation, gardener, client):
    invite, token, nia = invitation
    services.revoke_invitation(actor=gardener, invitation=invite)

    response = _accept(client, nia, token)

    assert response.status_code == 410
    assert "This invitation was withdrawn by a gardener." in response.content.decode()
    assert not Membership.objects.filter(user=nia).exists()


def test_someone_elses_invitation_link(invitation, outsider, client):
    invite, token, _nia = invitation

    response = _accept(client, outsider, token)

    assert response.status_code == 403
    assert "This invitation was sent to another email address." in response.content.decode()
    assert not Membership.objects.filter(user=outsider).exists()
    invite.refresh_from_db()
    assert invite.is_usable  # still there for the person it was meant for


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_invitation_token(outsider, client, method):
    client.force_login(outsider)

    response = getattr(client, method)("/invitations/made-up-token/")

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_accepting_an_invitation_when_already_a_member(invitation, client):
    invite, token, nia = invitation
    services.join_community(user=nia, community=invite.community)

    response = _accept(client, nia, token)

    assert response.status_code == 400
    assert "You are already a member of this community." in response.content.decode()
    assert Membership.objects.filter(user=nia).count() == 1


def test_the_invite_form_refuses_a_bad_address(community, gardener, client):
    client.force_login(gardener)

    response = client.post(f"/c/{community.slug}/invite/", {"email": "nope", "role": "member"})

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_invite_form_refuses_an_existing_member(community, gardener, member, client):
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/invite/", {"email": member.email, "role": "member"}
    )

    assert response.status_code == 400
    assert "This person is already a member." in response.content.decode()
    assert not Invitation.objects.exists()


# --- joining and requests -------------------------------------------------------------


def test_joining_twice(community, member, client):
    client.force_login(member)

    response = client.post(f"/c/{community.slug}/join/", follow=True)

    assert response.status_code == 200
    assert "You are already a member of this community." in response.content.decode()
    assert Membership.objects.filter(community=community, user=member).count() == 1


@pytest.mark.parametrize("policy", ["request", "invite"])
def test_joining_directly_where_the_door_is_not_open(make_community, outsider, client, policy):
    community, _gardener = make_community(join_policy=policy)
    client.force_login(outsider)

    response = client.post(f"/c/{community.slug}/join/", follow=True)

    assert "This community does not take members directly" in response.content.decode()
    assert not Membership.objects.filter(user=outsider).exists()


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ("open", "This community is open: join it directly."),
        ("invite", "This community takes members by invitation only."),
    ],
)
def test_requesting_to_join_where_requests_are_not_taken(
    make_community, outsider, client, policy, message
):
    community, _gardener = make_community(join_policy=policy)
    client.force_login(outsider)

    response = client.post(f"/c/{community.slug}/request/", {"message": "Hi"}, follow=True)

    assert message in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_requesting_twice(make_community, outsider, client):
    community, _gardener = make_community(join_policy="request")
    client.force_login(outsider)
    client.post(f"/c/{community.slug}/request/")

    response = client.post(f"/c/{community.slug}/request/", follow=True)

    assert "Your request is already waiting for a gardener." in response.content.decode()
    assert JoinRequest.objects.filter(user=outsider).count() == 1


def test_requesting_when_already_a_member(make_community, client):
    community, _gardener = make_community(join_policy="request")
    member = add_member(community).user
    client.force_login(member)

    response = client.post(f"/c/{community.slug}/request/", follow=True)

    assert "You are already a member of this community." in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_a_request_note_that_is_too_long(make_community, outsider, client):
    community, _gardener = make_community(join_policy="request")
    client.force_login(outsider)

    response = client.post(f"/c/{community.slug}/request/", {"message": "x" * 1001}, follow=True)

    assert "Keep the note under 1,000 characters." in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_withdrawing_a_request_that_does_not_exist(make_community, outsider, client):
    community, _gardener = make_community(join_policy="request")
    client.force_login(outsider)

    response = client.post(f"/c/{community.slug}/request/withdraw/", follow=True)

    assert "You have no request waiting in this community." in response.content.decode()


def test_leaving_a_community_you_are_not_in(community, outsider, client):
    client.force_login(outsider)

    response = client.post(f"/c/{community.slug}/leave/", follow=True)

    assert "You are not a member of this community." in response.content.decode()


# --- the last gardener ----------------------------------------------------------------


def test_the_last_gardener_cannot_leave(community, gardener, client):
    client.force_login(gardener)

    response = client.post(f"/c/{community.slug}/leave/", follow=True)

    assert "You are the only gardener." in response.content.decode()
    assert community.memberships.get(user=gardener).role == Role.GARDENER


@pytest.mark.parametrize("role", ["member", "sponsor"])
def test_the_last_gardener_cannot_be_demoted(community, gardener, client, role):
    membership = community.memberships.get(user=gardener)
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/settings/people/{membership.pk}/role/", {"role": role}, follow=True
    )

    assert "A community always keeps at least one gardener." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.GARDENER
    assert not membership.changes.filter(cause=MembershipChange.Cause.ROLE_CHANGE).exists()


# --- plain members posting to gardener actions ----------------------------------------


@pytest.fixture
def plain_member_client(make_community, client):
    community, gardener = make_community(join_policy="request")
    member = add_member(community)
    client.force_login(member.user)
    return community, gardener, member, client


def test_a_member_cannot_set_roles(plain_member_client):
    community, gardener, member, client = plain_member_client
    target = community.memberships.get(user=gardener)

    for membership, role in [(member, "gardener"), (target, "member")]:
        response = client.post(
            f"/c/{community.slug}/settings/people/{membership.pk}/role/", {"role": role}
        )
        assert response.status_code == 404
    assert dict(community.memberships.values_list("user_id", "role")) == {
        gardener.pk: Role.GARDENER,
        member.user_id: Role.MEMBER,
    }


def test_a_member_cannot_set_levels(plain_member_client):
    community, _gardener, member, client = plain_member_client

    response = client.post(
        f"/c/{community.slug}/settings/people/{member.pk}/level/",
        {"level": "core", "reason": "I said so"},
    )

    assert response.status_code == 404
    member.refresh_from_db()
    assert (member.level, member.level_overridden) == (Level.PERIPHERAL, False)


def test_a_member_cannot_decide_requests(plain_member_client):
    community, _gardener, _member, client = plain_member_client
    join_request = services.request_to_join_community(user=UserFactory(), community=community)

    response = client.post(
        f"/c/{community.slug}/settings/requests/{join_request.pk}/", {"decision": "approve"}
    )

    assert response.status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert not community.memberships.filter(user=join_request.user).exists()


@pytest.mark.parametrize("decision", ["", "maybe", None])
def test_a_garbled_decision_changes_nothing(community, gardener, client, decision):
    services.update_community(actor=gardener, community=community, join_policy="request")
    join_request = services.request_to_join_community(user=UserFactory(), community=community)
    client.force_login(gardener)
    data = {} if decision is None else {"decision": decision}

    response = client.post(
        f"/c/{community.slug}/settings/requests/{join_request.pk}/", data, follow=True
    )

    assert "Choose whether to approve or decline the request." in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_revoking_an_invitation_accepted_meanwhile_is_refused(invitation, gardener):
    invite, token, nia = invitation
    services.accept_invitation(user=nia, token=token)  # the page still holds the stale row

    with pytest.raises(ActionError, match="already been used or withdrawn"):
        services.revoke_invitation(actor=gardener, invitation=invite)

    invite.refresh_from_db()
    assert invite.accepted_at is not None
    assert invite.revoked_at is None


def test_a_member_cannot_revoke_invitations(plain_member_client):
    community, gardener, _member, client = plain_member_client
    invitation, _token = services.invite_to_community(
        actor=gardener, community=community, email="nia@example.org"
    )

    response = client.post(f"/c/{community.slug}/settings/invitations/{invitation.pk}/revoke/")

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


# --- gardener actions with bad values -------------------------------------------------


def test_an_invalid_role_value(community, gardener, client):
    membership = add_member(community)
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/settings/people/{membership.pk}/role/",
        {"role": "owner"},
        follow=True,
    )

    assert response.status_code == 200
    assert "Choose a valid role." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


@pytest.mark.parametrize(
    "data", [{"level": "core", "reason": ""}, {"level": "core"}, {"level": "legend", "reason": "x"}]
)
def test_a_level_override_without_a_reason_or_valid_level(community, gardener, client, data):
    membership = add_member(community)
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/settings/people/{membership.pk}/level/", data, follow=True
    )

    assert "Choose a level and say why you are setting it." in response.content.decode()
    membership.refresh_from_db()
    assert (membership.level, membership.level_overridden) == (Level.PERIPHERAL, False)
    assert not membership.changes.exists()


def test_a_level_override_with_a_blank_reason(community, gardener, client):
    membership = add_member(community)
    client.force_login(gardener)

    client.post(
        f"/c/{community.slug}/settings/people/{membership.pk}/level/",
        {"level": "core", "reason": "   "},
    )

    membership.refresh_from_db()
    assert membership.level == Level.PERIPHERAL


def test_clearing_an_override_that_is_not_there(community, gardener, client):
    membership = add_member(community)
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/settings/people/{membership.pk}/level/", {"clear": "1"}, follow=True
    )

    assert "not set by a gardener" in response.content.decode()


def test_a_membership_of_another_community_is_not_found(
    community, gardener, make_community, client
):
    other, _g = make_community()
    stranger = add_member(other)
    client.force_login(gardener)

    for suffix in ["role/", "level/"]:
        response = client.post(
            f"/c/{community.slug}/settings/people/{stranger.pk}/{suffix}",
            {"role": "gardener", "level": "core", "reason": "x"},
        )
        assert response.status_code == 404
    response = client.get(f"/c/{community.slug}/settings/people/{stranger.pk}/history/")
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert (stranger.role, stranger.level) == (Role.MEMBER, Level.PERIPHERAL)


def test_a_request_of_another_community_is_not_found(community, gardener, make_community, client):
    other, _g = make_community(join_policy="request")
    join_request = services.request_to_join_community(user=UserFactory(), community=other)
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/settings/requests/{join_request.pk}/", {"decision": "approve"}
    )

    assert response.status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_an_unknown_membership_id(community, gardener, client):
    client.force_login(gardener)
    response = client.post(f"/c/{community.slug}/settings/people/999999/role/", {"role": "member"})
    assert response.status_code == 404


# --- transport-level mistakes ---------------------------------------------------------


def test_a_post_without_a_csrf_token_gets_our_styled_page(community, outsider):
    client = Client(enforce_csrf_checks=True)
    client.force_login(outsider)

    response = client.post(f"/c/{community.slug}/join/")

    assert response.status_code == 403
    content = response.content.decode()
    assert "Your form expired" in content
    assert "reload the page and submit it again" in content
    assert not Membership.objects.filter(user=outsider).exists()


def test_a_create_form_without_a_csrf_token_creates_nothing(outsider):
    client = Client(enforce_csrf_checks=True)
    client.force_login(outsider)

    response = client.post("/communities/new/", _create_form())

    assert response.status_code == 403
    assert "Your form expired" in response.content.decode()
    assert not Community.objects.exists()


@pytest.mark.parametrize(
    "path", ["/c/no-such-community/", "/c/no-such-community/members/", "/u/nobody-here/"]
)
def test_unknown_addresses_are_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_unknown_community_for_signed_in_actions(outsider, client):
    client.force_login(outsider)
    for path in ["join/", "request/", "leave/", "settings/", "invite/"]:
        method = client.get if path in {"settings/", "invite/"} else client.post
        assert method(f"/c/no-such-community/{path}").status_code == 404


@pytest.mark.parametrize("action", ["join/", "leave/", "request/"])
def test_get_on_an_action_is_not_allowed(community, member, client, action):
    client.force_login(member)
    assert client.get(f"/c/{community.slug}/{action}").status_code == 405


def test_absurd_query_strings_do_not_break_the_directory(client):
    response = client.get("/communities/", {"q": "x" * 5000, "page": "-3", "stage": "bogus"})
    assert response.status_code == 200
    assert response.context["query"] == "x" * 100


@pytest.mark.parametrize(
    "url", ["/communities/?q=%00", "/u/%00/", "/search/?q=a%00b", "/communities/?stage=%00"]
)
def test_nul_bytes_get_a_400_not_a_database_error(client, url):
    # PostgreSQL text cannot hold NUL: without the guard these were 500s there.
    response = client.get(url)
    assert response.status_code == 400
    assert "That request did not make sense" in response.content.decode()


def test_an_over_long_invitation_address_is_refused(community, gardener, client):
    client.force_login(gardener)
    email = "a" * 250 + "@example.org"

    response = client.post(f"/c/{community.slug}/invite/", {"email": email, "role": "member"})

    assert response.status_code == 400
    assert not Invitation.objects.exists()
