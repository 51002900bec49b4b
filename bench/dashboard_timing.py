"""Time the dashboard of a community with a large ledger (default 1,000,000 rows).

    DATABASE_URL=postgres://copsite:copsite@127.0.0.1:5432/copsite_bench \\
        .venv/bin/python bench/dashboard_timing.py [--rows 1000000] [--members 2000]

Builds the community once (a second run reuses it), counts its roll-ups with the same
rebuild the nightly task runs (skipped when they already match the ledger), then renders
/c/<slug>/dashboard/ for the default 90-day period several times and prints the timings,
the query count and the machine's load. Figures go in docs/performance-dashboard.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "copsite.settings.local")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from communities.ledger import changes, rollups  # noqa: E402
from communities.models import Activity, Community, LedgerDay, Membership  # noqa: E402
from core.vocabulary import BehaviourCode, Target, Verb  # noqa: E402

SLUG = "bench-dashboard"
VERBS = [
    (Verb.THREAD_STARTED, 10),
    (Verb.REPLIED, 45),
    (Verb.ANSWER_ACCEPTED, 5),
    (Verb.HELPFUL_RECEIVED, 8),
    (Verb.ASSET_DOWNLOADED, 10),
    (Verb.ASSET_USED, 5),
    (Verb.ATTENDED, 10),
    (Verb.RSVP, 5),
    (Verb.VALUE_STORY, 2),
]
BEHAVIOURS = [
    BehaviourCode.PROBLEM_SOLVING,
    BehaviourCode.SEEKING_EXPERIENCE,
    BehaviourCode.VISITS,
    BehaviourCode.REUSING_ASSETS,
]


def build(rows: int, members: int) -> Community:
    User = get_user_model()
    community = Community.objects.filter(slug=SLUG).first()
    if community is not None and Activity.objects.filter(community=community).count() >= rows:
        print(f"Reusing {SLUG}: {rows:,} rows already there.")
        return community
    if community is None:
        community = Community.objects.create(name="Bench dashboard", slug=SLUG)
    people = []
    for n in range(members):
        user, _ = User.objects.get_or_create(
            username=f"bench{n}", defaults={"email": f"bench{n}@example.org"}
        )
        people.append(user.pk)
    Membership.objects.bulk_create(
        [
            Membership(community=community, user_id=pk, role="gardener" if n == 0 else "member")
            for n, pk in enumerate(people)
        ],
        ignore_conflicts=True,
    )
    have = Activity.objects.filter(community=community).count()
    if connection.vendor == "postgresql":
        _insert_in_sql(community, people, have, rows)
    else:
        _insert_in_python(community, people, have, rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE communities_activity")
    return community


def _insert_in_sql(community: Community, people: list[int], have: int, rows: int) -> None:
    """PostgreSQL builds the rows itself: a million in well under a minute."""
    weights = [verb for verb, weight in VERBS for _ in range(weight)]
    step = 100_000
    with connection.cursor() as cursor:
        for first in range(have, rows, step):
            last = min(first + step, rows)
            cursor.execute(
                """
                INSERT INTO communities_activity
                    (community_id, actor_id, verb, behaviour, target_type, target_id,
                     thread_id, title, is_public, withdrawn, created_at)
                SELECT %(community)s,
                       (%(people)s::bigint[])[1 + floor(power(random(), 3) * %(n)s)::int],
                       v.verb, (%(behaviours)s::text[])[1 + floor(random() * 4)::int],
                       'thread', t.thread, t.thread, 'Thread ' || t.thread,
                       true, false,
                       now() - random() * interval '1095 days'
                FROM generate_series(%(first)s, %(last)s - 1) AS g(i)
                CROSS JOIN LATERAL (
                    SELECT (%(verbs)s::text[])[1 + floor(random() * %(nv)s)::int + (g.i * 0)]
                        AS verb
                ) AS v
                CROSS JOIN LATERAL (
                    SELECT 1 + floor(random() * %(threads)s)::int + (g.i * 0) AS thread
                ) AS t
                """,
                {
                    "community": community.pk,
                    "people": people,
                    "n": len(people),
                    "behaviours": BEHAVIOURS,
                    "slug": SLUG,
                    "first": first,
                    "last": last,
                    "verbs": weights,
                    "nv": len(weights),
                    "threads": rows // 10 + 1,
                },
            )
            print(f"  {last:,} rows", flush=True)


def _insert_in_python(community: Community, people: list[int], have: int, rows: int) -> None:
    rng = random.Random(1)
    verbs = [verb for verb, weight in VERBS for _ in range(weight)]
    now = timezone.now()
    batch = []
    with changes.loading():  # a bulk load: roll-ups recounted once, at its end
        for n in range(have, rows):
            verb = rng.choice(verbs)
            thread = rng.randrange(1, rows // 10 + 2)
            batch.append(
                Activity(
                    community=community,
                    actor_id=people[int(rng.paretovariate(1.2)) % len(people)],
                    verb=verb,
                    behaviour=rng.choice(BEHAVIOURS),
                    target_type=Target.THREAD,
                    target_id=thread,
                    thread_id=thread,
                    title=f"Thread {thread}",
                    created_at=now - timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60)),
                )
            )
            if len(batch) == 20_000:
                Activity.objects.bulk_create(batch)
                batch = []
                print(f"  {n + 1:,} rows", flush=True)
        Activity.objects.bulk_create(batch)


def roll_up(community: Community, force: bool) -> None:
    """The bench rows are bulk-inserted, as the nightly rebuild would find them."""
    ledger = Activity.objects.filter(community=community).count()
    counted = LedgerDay.objects.filter(community=community).aggregate(n=Sum("count"))["n"] or 0
    if counted == ledger and not force:
        print(f"Roll-ups already match the ledger ({ledger:,} rows).")
        return
    start = time.perf_counter()
    days, threads = rollups.rebuild(community)
    print(
        f"Rebuilt roll-ups: {days:,} day rows, {threads:,} threads "
        f"in {time.perf_counter() - start:.1f} s"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE communities_ledgerday")
            cursor.execute("ANALYZE communities_ledgerthread")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queries", action="store_true", help="list the last run's SQL")
    parser.add_argument("--rebuild", action="store_true", help="recount the roll-ups anyway")
    parser.add_argument(
        "--cached", action="store_true", help="time the page with its figures kept in the cache"
    )
    args = parser.parse_args()
    community = build(args.rows, args.members)
    roll_up(community, args.rebuild)
    gardener = Membership.objects.filter(community=community, role="gardener").first().user
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(gardener)
    url = f"/c/{SLUG}/dashboard/"
    client.get(url)  # warm caches
    timings = []
    for _ in range(args.runs):
        if not args.cached:
            cache.clear()  # compute the figures every run, as after any new activity
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    rows = Activity.objects.filter(community=community).count()
    print(f"{connection.vendor}: {rows:,} ledger rows, {args.members:,} members")
    print(
        f"dashboard: median {statistics.median(timings):.0f} ms, "
        f"best {min(timings):.0f} ms over {args.runs} runs, "
        f"{len(captured.captured_queries)} SQL queries"
    )
    print("load average (1, 5, 15 min): " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))
    if "--queries" in sys.argv[1:]:
        for query in captured.captured_queries:
            print(f"{query['time']}s  {query['sql'][:160]}")


if __name__ == "__main__":
    main()
