"""Joining, requests, leaving, roles and levels: the membership services."""

import pytest

from communities import services
from communities.models import Activity, JoinRequest, Membership, MembershipChange
from communities.models.choices import Level, Role
from core.errors import ActionError
from tests.factories import UserFactory, add_member

pytestmark = pytest.mark.django_db


def _changes(membership):
    return [
        (c.field, c.old_value, c.new_value, c.cause)
        for c in MembershipChange.objects.filter(membership=membership).order_by("id")
    ]


# --- joining an open community --------------------------------------------------------


def test_join_community_creates_a_peripheral_membership_with_history(community, outsider):
    membership = services.join_community(user=outsider, community=community)

    assert membership.role == Role.MEMBER
    assert membership.level == Level.PERIPHERAL
    assert _changes(membership) == [
        ("role", "", Role.MEMBER, MembershipChange.Cause.JOINED),
        ("level", "", Level.PERIPHERAL, MembershipChange.Cause.JOINED),
    ]
    joined = Activity.objects.get(community=community, verb=Activity.Verb.JOINED)
    assert joined.actor == outsider
    assert joined.target_id == membership.pk


def test_joining_withdraws_a_request_left_from_when_the_community_took_requests(
    make_community, outsider
):
    community, gardener = make_community(join_policy="request")
    services.request_to_join_community(user=outsider, community=community)
    services.update_community(actor=gardener, community=community, join_policy="open")

    services.join_community(user=outsider, community=community)

    assert JoinRequest.objects.get(user=outsider).status == JoinRequest.Status.WITHDRAWN


def test_joining_an_invisible_community_answers_not_found(make_community, outsider):
    community, _gardener = make_community(visibility="private")

    with pytest.raises(ActionError) as error:
        services.join_community(user=outsider, community=community)
    assert error.value.status == 404
    assert not Membership.objects.filter(user=outsider).exists()


# --- requests to join -----------------------------------------------------------------


