"""Guests from outside: one thread opened to one person, for a while, and nothing else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import Activity, GuestPass
from communities.models.choices import Role
from communities.services import invite_to_community, set_member_role
from communities.services.guests import accept_guest_pass, revoke_guest_pass
from core.errors import ActionError
from core.vocabulary import Verb
from discussions import services
from discussions.permissions import threads as thread_policy
from tests.factories import ThreadFactory, UserFactory, add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle(make_community):
    community, gardener = make_community(visibility="private", slug="supervision-circle")
    thread = ThreadFactory(
        community=community, author=gardener, title="How do we close cases well?"
    )
    other = ThreadFactory(community=community, author=gardener, title="Only for us")
    return community, gardener, thread, other


@pytest.fixture
def guest():
    return UserFactory(email="visitor@example.org", display_name="Vera Visitor")


def _invite(gardener, thread, mailoutbox, capture, email="visitor@example.org", days=30):
    with capture(execute=True):
        guest_pass = services.invite_thread_guest(
            actor=gardener, thread=thread, email=email, message="Your view would help", days=days
        )
    token = mailoutbox[-1].body.split("/guest/")[1].split("/")[0]
    return guest_pass, token


def _welcome_guest(circle, guest, client, mailoutbox, capture):
    _community, gardener, thread, _other = circle
    _guest_pass, token = _invite(gardener, thread, mailoutbox, capture)
    client.force_login(guest)
    response = client.post(f"/guest/{token}/")
    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    return token


def test_the_invitation_mails_a_link_bound_to_that_address(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    _community, gardener, thread, _other = circle

    guest_pass, token = _invite(gardener, thread, mailoutbox, django_capture_on_commit_callbacks)

    assert (guest_pass.target_type, guest_pass.target_id) == ("thread", thread.pk)
    assert guest_pass.token_hash != token
    mail = mailoutbox[0]
    assert mail.to == ["visitor@example.org"]
    assert "How do we close cases well?" in mail.subject
    assert "Your view would help" in mail.body
    assert Activity.objects.filter(verb=Verb.GUEST_INVITED, actor=gardener).count() == 1


def test_a_guest_reads_and_replies_in_that_thread_and_sees_nothing_else(
    circle, guest, client, mailoutbox, django_capture_on_commit_callbacks
):
    community, _gardener, thread, other = circle
    _welcome_guest(circle, guest, client, mailoutbox, django_capture_on_commit_callbacks)

    page = client.get(thread.get_absolute_url())
    assert page.status_code == 200
    assert "You are a guest in this conversation" in page.content.decode()

    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": "From outside: ..."})
    assert response.status_code == 302
    content = client.get(thread.get_absolute_url()).content.decode()
    assert 'class="badge guest"' in content
    assert Activity.objects.filter(verb=Verb.GUEST_REPLIED, actor=guest).count() == 1

    slug = community.slug
    for path in (
        f"/c/{slug}/",
        f"/c/{slug}/threads/",
        f"/c/{slug}/members/",
        f"/c/{slug}/feed/",
        f"/c/{slug}/moderation/",
        other.get_absolute_url(),
        f"/c/{slug}/threads/new/",
    ):
        assert client.get(path).status_code == 404, path
    # The thread itself is theirs to see: what they may not do there is refused, not hidden.
    assert client.get(f"{thread.get_absolute_url()}guests/").status_code == 403
    assert client.post(f"{other.get_absolute_url()}reply/", {"body": "x"}).status_code == 404
    assert client.post(f"/c/{slug}/join/").status_code == 404


def test_a_guest_cannot_invite_anyone(
    circle, guest, client, mailoutbox, django_capture_on_commit_callbacks
):
    community, _gardener, thread, _other = circle
    _welcome_guest(circle, guest, client, mailoutbox, django_capture_on_commit_callbacks)

    with pytest.raises(ActionError):
        services.invite_thread_guest(actor=guest, thread=thread, email="friend@example.org")
    with pytest.raises(ActionError):
        invite_to_community(actor=guest, community=community, email="friend@example.org")
    assert client.get(f"{thread.get_absolute_url()}guests/").status_code == 403


def test_revoked_or_expired_access_closes_the_thread(
    circle, guest, client, mailoutbox, django_capture_on_commit_callbacks
):
    _community, gardener, thread, _other = circle
    token = _welcome_guest(circle, guest, client, mailoutbox, django_capture_on_commit_callbacks)
    guest_pass = GuestPass.objects.get()

    GuestPass.objects.filter(pk=guest_pass.pk).update(expires_at=timezone.now())
    assert client.get(thread.get_absolute_url()).status_code == 404
    GuestPass.objects.filter(pk=guest_pass.pk).update(expires_at=timezone.now() + timedelta(days=1))
    assert client.get(thread.get_absolute_url()).status_code == 200

    revoke_guest_pass(actor=gardener, guest_pass=guest_pass)

    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.post(f"/guest/{token}/").status_code == 410
    with pytest.raises(ActionError, match="already ended"):
        revoke_guest_pass(actor=gardener, guest_pass=guest_pass)


def test_the_link_works_only_for_the_invited_address(
    circle, client, mailoutbox, django_capture_on_commit_callbacks
):
    _community, gardener, thread, _other = circle
    _guest_pass, token = _invite(gardener, thread, mailoutbox, django_capture_on_commit_callbacks)
    client.force_login(UserFactory(email="someone-else@example.org"))

    response = client.post(f"/guest/{token}/")

    assert response.status_code == 403
    assert "another email address" in response.content.decode()
    assert client.get(thread.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("token", ["nope", "x" * 300])
def test_unknown_guest_links_are_404(client, token):
    assert client.get(f"/guest/{token}/").status_code == 404


def test_a_spent_link_says_so_without_details(
    circle, guest, client, mailoutbox, django_capture_on_commit_callbacks
):
    token = _welcome_guest(circle, guest, client, mailoutbox, django_capture_on_commit_callbacks)
    client.force_login(UserFactory())

    response = client.get(f"/guest/{token}/")
    assert response.status_code == 200  # still usable by its owner, but not by this person
    assert client.post(f"/guest/{token}/").status_code == 410


def test_an_expired_invitation_cannot_be_accepted(
    circle, guest, mailoutbox, django_capture_on_commit_callbacks
):
    _community, gardener, thread, _other = circle
    guest_pass, token = _invite(gardener, thread, mailoutbox, django_capture_on_commit_callbacks)
    GuestPass.objects.filter(pk=guest_pass.pk).update(expires_at=timezone.now())

    with pytest.raises(ActionError, match="expired"):
        accept_guest_pass(user=guest, token=token)


def test_the_invitation_ends_with_the_inviters_authority(
    circle, guest, mailoutbox, django_capture_on_commit_callbacks
):
    community, gardener, thread, _other = circle
    _guest_pass, token = _invite(gardener, thread, mailoutbox, django_capture_on_commit_callbacks)
    other_gardener = add_member(community, role=Role.GARDENER)
    set_member_role(
        actor=other_gardener.user,
        membership=community.memberships.get(user=gardener),
        role=Role.MEMBER,
    )

    with pytest.raises(ActionError, match="no longer valid"):
        accept_guest_pass(user=guest, token=token)


@pytest.mark.parametrize(
    ("email", "days", "message"),
    [
        ("not-an-email", 30, "valid email"),
        ("a" * 250 + "@example.org", 30, "valid email"),
        ("visitor@example.org", 0, "between 1 and"),
        ("visitor@example.org", 999, "between 1 and"),
    ],
)
def test_bad_invitations_are_refused(circle, email, days, message):
    _community, gardener, thread, _other = circle

    with pytest.raises(ActionError, match=message):
        services.invite_thread_guest(actor=gardener, thread=thread, email=email, days=days)
    assert not GuestPass.objects.exists()


def test_members_are_not_invited_as_guests(circle):
    community, gardener, thread, _other = circle
    member = add_member(community).user

    with pytest.raises(ActionError, match="already a member"):
        services.invite_thread_guest(actor=gardener, thread=thread, email=member.email)


def test_only_gardeners_invite_guests(circle, client):
    community, _gardener, thread, _other = circle
    member = add_member(community).user
    client.force_login(member)

    assert client.get(f"{thread.get_absolute_url()}guests/").status_code == 403
    assert (
        client.post(
            f"{thread.get_absolute_url()}guests/", {"email": "x@example.org", "days": 5}
        ).status_code
        == 403
    )
    assert not GuestPass.objects.exists()


def test_the_invite_form_reports_bad_input_with_a_400(circle, client):
    _community, gardener, thread, _other = circle
    client.force_login(gardener)

    response = client.post(f"{thread.get_absolute_url()}guests/", {"email": "nope", "days": 900})

    assert response.status_code == 400
    assert not GuestPass.objects.exists()


def test_a_members_only_thread_in_a_public_community_opens_to_its_guest(
    make_community, guest, client, mailoutbox, django_capture_on_commit_callbacks
):
    community, gardener = make_community(slug="open-exchange")
    thread = ThreadFactory(community=community, author=gardener, members_only=True)
    _guest_pass, token = _invite(gardener, thread, mailoutbox, django_capture_on_commit_callbacks)
    client.force_login(guest)
    assert client.get(thread.get_absolute_url()).status_code == 404

    client.post(f"/guest/{token}/")

    assert client.get(thread.get_absolute_url()).status_code == 200
    assert thread_policy.can_reply(guest, thread)


def test_guests_show_on_the_people_page_with_a_way_to_end_access(
    circle, guest, client, mailoutbox, django_capture_on_commit_callbacks
):
    community, gardener, _thread, _other = circle
    _welcome_guest(circle, guest, client, mailoutbox, django_capture_on_commit_callbacks)
    guest_pass = GuestPass.objects.get()
    client.force_login(gardener)

    content = client.get(f"/c/{community.slug}/settings/people/").content.decode()
    assert "Vera Visitor" in content
    response = client.post(f"/c/{community.slug}/guests/{guest_pass.pk}/revoke/")

    assert response.status_code == 302
    guest_pass.refresh_from_db()
    assert guest_pass.revoked_at is not None


def test_search_finds_the_guests_thread_and_nothing_else(
    circle, guest, client, mailoutbox, django_capture_on_commit_callbacks
):
    _welcome_guest(circle, guest, client, mailoutbox, django_capture_on_commit_callbacks)

    content = client.get("/search/?q=cases").content.decode()
    assert "How do we close cases well?" in content
    assert "Only for us" not in client.get("/search/?q=only").content.decode()


def test_a_guest_finds_the_way_back_from_their_home_page(
    circle, guest, client, mailoutbox, django_capture_on_commit_callbacks
):
    _community, _gardener, thread, _other = circle
    _welcome_guest(circle, guest, client, mailoutbox, django_capture_on_commit_callbacks)

    content = client.get("/").content.decode()

    assert "Where you are a guest" in content
    assert f'href="{thread.get_absolute_url()}"' in content


def test_a_link_for_someone_else_says_so_in_its_heading(
    circle, client, mailoutbox, django_capture_on_commit_callbacks
):
    _community, gardener, thread, _other = circle
    _guest_pass, token = _invite(gardener, thread, mailoutbox, django_capture_on_commit_callbacks)
    client.force_login(UserFactory(email="someone-else@example.org"))

    content = client.post(f"/guest/{token}/").content.decode()

    assert "This guest invitation is for another email address" in content
