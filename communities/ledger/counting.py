"""How the roll-ups count: by UTC day and ISO week, threads by id, a version per
community that changes with every roll-up change (it keys the dashboard's short cache)."""

from datetime import UTC, date, datetime, timedelta
from time import time_ns

from django.core.cache import cache

from communities.models import (
    LedgerThread,
)
from core.vocabulary import Verb


def version(community_id: int) -> int:
    """A number that changes whenever the community's roll-ups do: part of the key of
    anything computed from them, so a new activity shows at once."""
    key = f"rollups-version:{community_id}"
    # Started from the clock, so an evicted counter never repeats an old number.
    cache.add(key, time_ns(), None)
    return cache.get(key, 0)


def changed(community_id: int) -> None:
    """Mark the community's roll-ups changed (a page computed meanwhile from rows not yet
    committed may be kept until the cache entry expires: minutes, not more)."""
    key = f"rollups-version:{community_id}"
    try:
        cache.incr(key)
    except ValueError:  # not there (yet, or evicted)
        cache.add(key, time_ns(), None)


def utc_day(at: datetime) -> date:
    return at.astimezone(UTC).date()


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def fold_thread_row(
    thread: LedgerThread, actor_id, verb: str, behaviour: str, title: str, at
) -> None:
    """Apply one thread row, in time order. The same rules serve the live path and rebuilds."""
    if thread.first_at is None or at < thread.first_at:
        thread.first_at = at
    if thread.last_at is None or at > thread.last_at:
        thread.last_at = at
    codes = set(thread.behaviour.split()) | set(behaviour.split())
    thread.behaviour = " ".join(sorted(codes))[:200]
    if verb == Verb.THREAD_STARTED:
        thread.starter_id, thread.started_at, thread.title = actor_id, at, title
    elif (
        verb == Verb.REPLIED and thread.first_response_at is None and actor_id != thread.starter_id
    ):
        thread.first_response_at = at
    elif verb == Verb.ANSWER_ACCEPTED and thread.accepted_at is None:
        thread.accepted_at = at
    if not thread.title:
        thread.title = title
    if actor_id:
        if thread.first_actor_id is None:
            thread.first_actor_id = actor_id
        elif actor_id != thread.first_actor_id and thread.conversation_at is None:
            thread.conversation_at = at
