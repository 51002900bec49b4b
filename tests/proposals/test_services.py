"""Proposing, supporting and launching: the rules live in proposals.services."""

from datetime import date, time, timedelta

import pytest
from django.core import mail

from communities.models import Activity, Community, Membership, MembershipChange
from communities.models.choices import Level, Role, Stage
from core.errors import ActionError
from proposals import services, tasks
from proposals.models import Proposal, Supporter
from rhythm.services import MeetingDetails
from tests.factories import CommunityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _launch(proposal, actor, **kwargs):
    fields = {"name": proposal.title, "slug": "reading-for-pleasure", "join_policy": "open"}
    return services.launch_proposal(actor=actor, proposal=proposal, **{**fields, **kwargs})


def test_a_proposal_renders_its_domain_as_sanitised_markdown(make_proposal):
    proposal = make_proposal(domain="We **read**. <script>alert(1)</script>")

    assert proposal.status == Proposal.Status.GATHERING
    assert "<strong>read</strong>" in proposal.domain_html
    assert "<script" not in proposal.domain_html


def test_support_is_one_row_per_person_and_can_change_or_be_withdrawn(proposal, helper):
    services.support_proposal(user=helper, proposal=proposal, role="join", note="Yes")
    services.support_proposal(user=helper, proposal=proposal, role="help", note="I can host")

    supporter = Supporter.objects.get(proposal=proposal, user=helper)
    assert (supporter.role, supporter.note) == ("help", "I can host")

    services.withdraw_support(user=helper, proposal=proposal)
    assert not Supporter.objects.filter(proposal=proposal).exists()
    with pytest.raises(ActionError, match="not supported"):
        services.withdraw_support(user=helper, proposal=proposal)


def test_the_proposer_does_not_support_their_own_proposal(proposal, proposer):
    with pytest.raises(ActionError, match="gardener") as refused:
        services.support_proposal(user=proposer, proposal=proposal, role="help")
    assert refused.value.status == 400


def test_only_the_proposer_edits_and_withdraws(proposal, proposer, helper):
    with pytest.raises(ActionError) as refused:
        services.update_proposal(actor=helper, proposal=proposal, title="Mine now")
    assert refused.value.status == 403
    with pytest.raises(ActionError):
        services.withdraw_proposal(actor=helper, proposal=proposal)

    services.update_proposal(actor=proposer, proposal=proposal, domain="Now **bold**")
    proposal.refresh_from_db()
    assert "<strong>bold</strong>" in proposal.domain_html
    services.withdraw_proposal(actor=proposer, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN


def test_launch_makes_the_community_with_its_gardener_core_group_and_members(
    make_proposal, proposer, helper, joiner
):
    proposal = make_proposal(supporters=[(helper, "help"), (joiner, "join")], visibility="unlisted")

    community = _launch(proposal, proposer, join_policy="request")

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.LAUNCHED
    assert proposal.launched_community == community
    assert community.stage == Stage.COALESCING
    assert community.visibility == "unlisted"
    assert community.join_policy == "request"
    # The community page shows its domain as plain text: the words, not the asterisks.
    assert community.concern == "Getting pupils to choose to read."
    assert community.audience == proposal.audience
    roles = {m.user: m for m in Membership.objects.filter(community=community)}
    assert roles[proposer].role == Role.GARDENER
    assert roles[helper].role == Role.MEMBER
    assert roles[helper].level == Level.CORE
    assert roles[helper].level_overridden
    assert roles[helper].level_override_reason == "helped launch the community"
    assert roles[joiner].role == Role.MEMBER
    assert roles[joiner].level == Level.PERIPHERAL
    joined = Activity.objects.filter(community=community, verb=Activity.Verb.JOINED)
    assert set(joined.values_list("actor", flat=True)) == {helper.pk, joiner.pk}
    # The helper's trajectory says why they start at the core.
    assert MembershipChange.objects.filter(
        user=helper, community=community, new_value=Level.CORE
    ).exists()


def test_launch_can_schedule_a_launch_meeting(proposal, proposer):
    day = date.today() + timedelta(days=10)
    details = MeetingDetails(
        title="Launch of the network",
        kind="regular",  # whatever the caller says, it is a launch
        day=day,
        start_time=time(17, 0),
        end_time=time(18, 0),
        timezone="Europe/London",
    )

    community = _launch(proposal, proposer, launch_meeting=details)

    [series] = community.meeting_series.all()
    assert series.kind == "launch"
    assert series.rrule == ""


def test_a_launch_meeting_in_the_past_refuses_the_whole_launch(proposal, proposer):
    details = MeetingDetails(
        title="Launch",
        kind="launch",
        day=date.today() - timedelta(days=2),
        start_time=time(17, 0),
        end_time=time(18, 0),
        timezone="UTC",
    )
    with pytest.raises(ActionError, match="future") as refused:
        _launch(proposal, proposer, launch_meeting=details)

    assert refused.value.field == "day"
    assert not Community.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.GATHERING


def test_launching_twice_creates_one_community(proposal, proposer):
    _launch(proposal, proposer)
    with pytest.raises(ActionError, match="already been launched") as refused:
        _launch(proposal, proposer, slug="another-address")

    assert refused.value.status == 409
    assert Community.objects.count() == 1


def test_a_taken_address_refuses_the_launch_and_keeps_the_proposal_gathering(proposal, proposer):
    CommunityFactory(slug="reading-for-pleasure")

    with pytest.raises(ActionError, match="already taken") as refused:
        _launch(proposal, proposer)

    assert refused.value.field == "slug"
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.GATHERING
    assert proposal.launched_community is None


def test_someone_else_cannot_launch_it(proposal, helper):
    with pytest.raises(ActionError) as refused:
        _launch(proposal, helper)
    assert refused.value.status == 403
    assert not Community.objects.exists()


@pytest.mark.parametrize("status", ["launched", "withdrawn"])
def test_a_closed_proposal_takes_no_support(proposal, proposer, helper, status):
    if status == "launched":
        _launch(proposal, proposer)
    else:
        services.withdraw_proposal(actor=proposer, proposal=proposal)

    with pytest.raises(ActionError) as refused:
        services.support_proposal(user=helper, proposal=proposal, role="join")
    assert refused.value.status == 409
    assert not Supporter.objects.exists()


def test_supporters_hear_of_the_launch_once(
    make_proposal, proposer, helper, joiner, django_capture_on_commit_callbacks
):
    proposal = make_proposal(supporters=[(helper, "help"), (joiner, "join")])

    with django_capture_on_commit_callbacks(execute=True):
        community = _launch(proposal, proposer)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([helper.email, joiner.email])
    to_helper = next(m for m in mail.outbox if m.to == [helper.email])
    assert community.name in to_helper.subject
    assert "core group" in to_helper.body
    assert community.get_absolute_url() in to_helper.body
    to_joiner = next(m for m in mail.outbox if m.to == [joiner.email])
    assert "core group" not in to_joiner.body
    # A redelivered task finds every row claimed and sends nothing.
    assert tasks.notify_supporters_of_launch(proposal.pk) == 0
    assert len(mail.outbox) == 2


def test_the_launch_mail_waits_for_the_commit(
    make_proposal, proposer, helper, django_capture_on_commit_callbacks
):
    proposal = make_proposal(supporters=[(helper, "join")])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _launch(proposal, proposer)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_an_inactive_supporter_is_not_added(make_proposal, proposer):
    gone = UserFactory()
    proposal = make_proposal(supporters=[(gone, "join")])
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    community = _launch(proposal, proposer)

    assert not Membership.objects.filter(community=community, user=gone).exists()
