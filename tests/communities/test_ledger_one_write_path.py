"""Every change to ledger rows goes through the ledger's own functions, which keep every
roll-up in step: levels set by a gardener or recomputed, moderation, visibility changes."""

import pytest

from communities import services
from communities.ledger import writing
from communities.models import Activity, LedgerDay
from core.vocabulary import Verb
from discussions import moderation
from discussions.services import create_thread, reply_to_thread, toggle_helpful
from participation.services import recompute_levels
from tests.communities.ledger_checks import (
    assert_flags_follow_the_targets,
    assert_rollups_equal_a_rebuild,
)
from tests.factories import CommunityFactory, add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(visibility="public")


@pytest.fixture
def gardener(community):
    return community.memberships.get(role="gardener").user


def test_a_bulk_change_around_the_ledger_is_refused():
    with pytest.raises(writing.LedgerWriteRefused):
        Activity.objects.filter(verb=Verb.REPLIED).update(is_public=False)
    with pytest.raises(writing.LedgerWriteRefused):
        Activity.objects.filter(verb=Verb.REPLIED).delete()
    with pytest.raises(writing.LedgerWriteRefused):
        Activity.objects.bulk_create([])


def test_a_level_a_gardener_sets_is_counted_at_once(community, gardener):
    membership = add_member(community)
    services.override_member_level(
        actor=gardener, membership=membership, level="active", reason="Runs our visits"
    )
    assert LedgerDay.objects.filter(community=community, verb=Verb.LEVEL_CHANGED).exists()
    assert_rollups_equal_a_rebuild()


def test_recomputed_levels_are_counted_at_once(community, gardener):
    member = add_member(community).user
    for n in range(6):
        thread = create_thread(
            author=member,
            community=community,
            title=f"Question {n}",
            body="Body.",
            behaviour_codes=["problem-solving"],
        )
        reply_to_thread(author=gardener, thread=thread, body="An answer.")
    recompute_levels(community)
    assert_rollups_equal_a_rebuild()


def _thread(community, author, title="A question", **extra):
    return create_thread(
        author=author,
        community=community,
        title=title,
        body="Body.",
        behaviour_codes=["problem-solving"],
        **extra,
    )


def test_a_community_going_private_and_back_republishes_its_ledger(community, gardener):
    member = add_member(community).user
    open_thread = _thread(community, member)
    closed = _thread(community, member, title="Between us", members_only=True)
    reply_to_thread(author=gardener, thread=open_thread, body="Reply.")

    services.update_community(actor=gardener, community=community, visibility="private")
    assert not Activity.objects.filter(community=community, is_public=True).exists()
    assert not LedgerDay.objects.filter(community=community, is_public=True).exists()
    assert_rollups_equal_a_rebuild()

    services.update_community(actor=gardener, community=community, visibility="public")
    public = set(Activity.objects.filter(is_public=True).values_list("thread_id", flat=True))
    assert open_thread.pk in public and closed.pk not in public
    assert_flags_follow_the_targets()
    assert_rollups_equal_a_rebuild()


def test_hiding_and_showing_a_thread_keeps_private_rows_private(community, gardener):
    member = add_member(community).user
    thread = _thread(community, member)
    reply = reply_to_thread(author=gardener, thread=thread, body="Reply.")
    toggle_helpful(member=member, post=reply)

    moderation.set_thread_switch(actor=gardener, thread=thread, switch="hidden", on=True)
    assert_rollups_equal_a_rebuild()
    moderation.set_thread_switch(actor=gardener, thread=thread, switch="hidden", on=False)

    marks = Activity.objects.filter(verb__in=[Verb.MARKED_HELPFUL, Verb.HELPFUL_RECEIVED])
    assert marks.count() == 2 and not marks.filter(is_public=True).exists()
    assert_flags_follow_the_targets()
    toggle_helpful(member=member, post=reply)  # taken back: its rows go, counted at once
    assert not marks.exists()
    assert_rollups_equal_a_rebuild()
