"""Time a full digest run: 10,000 members over 50 communities with a week of activity.

    createdb / migrate once:
    DATABASE_URL=postgres://copsite:copsite@127.0.0.1:5432/copsite_digests_bench \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://copsite:copsite@127.0.0.1:5432/copsite_digests_bench \\
        .venv/bin/python bench/digest_timing.py [--members 10000] [--communities 50]

Builds the data once with bulk_create (a second run in the same week reuses it): users,
threads and posts directly, the ledger rows through the ledger's own bulk path
(``changes.add_many``), which counts them into the roll-ups the sponsor report reads (days,
threads, people's weeks). It then runs the weekly, daily and sponsor digests of every
community in this process, as the worker would, with mail going to the locmem backend, and
prints the seconds, the digests sent of each kind and the queries per digest. It fails if
no sponsor digest was sent: the sponsor report would not have been timed.
Figures go in docs/performance.md.
"""

import argparse
import os
import random
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
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from assets.models import Asset, Reuse  # noqa: E402
from communities.ledger import changes  # noqa: E402
from communities.ledger.record import activity_row  # noqa: E402
from communities.models import Community, LedgerVerbDay, Membership  # noqa: E402
from core.vocabulary import Target, Verb  # noqa: E402
from digests.models import DigestPreference, Kind, SentDigest  # noqa: E402
from digests.periods import last_full_week, period_start  # noqa: E402
from digests.tasks import send_community_digests  # noqa: E402
from discussions.models import Behaviour, Post, Thread  # noqa: E402
from rhythm.models import MeetingSeries  # noqa: E402

PREFIX = "digest-bench"
THREADS_PER_COMMUNITY = 40
ASSETS_PER_COMMUNITY = 10
REUSES_PER_COMMUNITY = 25
SHARE_ACTIVE = 0.15  # wrote something this week: no digest for them
SHARE_VISITED = 0.25  # opened the community during the week
SHARE_DAILY, SHARE_OFF = 0.10, 0.05
BODY = "<p>We tried exit tickets for a term. <strong>What worked for you?</strong></p>"


def _between(rng: random.Random, start, end):
    return start + (end - start) * rng.random()


