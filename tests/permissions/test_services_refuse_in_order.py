"""Services answer "not found" (404) before "not allowed" (403), whatever the action.

An outsider asking about something in the private community learns nothing (404); asking
about the same kind of thing in the public community, which they can see, is refused (403).
"""

import pytest

from assets import services as assets
from core.errors import ActionError
from discussions import moderation
from discussions import services as discussions
from proposals import services as proposals

ACTIONS = {
    "reply": lambda w, u, k: discussions.reply_to_thread(
        author=u, thread=_locked_or(w, k), body="Hello"
    ),
    "accept": lambda w, u, k: discussions.accept_answer(
        actor=u, thread=w.threads[k], post=w.posts[f"{k}:reply"]
    ),
    "edit": lambda w, u, k: discussions.edit_post(editor=u, post=_post(w, k), body="Changed"),
    "helpful": lambda w, u, k: discussions.toggle_helpful(member=u, post=_post(w, k)),
    "invite guest": lambda w, u, k: discussions.invite_thread_guest(
        actor=u, thread=w.threads[k], email="new@example.org"
    ),
    "flag": lambda w, u, k: moderation.flag_post(member=u, post=_post(w, k), reason="other"),
    "hide post": lambda w, u, k: moderation.set_post_hidden(actor=u, post=_post(w, k), hidden=True),
    "dismiss flags": lambda w, u, k: moderation.dismiss_flags(actor=u, post=_post(w, k)),
    "lock": lambda w, u, k: moderation.set_thread_switch(
        actor=u, thread=w.threads[k], switch="locked", on=True
    ),
    "slow mode": lambda w, u, k: moderation.set_slow_mode(actor=u, thread=w.threads[k], seconds=60),
    "move": lambda w, u, k: moderation.move_thread(
        actor=u, thread=w.threads[k], to=w.communities["unlisted"]
    ),
    "cite": lambda w, u, k: assets.cite_asset(
        user=u, thread=w.threads[k], asset=w.assets["public"]
    ),
    "living document": lambda w, u, k: assets.start_living_document(user=u, thread=w.threads[k]),
    "new version": lambda w, u, k: assets.add_asset_version(
        author=u, asset=_asset(w, k), change_note="x", body="# New\n"
    ),
    "adapt": lambda w, u, k: assets.adapt_asset(
        user=u, asset=_asset(w, k), community=w.communities["public"]
    ),
    "edit proposal": lambda w, u, k: proposals.update_proposal(
        actor=u, proposal=_proposal(w, k), title="Mine now"
    ),
    "withdraw proposal": lambda w, u, k: proposals.withdraw_proposal(
        actor=u, proposal=_proposal(w, k)
    ),
}


def _locked_or(world, key):
    return world.threads["locked" if key == "public" else key]


def _post(world, key):
    return world.posts[f"{key}:reply"]


def _asset(world, key):
    return world.assets[key]


def _proposal(world, key):
    return world.proposals["gathering" if key == "public" else "launched-private"]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize(("key", "status"), [("private", 404), ("public", 403)])
def test_not_found_before_not_allowed(fresh, action, key, status):
    with pytest.raises(ActionError) as refused:
        ACTIONS[action](fresh, fresh.viewer("outsider"), key)

    assert refused.value.status == status


@pytest.mark.parametrize(("key", "status"), [("launched-private", 404), ("gathering", 403)])
def test_a_stranger_supporting_a_proposal_learns_nothing_of_a_hidden_launch(fresh, key, status):
    with pytest.raises(ActionError) as refused:
        proposals.support_proposal(
            user=fresh.viewer("stranger"), proposal=fresh.proposals[key], role="join"
        )

    assert refused.value.status == status
