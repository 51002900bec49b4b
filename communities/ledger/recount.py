"""Recounting roll-ups from the ledger, which stays the truth: a whole community
(``rebuild``), or the days, threads and people an in-place change touched (``kept_in_step``).
Weeks, months and everyone-together days are recounted from the day rows in SQL."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek

from communities.ledger.counting import changed, fold_thread_row, utc_day, week_start
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
from core.vocabulary import CONTRIBUTION_VERBS, OWN_VERBS, THREAD_VERBS

BATCH = 2000


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


def _thread_rows(activities: QuerySet, ids: set[int] | None = None) -> list[LedgerThread]:
    threads: dict[int, LedgerThread] = {}
    rows = (
        activities.filter(verb__in=THREAD_VERBS, withdrawn=False, thread_id__isnull=False)
        .order_by("created_at", "pk")
        .values_list(
            "community_id", "thread_id", "actor_id", "verb", "behaviour", "title", "created_at"
        )
    )
    for community_id, thread_id, actor_id, verb, behaviour, title, at in rows.iterator(BATCH):
        if ids is not None and thread_id not in ids:
            continue
        thread = threads.get(thread_id)
        if thread is None:
            thread = threads[thread_id] = LedgerThread(thread_id=thread_id)
        thread.community_id = community_id  # the latest row's community: where the thread is
        fold_thread_row(thread, actor_id, verb, behaviour, title, at)
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
    own_threads = ledger.filter(thread_id__isnull=False).values("thread_id")
    LedgerThread.objects.filter(Q(community=community) | Q(thread_id__in=own_threads)).delete()
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


def refresh_threads(threads: dict[int, datetime]) -> None:
    """Refold threads; ``threads`` maps a thread's id to the earliest touched row."""
    if not threads:
        return
    old = LedgerThread.objects.filter(thread_id__in=threads)
    # A thread's rows all come after its first one: read from there, not the whole history.
    since = min([*old.values_list("first_at", flat=True), *threads.values()])
    communities = set(old.values_list("community_id", flat=True))
    old.delete()
    rows = Activity.objects.filter(thread_id__in=threads, created_at__gte=since)
    folded = _thread_rows(rows, set(threads))
    LedgerThread.objects.bulk_create(folded)
    for community_id in communities | {t.community_id for t in folded}:
        changed(community_id)


def _touched(rows: QuerySet) -> tuple[set, dict, set]:
    days, threads, people = set(), {}, set()
    found = rows.values_list("community_id", "verb", "thread_id", "created_at", "actor_id")
    for community_id, verb, thread_id, at, actor_id in found:
        days.add((community_id, utc_day(at)))
        if verb in OWN_VERBS and actor_id:
            people.add((community_id, actor_id))
        if verb in THREAD_VERBS and thread_id:
            threads[thread_id] = min(at, threads.get(thread_id, at))
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
    refresh_threads(_merge(threads, after_threads))
    _refresh_firsts(people | after_people)


def refresh_rows(rows: QuerySet) -> None:
    """Recount the days and threads of rows written around ``record_activity`` (bulk loads)."""
    days, threads, people = _touched(rows)
    _refresh_days(days)
    refresh_threads(threads)
    _refresh_firsts(people)