def build(members: int, communities: int, now) -> list[Community]:
    existing = list(Community.objects.filter(slug__startswith=PREFIX).order_by("pk"))
    if len(existing) == communities:
        start, end = last_full_week(now)
        counted = LedgerVerbDay.objects.filter(
            community__in=existing, day__gte=start, day__lte=end
        ).exists()
        if not counted:
            sys.exit(
                "The bench communities were built before last week: their roll-ups have "
                "nothing for the week a sponsor digest reports on. Drop and recreate the "
                "database, migrate, and run again."
            )
        print(f"Reusing {communities} bench communities.")
        return existing
    rng = random.Random(1)
    User = get_user_model()
    week_start = period_start(Kind.WEEKLY, now)
    long_ago = now - timedelta(days=60)
    print("Building users, communities, memberships…", flush=True)
    users = User.objects.bulk_create(
        [
            User(username=f"{PREFIX}-{n}", email=f"{PREFIX}-{n}@example.org", password="!")
            for n in range(members)
        ],
        batch_size=2000,
    )
    places = Community.objects.bulk_create(
        [
            Community(name=f"Bench community {c}", slug=f"{PREFIX}-{c}", visibility="public")
            for c in range(communities)
        ]
    )
    by_place: dict[int, list] = {place.pk: [] for place in places}
    rows = []
    for n, user in enumerate(users):
        place = places[n % communities]
        rank = len(by_place[place.pk])
        role = "gardener" if rank < 2 else "sponsor" if rank == 2 else "member"
        visited = _between(rng, week_start, now) if rng.random() < SHARE_VISITED else None
        rows.append(Membership(community=place, user=user, role=role, last_visited_at=visited))
        by_place[place.pk].append(user)
    Membership.objects.bulk_create(rows, batch_size=2000)
    Membership.objects.filter(community__in=places).update(joined_at=long_ago)
    newcomers = [m.pk for m in rows if rng.random() < 0.02]
    Membership.objects.filter(pk__in=newcomers).update(joined_at=now - timedelta(days=2))
    DigestPreference.objects.bulk_create(
        [
            DigestPreference(
                user_id=m.user_id,
                community_id=m.community_id,
                frequency="daily" if r < SHARE_DAILY else "off",
            )
            for m in rows
            if (r := rng.random()) < SHARE_DAILY + SHARE_OFF
        ]
    )

    print("Building a week of threads, assets, reuses, meetings and ledger rows…", flush=True)
    behaviours = list(Behaviour.objects.filter(is_standard=True))
    threads, assets = [], []
    for place in places:
        people = by_place[place.pk]
        for t in range(THREADS_PER_COMMUNITY):
            threads.append(
                Thread(
                    community=place,
                    author=rng.choice(people),
                    title=f"{place.name}: question {t}",
                    last_activity_at=_between(rng, week_start, now),
                    hidden=rng.random() < 0.03,
                    members_only=rng.random() < 0.2,
                )
            )
        for a in range(ASSETS_PER_COMMUNITY):
            assets.append(
                Asset(community=place, author=rng.choice(people), title=f"Asset {a}", kind="link")
            )
        MeetingSeries.objects.create(
            community=place,
            title="Fortnightly committee",
            timezone="Europe/London",
            starts_at=now - timedelta(days=30, hours=2),
            rrule="FREQ=WEEKLY;INTERVAL=2",
            created_by=people[0],
        )
    Thread.objects.bulk_create(threads, batch_size=2000)
    for thread in threads:  # created_at is auto_now_add: set the real times afterwards
        thread.created_at = thread.last_activity_at
    Thread.objects.bulk_update(threads, ["created_at"], batch_size=1000)
    Post.objects.bulk_create(
        [Post(thread=t, author=t.author, body="…", body_html=BODY, number=1) for t in threads],
        batch_size=2000,
    )
    Through = Thread.behaviours.through
    Through.objects.bulk_create(
        [
            Through(thread_id=t.pk, behaviour_id=b.pk)
            for t in threads
            for b in rng.sample(behaviours, rng.choice([1, 1, 2]))
        ],
        batch_size=5000,
    )
    # The ledger's rows about those threads, through its bulk path: the roll-ups the
    # dashboard and the sponsor report read are counted as the rows go in.
    activity = []
    for thread in threads:
        activity.append(
            activity_row(
                community=thread.community,
                actor=thread.author,
                verb=Verb.THREAD_STARTED,
                target_type=Target.THREAD,
                target_id=thread.pk,
                title=thread.title,
                is_public=not (thread.hidden or thread.members_only),
                at=thread.created_at,
            )
        )
    by_place_threads: dict[int, list[Thread]] = {place.pk: [] for place in places}
    for thread in threads:
        by_place_threads[thread.community_id].append(thread)
    for place in places:
        for person in by_place[place.pk]:
            if rng.random() < SHARE_ACTIVE:
                thread = rng.choice(by_place_threads[place.pk])
                activity.append(
                    activity_row(
                        community=place,
                        actor=person,
                        verb=Verb.REPLIED,
                        target_type=Target.THREAD,
                        target_id=thread.pk,
                        title=thread.title,
                        is_public=not (thread.hidden or thread.members_only),
                        at=_between(rng, thread.created_at, now),
                    )
                )
    changes.add_many(activity)
    Asset.objects.bulk_create(assets, batch_size=2000)
    for asset in assets:
        asset.created_at = _between(rng, now - timedelta(days=14), now)
    Asset.objects.bulk_update(assets, ["created_at"], batch_size=1000)
    reuses = []
    for place in places:
        mine = [a for a in assets if a.community_id == place.pk]
        for _ in range(REUSES_PER_COMMUNITY):
            reuses.append(
                Reuse(asset=rng.choice(mine), user=rng.choice(by_place[place.pk]), kind="used")
            )
    Reuse.objects.bulk_create(reuses, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return places


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def run(places: list[Community], kind: str, now) -> tuple[float, float, int, int]:
    mail.outbox = []
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        start, cpu = time.perf_counter(), time.process_time()
        sent = sum(send_community_digests(place.pk, kind, now.isoformat()) for place in places)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return seconds, cpu, sent, counter.count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--communities", type=int, default=50)
    args = parser.parse_args()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    now = timezone.now()
    started = time.perf_counter()
    places = build(args.members, args.communities, now)
    print(f"Data ready in {time.perf_counter() - started:.1f} s.")
    # Repeatable: forget the digests an earlier run sent for these communities.
    SentDigest.objects.filter(community__in=places).delete()
    total_seconds = total_cpu = total_sent = total_queries = 0
    sent_by_kind = {}
    for kind in (Kind.WEEKLY, Kind.DAILY, Kind.SPONSOR):
        seconds, cpu, sent, queries = run(places, kind, now)
        sent_by_kind[kind] = sent
        total_seconds += seconds
        total_cpu += cpu
        total_sent += sent
        total_queries += queries
        per = f"{queries / sent:.2f}" if sent else "-"
        print(f"{kind:>8}: {sent:5} digests in {seconds:5.1f} s, {queries:5} queries ({per} each)")
    print(
        f"{connection.vendor}: {args.members:,} members in {args.communities} communities: "
        f"{total_sent} digests in {total_seconds:.1f} s ({total_cpu:.1f} s of CPU in this "
        f"process), {total_queries / max(total_sent, 1):.2f} queries per digest"
    )
    print(f"sponsor digests sent: {sent_by_kind[Kind.SPONSOR]}")
    if not sent_by_kind[Kind.SPONSOR]:
        sys.exit("No sponsor digest was sent: the sponsor report was not timed.")


if __name__ == "__main__":
    main()
