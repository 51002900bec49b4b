"""The dashboard's roll-ups: the ledger counted per day (per person, and everyone together),
per person per week and month, and folded per thread.

``record_activity`` keeps them current row by row (``count_activity``); writers that change
ledger rows in place (moderation, moves, retractions, bulk loads) wrap the change in
``kept_in_step`` so the touched days, threads and people are recounted from the ledger; ``rebuild``
recounts a whole community (the nightly task and ``manage.py rebuild_rollups``). Weeks,
months and everyone-together days are recounted from the day rows in SQL. The ledger stays
the truth: every roll-up row can be recomputed from it at any time. Every change bumps the
community's ``version``, which keys the dashboard's short cache.
"""

from django.db import IntegrityError, connection, transaction

from communities.ledger.counting import (
    changed,
    fold_thread_row,
    utc_day,
    version,
    week_start,
)
from communities.ledger.recount import (
    kept_in_step,
    rebuild,
    rebuild_firsts,
    rebuild_people,
    refresh_rows,
    refresh_threads,
)
from communities.models import (
    Activity,
    LedgerDay,
    LedgerFirst,
    LedgerMonth,
    LedgerThread,
    LedgerVerbDay,
    LedgerWeek,
)
from core.vocabulary import CONTRIBUTION_VERBS, OWN_VERBS, THREAD_VERBS

# The roll-ups' public face: callers use ``rollups.rebuild``, ``rollups.kept_in_step``...
__all__ = [
    "changed",
    "count_activity",
    "kept_in_step",
    "rebuild",
    "rebuild_firsts",
    "rebuild_people",
    "refresh_rows",
    "utc_day",
    "version",
    "week_start",
]


def _upsert_sql() -> str:
    table = connection.ops.quote_name(LedgerDay._meta.db_table)
    count = connection.ops.quote_name("count")
    return (
        "INSERT INTO " + table + " (community_id, day, actor_id, verb, is_public, " + count + ") "
        "VALUES (%s, %s, %s, %s, %s, 1) "
        "ON CONFLICT (community_id, day, actor_id, verb, is_public) "
        "DO UPDATE SET " + count + " = " + table + "." + count + " + 1"
    )


def _first_sql() -> str:
    table = connection.ops.quote_name(LedgerFirst._meta.db_table)
    insert = "INSERT INTO " + table + " (community_id, actor_id, first_at) VALUES (%s, %s, %s) "  # noqa: S608 (a table name)
    return insert + (
        "ON CONFLICT (community_id, actor_id) DO UPDATE SET first_at = CASE "
        "WHEN excluded.first_at < " + table + ".first_at THEN excluded.first_at "
        "ELSE " + table + ".first_at END"
    )


def _person_sql(model, column: str) -> str:
    """One upsert adding a contribution to a person's week or month."""
    table = connection.ops.quote_name(model._meta.db_table)
    count = connection.ops.quote_name("count")
    return (
        "INSERT INTO " + table + " (community_id, " + column + ", actor_id, " + count + ") "
        "VALUES (%s, %s, %s, 1) "
        "ON CONFLICT (community_id, " + column + ", actor_id) "
        "DO UPDATE SET " + count + " = " + table + "." + count + " + 1"
    )


def _verb_day_sql() -> str:
    table = connection.ops.quote_name(LedgerVerbDay._meta.db_table)
    count = connection.ops.quote_name("count")
    return (
        "INSERT INTO " + table + " (community_id, day, verb, is_public, " + count + ") "
        "VALUES (%s, %s, %s, %s, 1) "
        "ON CONFLICT (community_id, day, verb, is_public) "
        "DO UPDATE SET " + count + " = " + table + "." + count + " + 1"
    )


def count_activity(activity: Activity) -> None:
    """Add one new ledger row to its day (and a contribution to its actor's week and month):
    a few upserts, cheap enough for every write."""
    with connection.cursor() as cursor:
        cursor.execute(
            _upsert_sql(),
            [
                activity.community_id,
                utc_day(activity.created_at),
                activity.actor_id,
                activity.verb,
                activity.is_public,
            ],
        )
        cursor.execute(
            _verb_day_sql(),
            [
                activity.community_id,
                utc_day(activity.created_at),
                activity.verb,
                activity.is_public,
            ],
        )
        if activity.verb in OWN_VERBS and activity.actor_id:
            cursor.execute(
                _first_sql(), [activity.community_id, activity.actor_id, activity.created_at]
            )
        if activity.verb in CONTRIBUTION_VERBS and activity.actor_id:
            day = utc_day(activity.created_at)
            for model, column, start in (
                (LedgerWeek, "week", week_start(day)),
                (LedgerMonth, "month", day.replace(day=1)),
            ):
                cursor.execute(
                    _person_sql(model, column), [activity.community_id, start, activity.actor_id]
                )
    if activity.verb in THREAD_VERBS and activity.thread_id and not activity.withdrawn:
        _fold_one(activity)
    changed(activity.community_id)


def _fold_one(activity: Activity) -> None:
    thread_id = activity.thread_id
    thread = LedgerThread.objects.select_for_update().filter(thread_id=thread_id).first()
    if thread is None:
        thread = LedgerThread(community_id=activity.community_id, thread_id=thread_id)
    thread.community_id = activity.community_id  # a thread's roll-up follows it when it moves
    fold_thread_row(
        thread,
        activity.actor_id,
        activity.verb,
        activity.behaviour,
        activity.title,
        activity.created_at,
    )
    if thread.pk is None:
        try:
            with transaction.atomic():
                thread.save()
            return
        except IntegrityError:  # a concurrent first row for the same thread: recount it instead
            refresh_threads({thread_id: activity.created_at})
            return
    thread.save()
