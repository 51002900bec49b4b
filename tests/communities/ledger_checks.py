"""Checks shared by the ledger's tests: the roll-ups equal a rebuild from the raw ledger,
and every row's flags and target agree with what it is about."""

from communities.ledger import addresses, changes, rollups
from communities.models import (
    Activity,
    Community,
    LedgerDay,
    LedgerFirst,
    LedgerMonth,
    LedgerThread,
    LedgerVerbDay,
    LedgerWeek,
)
from core import targets
from core.vocabulary import Target

ROLLUPS = {
    LedgerDay: ("community_id", "day", "actor_id", "verb", "is_public", "count"),
    LedgerVerbDay: ("community_id", "day", "verb", "is_public", "count"),
    LedgerFirst: ("community_id", "actor_id", "first_at"),
    LedgerWeek: ("community_id", "week", "actor_id", "count"),
    LedgerMonth: ("community_id", "month", "actor_id", "count"),
    LedgerThread: (
        "community_id",
        "thread_id",
        "title",
        "starter_id",
        "started_at",
        "first_actor_id",
        "first_at",
        "last_at",
        "first_response_at",
        "accepted_at",
        "conversation_at",
        "behaviour",
    ),
}


def _summed(model, fields) -> dict:
    """Rows with NULL actors may be split over several roll-up rows: compare their sums."""
    found: dict = {}
    for row in model.objects.values_list(*fields):
        if "count" in fields:
            key, n = row[:-1], row[-1]
            found[key] = found.get(key, 0) + n
        else:
            found[row] = found.get(row, 0) + 1
    return found


def snapshot() -> dict:
    return {model.__name__: _summed(model, fields) for model, fields in ROLLUPS.items()}


def assert_rollups_equal_a_rebuild() -> None:
    live = snapshot()
    for community in Community.objects.all():
        rollups.rebuild(community)
    rebuilt = snapshot()
    for name in live:
        assert live[name] == rebuilt[name], name


def assert_flags_follow_the_targets() -> None:
    """Recomputing every row's public and withdrawn flags changes nothing."""
    assert changes.republish(Activity.objects.all()) == 0


def assert_every_target_exists() -> None:
    """Every row's target, and the thread of every thread's or post's row, still exists."""
    rows = set(Activity.objects.exclude(target_id=None).values_list("target_type", "target_id"))
    assert rows - addresses.existing(rows) == set()
    threads = set(Activity.objects.exclude(thread_id=None).values_list("thread_id", flat=True))
    assert threads - set(targets.resolve(Target.THREAD, threads)) == set()
