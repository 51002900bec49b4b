"""Invitations: sending, accepting, revoking, and the email that carries the link."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from communities import services
from communities.models import Activity, Invitation, Membership, MembershipChange
from communities.models.choices import Role
from communities.models.invitations import hash_token
from core.errors import ActionError
from tests.factories import UserFactory, add_member

pytestmark = pytest.mark.django_db


def test_invite_stores_only_the_hash_and_mails_the_link(
    community, gardener, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invite_to_community(
            actor=gardener,
            community=community,
            email="  Nia@Example.ORG ",
            message="Come and share your templates",
        )

    assert invitation.email == "nia@example.org"
    assert invitation.role == Role.MEMBER
    assert invitation.invited_by == gardener
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert invitation.is_usable
    assert timezone.now() + timedelta(days=13) < invitation.expires_at
    assert invitation.expires_at <= timezone.now() + timedelta(days=14)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["nia@example.org"]
    assert mail.subject == f"You are invited to {community.name}"
    assert f"/invitations/{token}/" in mail.body
    assert "Come and share your templates" in mail.body
    assert f"/invitations/{token}/" in mail.alternatives[0][0]


def test_no_email_is_sent_before_the_transaction_commits(community, gardener, mailoutbox):
    services.invite_to_community(actor=gardener, community=community, email="nia@example.org")
    assert mailoutbox == []


def test_a_revoked_invitation_is_not_mailed_by_a_late_worker(
    community, gardener, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        invitation, _token = services.invite_to_community(
            actor=gardener, community=community, email="nia@example.org"
        )
    services.revoke_invitation(actor=gardener, invitation=invitation)

    for callback in callbacks:
        callback()

    assert mailoutbox == []


def test_a_fresh_invitation_replaces_the_one_still_waiting(community, gardener):
    first, first_token = services.invite_to_community(
        actor=gardener, community=community, email="nia@example.org"
    )
    second, _token = services.invite_to_community(
        actor=gardener, community=community, email="NIA@example.org"
    )

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_usable
    nia = UserFactory(email="nia@example.org")
    with pytest.raises(ActionError, match="withdrawn"):
        services.accept_invitation(user=nia, token=first_token)


def test_accept_invitation_creates_the_membership_with_the_invited_role(community, gardener):
    invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="nia@example.org", role=Role.SPONSOR
    )
    nia = UserFactory(email="nia@example.org")

    membership = services.accept_invitation(user=nia, token=token)

    assert (membership.user, membership.community, membership.role) == (nia, community, "sponsor")
    invitation.refresh_from_db()
    assert invitation.accepted_by == nia
    assert invitation.accepted_at is not None
    assert not invitation.is_usable
    assert set(membership.changes.values_list("field", "cause", "changed_by")) == {
        ("role", MembershipChange.Cause.JOINED, gardener.pk),
        ("level", MembershipChange.Cause.JOINED, gardener.pk),
    }
    assert Activity.objects.filter(
        community=community, verb=Activity.Verb.JOINED, actor=nia
    ).exists()


def test_accept_invitation_with_a_verified_second_address(community, gardener):
    _invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="nia@work.example"
    )
    nia = UserFactory(email="nia@home.example")
    EmailAddress.objects.create(user=nia, email="nia@work.example", verified=True)

    assert services.accept_invitation(user=nia, token=token).user == nia


def test_an_unverified_second_address_is_not_enough(community, gardener):
    _invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="nia@work.example"
    )
    nia = UserFactory(email="nia@home.example")
    EmailAddress.objects.create(user=nia, email="nia@work.example", verified=False)

    with pytest.raises(ActionError) as error:
        services.accept_invitation(user=nia, token=token)
    assert error.value.status == 403
    assert not Membership.objects.filter(user=nia).exists()


def test_an_invitation_works_once(community, gardener):
    _invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="nia@example.org"
    )
    nia = UserFactory(email="nia@example.org")
    services.accept_invitation(user=nia, token=token)
    services.leave_community(user=nia, community=community)

    with pytest.raises(ActionError, match="already been used") as error:
        services.accept_invitation(user=nia, token=token)
    assert error.value.status == 410
    assert not Membership.objects.filter(user=nia, community=community).exists()


def test_an_expired_invitation_is_refused(community, gardener):
    invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="nia@example.org"
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    nia = UserFactory(email="nia@example.org")

    with pytest.raises(ActionError, match="expired") as error:
        services.accept_invitation(user=nia, token=token)
    assert error.value.status == 410


def test_an_unknown_token_is_not_found(user):
    with pytest.raises(ActionError) as error:
        services.accept_invitation(user=user, token="not-a-real-token")
    assert error.value.status == 404


def test_accepting_when_already_a_member_is_refused(community, gardener):
    _invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="nia@example.org"
    )
    nia = UserFactory(email="nia@example.org")
    services.join_community(user=nia, community=community)

    with pytest.raises(ActionError, match="already a member"):
        services.accept_invitation(user=nia, token=token)
    assert Membership.objects.filter(user=nia, community=community).count() == 1


def test_revoke_invitation(community, gardener):
    invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="nia@example.org"
    )

    services.revoke_invitation(actor=gardener, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    with pytest.raises(ActionError, match="withdrawn"):
        services.accept_invitation(user=UserFactory(email="nia@example.org"), token=token)


def test_a_used_invitation_cannot_be_revoked(community, gardener):
    invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="nia@example.org"
    )
    services.accept_invitation(user=UserFactory(email="nia@example.org"), token=token)
    invitation.refresh_from_db()  # as the page does: it loads the invitation fresh

    with pytest.raises(ActionError, match="already been used"):
        services.revoke_invitation(actor=gardener, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.parametrize("role", [Role.MEMBER, Role.SPONSOR])
def test_only_gardeners_revoke_invitations(community, gardener, role):
    invitation, _token = services.invite_to_community(
        actor=gardener, community=community, email="nia@example.org"
    )
    person = add_member(community, role=role).user

    with pytest.raises(ActionError) as error:
        services.revoke_invitation(actor=person, invitation=invitation)
    assert error.value.status == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.parametrize("visibility", ["public", "private"])
def test_plain_members_cannot_invite_outside_unlisted_communities(make_community, visibility):
    community, _gardener = make_community(visibility=visibility)
    member = add_member(community).user

    with pytest.raises(ActionError) as error:
        services.invite_to_community(actor=member, community=community, email="nia@example.org")
    assert error.value.status == 404
    assert not Invitation.objects.exists()


def test_members_of_unlisted_communities_invite_members_but_not_gardeners(make_community):
    community, _gardener = make_community(visibility="unlisted")
    member = add_member(community).user

    with pytest.raises(ActionError) as error:
        services.invite_to_community(
            actor=member, community=community, email="nia@example.org", role=Role.GARDENER
        )
    assert error.value.field == "role"

    invitation, _token = services.invite_to_community(
        actor=member, community=community, email="nia@example.org"
    )
    assert invitation.invited_by == member


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"email": "not an email"}, "email"),
        ({"email": "nia@example.org", "role": "owner"}, "role"),
        ({"email": "nia@example.org", "message": "x" * 1001}, "message"),
    ],
)
def test_invite_refuses_bad_input(community, gardener, kwargs, field):
    with pytest.raises(ActionError) as error:
        services.invite_to_community(actor=gardener, community=community, **kwargs)
    assert error.value.field == field
    assert not Invitation.objects.exists()


def test_inviting_an_existing_member_is_refused(community, gardener, member):
    with pytest.raises(ActionError, match="already a member") as error:
        services.invite_to_community(
            actor=gardener, community=community, email=member.email.upper()
        )
    assert error.value.field == "email"


# --- the invitation page --------------------------------------------------------------


@pytest.fixture
def invited(community, gardener):
    invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="nia@example.org", message="Welcome aboard"
    )
    return invitation, token, UserFactory(email="nia@example.org")


def test_anyone_with_the_link_sees_the_invitation(invited, client):
    invitation, token, _nia = invited

    response = client.get(f"/invitations/{token}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert f"You are invited to {invitation.community.name}" in content
    assert "Welcome aboard" in content
    assert "nia@example.org" in content


def test_accepting_needs_sign_in(invited, client):
    _invitation, token, nia = invited

    response = client.post(f"/invitations/{token}/")

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/invitations/{token}/"
    assert not Membership.objects.filter(user=nia).exists()


def test_accepting_through_the_page(invited, client):
    invitation, token, nia = invited
    client.force_login(nia)

    response = client.post(f"/invitations/{token}/", follow=True)

    assert response.redirect_chain[-1][0] == invitation.community.get_absolute_url()
    assert f"Welcome to {invitation.community.name}!" in response.content.decode()
    assert invitation.community.memberships.filter(user=nia).exists()


def test_a_redelivered_invitation_task_sends_once(community, gardener, mailoutbox):
    from communities.tasks import send_invitation_email

    invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="twice@example.org"
    )
    mailoutbox.clear()

    send_invitation_email(invitation.pk, token)
    send_invitation_email(invitation.pk, token)  # the broker delivered it again

    assert len(mailoutbox) == 1
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_a_failed_send_releases_the_claim_for_the_retry(community, gardener, monkeypatch):
    from communities import tasks

    invitation, token = services.invite_to_community(
        actor=gardener, community=community, email="retry@example.org"
    )
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=None)

    def broken(**kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(tasks, "send_templated_mail", broken)
    with pytest.raises(OSError):
        tasks.send_invitation_email(invitation.pk, token)

    invitation.refresh_from_db()
    assert invitation.sent_at is None
