"""Distinct contributors and each person's contributions over spans of days.

Read from the coarsest roll-up that fits each span: a whole calendar month from
``LedgerMonth``, whole weeks from ``LedgerWeek``, and ``LedgerDay`` only for the days at
the edges. The figures are exact, the same as counting the days, but a 90-day period
reads a few thousand person-week rows instead of every person-day.
"""

from datetime import date, timedelta

from django.db import connection

from communities.models import Community, LedgerDay, LedgerMonth, LedgerWeek
from core.vocabulary import CONTRIBUTION_VERBS

Span = tuple[date, date]  # first and last day, both inclusive


def month_end(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _pieces(start: date, end: date) -> list[tuple[str, Span]]:
    """Split a span into ('month' | 'weeks' | 'days', span) pieces that do not overlap."""
    if start.day == 1 and end == month_end(start):
        return [("month", (start, start))]
    first_monday = start + timedelta(days=(7 - start.weekday()) % 7)
    last_monday = end - timedelta(days=(end.weekday() + 1) % 7) - timedelta(days=6)
    if first_monday > last_monday:
        return [("days", (start, end))]
    pieces = [("weeks", (first_monday, last_monday))]
    if start < first_monday:
        pieces.append(("days", (start, first_monday - timedelta(days=1))))
    if last_monday + timedelta(days=6) < end:
        pieces.append(("days", (last_monday + timedelta(days=7), end)))
    return pieces


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _union(community: Community, spans: list[Span]) -> tuple[str, list]:
    """(bucket, actor_id, n) rows for every span, the bucket being the span's position."""
    count = connection.ops.quote_name("count")
    verbs = sorted(CONTRIBUTION_VERBS)
    selects, params = [], []
    for bucket, (start, end) in enumerate(spans):
        for kind, (low, high) in _pieces(start, end):
            head = "SELECT " + str(int(bucket)) + " AS bucket, actor_id, " + count + " AS n FROM "  # noqa: S608 (an int and a column name)
            if kind == "month":
                where = " WHERE community_id = %s AND month = %s"
                selects.append(head + _table(LedgerMonth) + where)
                params += [community.pk, low]
            elif kind == "weeks":
                where = " WHERE community_id = %s AND week >= %s AND week <= %s"
                selects.append(head + _table(LedgerWeek) + where)
                params += [community.pk, low, high]
            else:
                selects.append(
                    head
                    + _table(LedgerDay)
                    + " WHERE community_id = %s AND day >= %s AND day <= %s"
                    + " AND actor_id IS NOT NULL AND verb IN ("
                    + ", ".join(["%s"] * len(verbs))
                    + ")"
                )
                params += [community.pk, low, high, *verbs]
    return " UNION ALL ".join(selects), params


def people_per_span(community: Community, spans: list[Span]) -> dict[int, int]:
    """How many distinct people contributed in each span (by position; empty spans absent)."""
    if not spans:
        return {}
    union, params = _union(community, spans)
    sql = f"SELECT bucket, COUNT(DISTINCT actor_id) FROM ({union}) AS pieces GROUP BY bucket"  # noqa: S608 (built from table names)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def per_person(community: Community, start: date, end: date) -> dict[int, int]:
    """Each contributor's number of contributions between two days (inclusive)."""
    union, params = _union(community, [(start, end)])
    sql = f"SELECT actor_id, SUM(n) FROM ({union}) AS pieces GROUP BY actor_id"  # noqa: S608 (built from table names)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {actor: int(n) for actor, n in cursor.fetchall()}