def test_request_to_join_emails_every_gardener(
    make_community, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    community, gardener = make_community(join_policy="request", name="Bridge engineers")
    second = add_member(community, role=Role.GARDENER).user
    plain = add_member(community).user

    with django_capture_on_commit_callbacks(execute=True):
        join_request = services.request_to_join_community(
            user=outsider, community=community, message="I inspect bridges too"
        )

    assert join_request.status == JoinRequest.Status.PENDING
    # One letter each: no gardener sees another's address.
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([gardener.email, second.email])
    assert all(len(mail.to) == 1 for mail in mailoutbox)
    mail = mailoutbox[0]
    assert plain.email not in mail.to
    assert f"{outsider.name} asks to join Bridge engineers" in mail.subject
    assert "I inspect bridges too" in mail.body
    assert f"/c/{community.slug}/settings/people/" in mail.body


def test_a_second_request_while_one_waits_is_refused(make_community, outsider):
    community, _gardener = make_community(join_policy="request")
    services.request_to_join_community(user=outsider, community=community)

    with pytest.raises(ActionError, match="already waiting"):
        services.request_to_join_community(user=outsider, community=community)
    assert JoinRequest.objects.filter(user=outsider).count() == 1


def test_withdraw_join_request(make_community, outsider):
    community, _gardener = make_community(join_policy="request")
    services.request_to_join_community(user=outsider, community=community)

    services.withdraw_join_request(user=outsider, community=community)

    join_request = JoinRequest.objects.get(user=outsider)
    assert join_request.status == JoinRequest.Status.WITHDRAWN
    assert join_request.decided_at is not None


def test_withdrawing_without_a_waiting_request_is_refused(make_community, outsider):
    community, _gardener = make_community(join_policy="request")
    with pytest.raises(ActionError, match="no request waiting"):
        services.withdraw_join_request(user=outsider, community=community)


def test_a_withdrawn_request_can_be_decided_no_more(make_community, outsider):
    community, gardener = make_community(join_policy="request")
    join_request = services.request_to_join_community(user=outsider, community=community)
    services.withdraw_join_request(user=outsider, community=community)

    with pytest.raises(ActionError, match="already been decided"):
        services.decide_join_request(actor=gardener, join_request=join_request, approve=True)
    assert not Membership.objects.filter(user=outsider).exists()


# --- deciding requests ----------------------------------------------------------------


@pytest.fixture
def pending(make_community, outsider):
    community, gardener = make_community(join_policy="request", name="Bridge engineers")
    join_request = services.request_to_join_community(user=outsider, community=community)
    return community, gardener, join_request


def test_approving_a_request_makes_a_member_with_history_and_ledger(
    pending, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    community, gardener, join_request = pending

    with django_capture_on_commit_callbacks(execute=True):
        membership = services.decide_join_request(
            actor=gardener, join_request=join_request, approve=True
        )

    assert membership.user == outsider
    assert membership.role == Role.MEMBER
    assert _changes(membership) == [
        ("role", "", Role.MEMBER, MembershipChange.Cause.JOINED),
        ("level", "", Level.PERIPHERAL, MembershipChange.Cause.JOINED),
    ]
    assert all(c.changed_by == gardener for c in membership.changes.all())
    assert (
        Activity.objects.filter(
            community=community, verb=Activity.Verb.JOINED, actor=outsider
        ).count()
        == 1
    )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == gardener
    assert join_request.decided_at is not None
    assert [m.to for m in mailoutbox] == [[outsider.email]]
    assert mailoutbox[0].subject == "Welcome to Bridge engineers"
    assert f"/c/{community.slug}/" in mailoutbox[0].body


def test_declining_a_request_emails_the_requester_and_adds_nobody(
    pending, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    community, gardener, join_request = pending

    with django_capture_on_commit_callbacks(execute=True):
        result = services.decide_join_request(
            actor=gardener, join_request=join_request, approve=False
        )

    assert result is None
    assert not Membership.objects.filter(community=community, user=outsider).exists()
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert [m.to for m in mailoutbox] == [[outsider.email]]
    assert "did not approve" in mailoutbox[0].body


def test_deciding_twice_is_refused(
    pending, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    community, gardener, join_request = pending
    services.decide_join_request(actor=gardener, join_request=join_request, approve=False)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ActionError, match="already been decided"),
    ):
        services.decide_join_request(actor=gardener, join_request=join_request, approve=True)

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not Membership.objects.filter(community=community, user=outsider).exists()
    assert mailoutbox == []


@pytest.mark.parametrize("role", [Role.MEMBER, Role.SPONSOR])
def test_only_gardeners_decide_requests(pending, role):
    community, _gardener, join_request = pending
    person = add_member(community, role=role).user

    with pytest.raises(ActionError) as error:
        services.decide_join_request(actor=person, join_request=join_request, approve=True)
    assert error.value.status == 404
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


# --- leaving --------------------------------------------------------------------------


def test_leave_community_removes_the_membership_and_records_it(community, member):
    services.leave_community(user=member, community=community)

    assert not Membership.objects.filter(community=community, user=member).exists()
    assert (
        Activity.objects.filter(community=community, verb=Activity.Verb.LEFT, actor=member).count()
        == 1
    )


def test_the_last_gardener_cannot_leave(community, gardener):
    with pytest.raises(ActionError, match="only gardener"):
        services.leave_community(user=gardener, community=community)

    assert community.memberships.get(user=gardener).role == Role.GARDENER


def test_a_gardener_may_leave_when_another_remains(community, gardener):
    add_member(community, role=Role.GARDENER)

    services.leave_community(user=gardener, community=community)

    assert not community.memberships.filter(user=gardener).exists()


def test_leaving_a_community_you_are_not_in_is_refused(community, outsider):
    with pytest.raises(ActionError, match="not a member"):
        services.leave_community(user=outsider, community=community)


# --- roles ----------------------------------------------------------------------------


def test_set_member_role_keeps_history_and_a_members_only_ledger_row(community, gardener):
    membership = add_member(community)

    services.set_member_role(actor=gardener, membership=membership, role=Role.GARDENER)

    membership.refresh_from_db()
    assert membership.role == Role.GARDENER
    change = membership.changes.get(field="role")
    assert (change.old_value, change.new_value, change.cause, change.changed_by) == (
        Role.MEMBER,
        Role.GARDENER,
        MembershipChange.Cause.ROLE_CHANGE,
        gardener,
    )
    activity = Activity.objects.get(community=community, verb=Activity.Verb.ROLE_CHANGED)
    assert activity.actor == membership.user
    assert activity.is_public is False


def test_setting_the_same_role_changes_nothing(community, gardener):
    membership = add_member(community)

    services.set_member_role(actor=gardener, membership=membership, role=Role.MEMBER)

    assert not membership.changes.exists()
    assert not Activity.objects.filter(verb=Activity.Verb.ROLE_CHANGED).exists()


def test_the_last_gardener_cannot_be_demoted(community, gardener):
    membership = community.memberships.get(user=gardener)

    with pytest.raises(ActionError, match="at least one gardener"):
        services.set_member_role(actor=gardener, membership=membership, role=Role.MEMBER)

    membership.refresh_from_db()
    assert membership.role == Role.GARDENER


def test_a_gardener_can_step_down_when_another_gardener_remains(community, gardener):
    add_member(community, role=Role.GARDENER)
    membership = community.memberships.get(user=gardener)

    services.set_member_role(actor=gardener, membership=membership, role=Role.SPONSOR)

    membership.refresh_from_db()
    assert membership.role == Role.SPONSOR


def test_set_member_role_refuses_an_unknown_role(community, gardener):
    membership = add_member(community)
    with pytest.raises(ActionError) as error:
        services.set_member_role(actor=gardener, membership=membership, role="owner")
    assert error.value.field == "role"
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


def test_members_cannot_change_roles(community, member):
    membership = community.memberships.get(user=member)
    with pytest.raises(ActionError) as error:
        services.set_member_role(actor=member, membership=membership, role=Role.GARDENER)
    assert error.value.status == 404
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


# --- levels ---------------------------------------------------------------------------


def test_override_member_level_pins_the_level_with_a_reason(community, gardener):
    membership = add_member(community)

    services.override_member_level(
        actor=gardener, membership=membership, level=Level.ACTIVE, reason="  Runs our meetups  "
    )

    membership.refresh_from_db()
    assert membership.level == Level.ACTIVE
    assert membership.level_overridden is True
    assert membership.level_override_reason == "Runs our meetups"
    change = membership.changes.get()
    assert (change.field, change.old_value, change.new_value) == (
        "level",
        Level.PERIPHERAL,
        Level.ACTIVE,
    )
    assert change.cause == MembershipChange.Cause.OVERRIDE
    assert change.reason == "Runs our meetups"
    assert change.changed_by == gardener
    assert Activity.objects.filter(verb=Activity.Verb.LEVEL_CHANGED, is_public=False).count() == 1


def test_a_pinned_level_is_not_moved_by_computed_levels(community, gardener):
    membership = add_member(community)
    services.override_member_level(
        actor=gardener, membership=membership, level=Level.CORE, reason="Founding member"
    )
    membership.refresh_from_db()

    services.set_member_level(
        membership=membership, level=Level.OCCASIONAL, cause=MembershipChange.Cause.COMPUTED
    )

    membership.refresh_from_db()
    assert membership.level == Level.CORE
    assert membership.level_overridden is True
    assert membership.changes.count() == 1


def test_computed_levels_apply_once_the_override_is_cleared(community, gardener):
    membership = add_member(community)
    services.override_member_level(
        actor=gardener, membership=membership, level=Level.CORE, reason="Founding member"
    )
    membership = services.clear_level_override(actor=gardener, membership=membership)

    services.set_member_level(
        membership=membership, level=Level.OCCASIONAL, cause=MembershipChange.Cause.COMPUTED
    )

    membership.refresh_from_db()
    assert membership.level == Level.OCCASIONAL


@pytest.mark.parametrize("reason", ["", "   "])
def test_override_member_level_needs_a_reason(community, gardener, reason):
    membership = add_member(community)

    with pytest.raises(ActionError) as error:
        services.override_member_level(
            actor=gardener, membership=membership, level=Level.CORE, reason=reason
        )

    assert error.value.field == "reason"
    membership.refresh_from_db()
    assert (membership.level, membership.level_overridden) == (Level.PERIPHERAL, False)
    assert not membership.changes.exists()


def test_override_member_level_refuses_a_long_reason(community, gardener):
    membership = add_member(community)
    with pytest.raises(ActionError) as error:
        services.override_member_level(
            actor=gardener, membership=membership, level=Level.CORE, reason="x" * 301
        )
    assert error.value.field == "reason"


def test_override_member_level_refuses_an_unknown_level_and_saves_nothing(community, gardener):
    membership = add_member(community)

    with pytest.raises(ActionError) as error:
        services.override_member_level(
            actor=gardener, membership=membership, level="legend", reason="Why not"
        )

    assert error.value.field == "level"
    membership.refresh_from_db()
    assert (membership.level, membership.level_overridden) == (Level.PERIPHERAL, False)


def test_members_cannot_override_levels(community, member):
    membership = add_member(community)
    with pytest.raises(ActionError) as error:
        services.override_member_level(
            actor=member, membership=membership, level=Level.CORE, reason="Friends"
        )
    assert error.value.status == 404
    membership.refresh_from_db()
    assert membership.level == Level.PERIPHERAL


def test_clear_level_override_releases_the_pin_and_notes_it(community, gardener):
    membership = add_member(community)
    services.override_member_level(
        actor=gardener, membership=membership, level=Level.ACTIVE, reason="Runs our meetups"
    )

    services.clear_level_override(actor=gardener, membership=membership)

    membership.refresh_from_db()
    assert membership.level_overridden is False
    assert membership.level_override_reason == ""
    assert membership.level == Level.ACTIVE  # until the next recompute
    last = membership.changes.order_by("id").last()
    assert last.cause == MembershipChange.Cause.OVERRIDE_CLEARED
    assert last.changed_by == gardener


def test_clearing_a_level_that_is_not_overridden_is_refused(community, gardener):
    membership = add_member(community)
    with pytest.raises(ActionError, match="not set by a gardener"):
        services.clear_level_override(actor=gardener, membership=membership)
    assert not membership.changes.exists()


def test_a_person_may_hold_different_roles_in_different_communities(make_community):
    person = UserFactory()
    first, _g1 = make_community()
    second, _g2 = make_community()
    services.join_community(user=person, community=first)
    add_member(second, user=person, role=Role.SPONSOR)

    roles = dict(Membership.objects.filter(user=person).values_list("community__slug", "role"))
    assert roles == {first.slug: Role.MEMBER, second.slug: Role.SPONSOR}


def test_leaving_keeps_the_trajectory(community):
    member = UserFactory()
    services.join_community(user=member, community=community)

    services.leave_community(user=member, community=community)

    history = MembershipChange.objects.filter(user=member, community=community)
    assert history.filter(cause="joined").exists()
    assert history.filter(cause="left").exists()
    assert history.filter(membership__isnull=False).count() == 0


def test_joining_by_invitation_settles_a_waiting_request(community, gardener):
    services.update_community(actor=gardener, community=community, join_policy="request")
    person = UserFactory()
    services.request_to_join_community(user=person, community=community)
    _invitation, token = services.invite_to_community(
        actor=gardener, community=community, email=person.email
    )

    services.accept_invitation(user=person, token=token)

    assert not JoinRequest.objects.filter(user=person, status="pending").exists()


def test_an_invitation_ends_with_the_inviters_authority(community, gardener):
    other = add_member(community, role="gardener").user
    _invitation, token = services.invite_to_community(
        actor=other, community=community, email="new@example.org", role="gardener"
    )
    services.set_member_role(
        actor=gardener, membership=community.memberships.get(user=other), role="member"
    )

    with pytest.raises(ActionError, match="no longer valid"):
        services.accept_invitation(user=UserFactory(email="new@example.org"), token=token)
