"""Levels on the database: the nightly recompute, overrides, trajectories, the refresh on action."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communities import services
from communities.ledger import changes
from communities.models import Activity, MembershipChange
from communities.models.choices import Role
from core.vocabulary import Target, Verb
from participation import tasks as participation_tasks
from participation.models import LevelRules
from participation.services import member_standing, recompute_levels, rules_for
from tests.factories import CommunityFactory, add_member

pytestmark = pytest.mark.django_db


def tell_stories(community, user, weeks, per_week=1):
    now = timezone.now()
    changes.add_many(
        Activity(
            community=community,
            actor=user,
            verb=Verb.VALUE_STORY,
            target_type=Target.VALUE_STORY,
            created_at=now - timedelta(days=7 * week, hours=n + 1),
        )
        for week in range(weeks)
        for n in range(per_week)
    )


def test_recompute_promotes_records_history_and_is_idempotent(community):
    membership = add_member(community)
    tell_stories(community, membership.user, weeks=5)  # 15 points over 5 weeks
    assert recompute_levels(community) == 1
    membership.refresh_from_db()
    assert membership.level == "active"
    step = MembershipChange.objects.filter(user=membership.user, field="level").last()
    assert (step.old_value, step.new_value, step.cause) == ("peripheral", "active", "computed")
    assert recompute_levels(community) == 0  # nothing left to move
    assert MembershipChange.objects.filter(user=membership.user, field="level").count() == 1


def test_override_wins_until_cleared(community, gardener):
    membership = add_member(community)
    services.override_member_level(
        actor=gardener, membership=membership, level="core", reason="Runs our visits"
    )
    recompute_levels(community, review=True)
    recompute_levels(community, review=True)
    membership.refresh_from_db()
    assert membership.level == "core"
    services.clear_level_override(actor=gardener, membership=membership)
    recompute_levels(community, review=True)
    recompute_levels(community, review=True)
    membership.refresh_from_db()
    # A core member who went quiet rests rather than dropping down the ladder.
    assert membership.level == "resting"
    causes = list(
        MembershipChange.objects.filter(user=membership.user, field="level").values_list(
            "cause", flat=True
        )
    )
    assert causes == ["override", "override_cleared", "computed"]


def test_demotion_waits_for_the_second_review(community):
    membership = add_member(community)
    membership.level = "active"
    membership.save()
    recompute_levels(community)  # not a review: nothing happens
    recompute_levels(community, review=True)
    membership.refresh_from_db()
    assert membership.level == "active" and membership.level_review_warned_at
    recompute_levels(community, review=True)
    membership.refresh_from_db()
    assert membership.level == "peripheral"


def test_recompute_queries_do_not_grow_with_members(django_assert_max_num_queries):
    def build(size):
        community = CommunityFactory()
        for _ in range(size):
            tell_stories(community, add_member(community).user, weeks=5)
        return community

    small, large = build(2), build(12)
    # The level rows it writes are counted in the roll-ups too: a fixed few more.
    with django_assert_max_num_queries(18) as counted:
        assert recompute_levels(small) == 2
    with django_assert_max_num_queries(len(counted.captured_queries)):
        assert recompute_levels(large) == 12


def test_nightly_task_covers_every_community(community):
    other = CommunityFactory()
    tell_stories(community, add_member(community).user, weeks=1)
    tell_stories(other, add_member(other).user, weeks=1)
    assert participation_tasks.recompute_participation_levels.delay(review=False).get() == 2
    assert participation_tasks.recompute_participation_levels(review=False) == 0


def test_a_contribution_promotes_the_actor_at_once(community, django_capture_on_commit_callbacks):
    from tests.factories import ThreadFactory

    member = add_member(community).user
    with django_capture_on_commit_callbacks(execute=True):
        ThreadFactory(community=community, author=member)  # 2 points
    assert community.memberships.get(user=member).level == "peripheral"
    with django_capture_on_commit_callbacks(execute=True):
        ThreadFactory(community=community, author=member)  # 4 points
    membership = community.memberships.get(user=member)
    assert membership.level == "occasional"
    assert membership.changes.filter(field="level", cause="computed").count() == 1


def test_member_standing_matches_the_community_view(community):
    from tests.factories import ThreadFactory, add_replies

    newcomer = add_member(community).user
    helper = add_member(community).user
    thread = ThreadFactory(community=community, author=newcomer)
    add_replies(thread, 1, authors=[helper])
    standing = member_standing(community, helper.pk)
    assert standing.by_kind == {"replied": 1, "welcomed_newcomer": 2}
    assert member_standing(community, newcomer.pk).points == 3


def test_gardener_sets_thresholds_and_nonsense_is_a_form_error(client, community, gardener):
    client.force_login(gardener)
    url = reverse("participation:level_rules", kwargs={"slug": community.slug})
    page = client.get(url)
    assert page.status_code == 200 and b"answer accepted" in page.content
    data = {
        "window_days": 60,
        "occasional_points": 2,
        "active_points": 10,
        "active_weeks": 2,
        "active_span_weeks": 8,
        "core_points": 30,
        "core_weeks": 5,
        "core_span_weeks": 12,
        "counterpart_weekly_cap": 10,
    }
    assert client.post(url, data).status_code == 302
    assert rules_for(community).core_points == 30
    for bad in (
        {"active_points": 50},  # above core
        {"window_days": 0},
        {"core_weeks": 13},  # more weeks than looked at
        {"occasional_points": "lots"},
        {"counterpart_weekly_cap": -3},
        {"core_points": 10**20},  # larger than any column: a message, not a 500
    ):
        response = client.post(url, {**data, **bad})
        assert response.status_code == 400, bad
        assert b"errorlist" in response.content
    assert rules_for(community).core_points == 30  # nothing lost
    assert b"9223372036854775807" not in client.get(url).content


def test_only_gardeners_see_the_threshold_settings(client, community, member, sponsor):
    url = reverse("participation:level_rules", kwargs={"slug": community.slug})
    for person in (member, sponsor):
        client.force_login(person)
        assert client.get(url).status_code == 404
    assert not LevelRules.objects.exists()


def test_override_without_reason_is_refused(client, community, gardener):
    membership = add_member(community, role=Role.MEMBER)
    client.force_login(gardener)
    url = reverse(
        "communities:set_level", kwargs={"slug": community.slug, "membership_id": membership.pk}
    )
    response = client.post(url, {"level": "core", "reason": "  "}, follow=True)
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.level == "peripheral" and not membership.level_overridden


def test_the_profile_trajectory_marks_moves_inward_and_outward(client, community, gardener):
    membership = add_member(community)
    services.override_member_level(
        actor=gardener, membership=membership, level="active", reason="Runs the visits"
    )
    services.override_member_level(
        actor=gardener, membership=membership, level="occasional", reason="Stepped back"
    )
    page = client.get(membership.user.get_absolute_url()).content.decode()
    assert "moved inward" in page and "moved outward" in page
