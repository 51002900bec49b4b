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

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from time import time_ns

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek

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
from core.vocabulary import CONTRIBUTION_VERBS, OWN_VERBS, THREAD_VERBS, Verb

BATCH = 2000


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


def thread_key(url: str) -> str:
    """Which thread a ledger row is about: its address without the post anchor.

    Threads and replies are linked through the url snapshot so the ledger never reads the
    discussions tables.
    """
    return url.split("?", 1)[0].split("#", 1)[0]


def utc_day(at: datetime) -> date:
    return at.astimezone(UTC).date()


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


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


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
    if activity.verb in THREAD_VERBS and not activity.withdrawn:
        _fold_one(activity)
    changed(activity.community_id)


def _fold(thread: LedgerThread, actor_id, verb: str, behaviour: str, title: str, at) -> None:
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


def _fold_one(activity: Activity) -> None:
    key = thread_key(activity.url)
    rows = LedgerThread.objects.filter(community_id=activity.community_id, key=key)
    thread = rows.select_for_update().first()
    if thread is None:
        thread = LedgerThread(community_id=activity.community_id, key=key)
    _fold(
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
            _refresh_threads({(activity.community_id, key): activity.created_at})
            return
    thread.save()


def _day_rows(activities: QuerySet) -> Iterator[LedgerDay]:
    grouped = (
        activities.annotate(day=TruncDate("created_at", tzinfo=UTC))
        .values("community_id", "day", "actor_id", "verb", "is_public")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in grouped.iterator(chunk_size=BATCH):
        yield LedgerDay(
            community_id=row["community_id"],
            day=row["day"],
            actor_id=row["actor_id"],
            verb=row["verb"],
            is_public=row["is_public"],
            count=row["n"],
        )


def _first_rows(activities: QuerySet) -> Iterator[LedgerFirst]:
    firsts = (
        activities.filter(verb__in=OWN_VERBS, actor__isnull=False)
        .values("community_id", "actor_id")
        .annotate(first=Min("created_at"))
        .order_by()
    )
    for row in firsts.iterator(chunk_size=BATCH):
        yield LedgerFirst(
            community_id=row["community_id"], actor_id=row["actor_id"], first_at=row["first"]
        )


def _thread_rows(activities: QuerySet, keys: set[str] | None = None) -> list[LedgerThread]:
    threads: dict[tuple[int, str], LedgerThread] = {}
    rows = (
        activities.filter(verb__in=THREAD_VERBS, withdrawn=False)
        .order_by("created_at", "pk")
        .values_list("community_id", "actor_id", "verb", "behaviour", "url", "title", "created_at")
    )
    for community_id, actor_id, verb, behaviour, url, title, at in rows.iterator(BATCH):
        key = thread_key(url)
        if keys is not None and key not in keys:
            continue
        thread = threads.get((community_id, key))
        if thread is None:
            thread = threads[(community_id, key)] = LedgerThread(community_id=community_id, key=key)
        _fold(thread, actor_id, verb, behaviour, title, at)
    return list(threads.values())


def _bulk(model, rows: Iterable) -> int:
    batch, written = [], 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            written += len(model.objects.bulk_create(batch))
            batch = []
    return written + len(model.objects.bulk_create(batch))


def _recount_people(model, column: str, trunc, days: QuerySet) -> None:
    """Recount people's weeks or months from the day roll-up, in the database: one
    INSERT ... SELECT ... GROUP BY, no rows through Python."""
    grouped = (
        days.filter(verb__in=CONTRIBUTION_VERBS, actor__isnull=False)
        .annotate(start=trunc("day"))
        .values_list("community_id", "start", "actor_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    select, params = grouped.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    columns = "(community_id, " + column + ", actor_id, " + connection.ops.quote_name("count") + ")"
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO " + table + " " + columns + " " + select, params)


def _recount_verb_days(days: QuerySet) -> None:
    """Recount the everyone-together day rows from the day roll-up, in the database."""
    grouped = (
        days.values_list("community_id", "day", "verb", "is_public")
        .annotate(n=Sum("count"))
        .order_by()
    )
    select, params = grouped.query.sql_with_params()
    table = connection.ops.quote_name(LedgerVerbDay._meta.db_table)
    columns = "(community_id, day, verb, is_public, " + connection.ops.quote_name("count") + ")"
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO " + table + " " + columns + " " + select, params)


def _recount_weeks_and_months(community_id: int, weeks: set[date], months: set[date]) -> None:
    days = LedgerDay.objects.filter(community_id=community_id)
    if weeks:
        LedgerWeek.objects.filter(community_id=community_id, week__in=weeks).delete()
        spans = Q()
        for monday in weeks:
            spans |= Q(day__gte=monday, day__lt=monday + timedelta(days=7))
        _recount_people(LedgerWeek, "week", TruncWeek, days.filter(spans))
    if months:
        LedgerMonth.objects.filter(community_id=community_id, month__in=months).delete()
        spans = Q()
        for first in months:
            spans |= Q(day__gte=first, day__lt=_next_month(first))
        _recount_people(LedgerMonth, "month", TruncMonth, days.filter(spans))


def _next_month(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1)


def rebuild_people(community: Community) -> None:
    """Recount the roll-ups derived from the day roll-up (people's weeks and months, and
    the everyone-together days) for one community."""
    LedgerWeek.objects.filter(community=community).delete()
    LedgerMonth.objects.filter(community=community).delete()
    LedgerVerbDay.objects.filter(community=community).delete()
    days = LedgerDay.objects.filter(community=community)
    _recount_verb_days(days)
    _recount_people(LedgerWeek, "week", TruncWeek, days)
    _recount_people(LedgerMonth, "month", TruncMonth, days)


@transaction.atomic
def rebuild(community: Community) -> tuple[int, int]:
    """Recount one community's roll-ups from its ledger. Running it twice changes nothing."""
    Community.objects.select_for_update().filter(pk=community.pk).first()
    ledger = Activity.objects.filter(community=community)
    LedgerDay.objects.filter(community=community).delete()
    LedgerThread.objects.filter(community=community).delete()
    days = _bulk(LedgerDay, _day_rows(ledger))
    threads = _bulk(LedgerThread, _thread_rows(ledger))
    rebuild_firsts(community)
    rebuild_people(community)
    changed(community.pk)
    return days, threads


def rebuild_firsts(community: Community) -> int:
    LedgerFirst.objects.filter(community=community).delete()
    return _bulk(LedgerFirst, _first_rows(Activity.objects.filter(community=community)))


def _refresh_firsts(people: set[tuple[int, int]]) -> None:
    """Recount first contributions per person, through the ledger's (actor, time) index."""
    for community_id, actor_id in people:
        LedgerFirst.objects.filter(community_id=community_id, actor_id=actor_id).delete()
        rows = Activity.objects.filter(community_id=community_id, actor_id=actor_id)
        LedgerFirst.objects.bulk_create(_first_rows(rows))


def _day_range(day: date) -> Q:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return Q(created_at__gte=start, created_at__lt=start + timedelta(days=1))


def _refresh_days(days: set[tuple[int, date]]) -> None:
    for community_id in {c for c, _day in days}:
        mine = sorted(d for c, d in days if c == community_id)
        LedgerDay.objects.filter(community_id=community_id, day__in=mine).delete()
        ranges = Q()
        for day in mine:
            ranges |= _day_range(day)
        _bulk(LedgerDay, _day_rows(Activity.objects.filter(ranges, community_id=community_id)))
        LedgerVerbDay.objects.filter(community_id=community_id, day__in=mine).delete()
        _recount_verb_days(LedgerDay.objects.filter(community_id=community_id, day__in=mine))
        _recount_weeks_and_months(
            community_id, {week_start(d) for d in mine}, {d.replace(day=1) for d in mine}
        )
        changed(community_id)


def _thread_filter(keys: Iterable[str]) -> Q:
    found = Q()
    for key in keys:
        found |= Q(url=key) | Q(url__startswith=key + "?") | Q(url__startswith=key + "#")
    return found


def _refresh_threads(threads: dict[tuple[int, str], datetime]) -> None:
    """Refold threads; ``threads`` maps (community, key) to the earliest touched row."""
    for community_id in {c for c, _key in threads}:
        keys = {k for c, k in threads if c == community_id}
        old = LedgerThread.objects.filter(community_id=community_id, key__in=keys)
        # A thread's rows all come after its first one: read from there, not the whole history.
        since = min(
            [*old.values_list("first_at", flat=True)]
            + [at for (c, _k), at in threads.items() if c == community_id]
        )
        old.delete()
        rows = Activity.objects.filter(
            _thread_filter(keys), community_id=community_id, created_at__gte=since
        )
        LedgerThread.objects.bulk_create(_thread_rows(rows, keys))


def _touched(rows: QuerySet) -> tuple[set, dict, set]:
    days, threads, people = set(), {}, set()
    found = rows.values_list("community_id", "verb", "url", "created_at", "actor_id")
    for community_id, verb, url, at, actor_id in found:
        days.add((community_id, utc_day(at)))
        if verb in OWN_VERBS and actor_id:
            people.add((community_id, actor_id))
        if verb in THREAD_VERBS:
            key = (community_id, thread_key(url))
            threads[key] = min(at, threads.get(key, at))
    return days, threads, people


def _merge(one: dict, other: dict) -> dict:
    return {key: min(one.get(key, at), at) for key, at in (*one.items(), *other.items())}


@contextmanager
def kept_in_step(rows: QuerySet):
    """Wrap an in-place change to ledger rows (update, delete, move): the days and threads
    those rows touch, before and after the change, are recounted from the ledger."""
    days, threads, people = _touched(rows)
    yield
    after_days, after_threads, after_people = _touched(rows)
    _refresh_days(days | after_days)
    _refresh_threads(_merge(threads, after_threads))
    _refresh_firsts(people | after_people)


def refresh_rows(rows: QuerySet) -> None:
    """Recount the days and threads of rows written around ``record_activity`` (bulk loads)."""
    days, threads, people = _touched(rows)
    _refresh_days(days)
    _refresh_threads(threads)
    _refresh_firsts(people)
