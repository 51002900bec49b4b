"""Long sequences of real actions (threads, replies, moves, moderation, helpful marks,
visibility changes, levels, assets): after every step the roll-ups equal a rebuild from the
raw ledger, every row's flags follow what it is about, and every row's target exists."""

import contextlib

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from assets import services as assets
from communities import services as communities
from core.errors import ActionError
from discussions import moderation
from discussions import services as discussions
from participation.services import recompute_levels
from tests.communities.ledger_checks import (
    assert_every_target_exists,
    assert_flags_follow_the_targets,
    assert_rollups_equal_a_rebuild,
)
from tests.factories import CommunityFactory, UserFactory, add_member

pytestmark = pytest.mark.django_db

pick = st.integers(min_value=0, max_value=1000)


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # Each run starts from an empty database and leaves none of its rows behind.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.gardener = UserFactory()
        self.communities = [
            CommunityFactory(creator=self.gardener, visibility="public"),
            CommunityFactory(creator=self.gardener, visibility="unlisted"),
        ]
        self.members = [UserFactory() for _ in range(3)]
        for community in self.communities:
            for member in self.members:
                add_member(community, member)
        self.threads, self.posts, self.steps = [], [], 0

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _person(self, n: int):
        return ([self.gardener, *self.members])[n % (len(self.members) + 1)]

    def _fresh(self, thread):
        thread.refresh_from_db()
        return thread

    @rule(where=pick, who=pick, members_only=st.booleans())
    def start_thread(self, where, who, members_only):
        self.steps += 1
        thread = discussions.create_thread(
            author=self._person(who),
            community=self.communities[where % 2],
            title=f"Question {self.steps}",
            body=f"What would you try, case {self.steps}?",
            behaviour_codes=["problem-solving"],
            members_only=members_only,
        )
        self.threads.append(thread)

    @precondition(lambda self: self.threads)
    @rule(which=pick, who=pick)
    def reply(self, which, who):
        self.steps += 1
        thread = self._fresh(self.threads[which % len(self.threads)])
        try:
            post = discussions.reply_to_thread(
                author=self._person(who), thread=thread, body=f"Reply {self.steps}: try this."
            )
        except ActionError:  # a hidden or locked thread takes no replies
            return
        self.posts.append(post)

    @precondition(lambda self: self.posts)
    @rule(which=pick, who=pick)
    def mark_helpful(self, which, who):
        post = self.posts[which % len(self.posts)]
        post.refresh_from_db()
        with contextlib.suppress(ActionError):  # one's own post, or a hidden one
            discussions.toggle_helpful(member=self._person(who), post=post)

    @precondition(lambda self: self.posts)
    @rule(which=pick, hidden=st.booleans())
    def hide_post(self, which, hidden):
        post = self.posts[which % len(self.posts)]
        post.refresh_from_db()
        moderation.set_post_hidden(actor=self.gardener, post=post, hidden=hidden)

    @precondition(lambda self: self.threads)
    @rule(which=pick, hidden=st.booleans())
    def hide_thread(self, which, hidden):
        thread = self._fresh(self.threads[which % len(self.threads)])
        moderation.set_thread_switch(actor=self.gardener, thread=thread, switch="hidden", on=hidden)

    @precondition(lambda self: self.threads)
    @rule(which=pick)
    def move_thread(self, which):
        thread = self._fresh(self.threads[which % len(self.threads)])
        to = next(c for c in self.communities if c.pk != thread.community_id)
        moderation.move_thread(actor=self.gardener, thread=thread, to=to)

    @rule(where=pick, visibility=st.sampled_from(["public", "unlisted", "private"]))
    def change_visibility(self, where, visibility):
        community = self.communities[where % 2]
        community.refresh_from_db()
        communities.update_community(
            actor=self.gardener, community=community, visibility=visibility
        )

    @rule(where=pick, who=pick, level=st.sampled_from(["occasional", "active", "core"]))
    def set_level(self, where, who, level):
        community = self.communities[where % 2]
        membership = community.memberships.get(user=self.members[who % len(self.members)])
        communities.override_member_level(
            actor=self.gardener, membership=membership, level=level, reason="Steady helper"
        )

    @rule(where=pick)
    def recompute(self, where):
        recompute_levels(self.communities[where % 2])

    @rule(where=pick, who=pick, public=st.booleans())
    def publish_asset(self, where, who, public):
        self.steps += 1
        community = self.communities[where % 2]
        community.refresh_from_db()
        assets.publish_asset(
            author=self._person(who),
            community=community,
            title=f"Notes {self.steps}",
            kind="document",
            body="# What we learnt\n\nAgree one focus.\n",
            visibility="public" if public and community.is_public else "members",
        )

    @invariant()
    def rollups_equal_a_rebuild(self):
        assert_rollups_equal_a_rebuild()

    @invariant()
    def flags_follow_the_targets(self):
        assert_flags_follow_the_targets()

    @invariant()
    def every_target_exists(self):
        assert_every_target_exists()


LedgerMachine.TestCase.settings = settings(
    max_examples=4,
    stateful_step_count=12,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def test_the_ledger_and_its_rollups_stay_in_step(db):
    run_state_machine_as_test(LedgerMachine, settings=LedgerMachine.TestCase.settings)
