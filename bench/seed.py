"""Seed the benchmark database with the shape of a busy site, in about a minute.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.seed [--reset]

2,000 users, 20 public communities, 5,000 threads and 100,000 posts, one "hot" thread
with 2,000 replies; the same shape as the peer's seed (../shared/peer-bench/seed.py), with
the same vocabulary so a search matches about as many posts. Rows go in with bulk_create;
post HTML is rendered with the site's own Markdown renderer, as a reply would be (a pool of
BENCH_DISTINCT_BODIES texts, 10,000 by default, each rendered once).
Sizes come from BENCH_USERS, BENCH_COMMUNITIES, BENCH_THREADS, BENCH_POSTS, BENCH_HOT_REPLIES.

Run twice, the second run only rewrites the list of pages to load (paths.txt in
BENCH_DIR, default var/bench/); --reset wipes the seeded rows and seeds again.
"""

import bisect
import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from communities.ledger import changes  # noqa: E402
from communities.models import Activity, Community, Membership  # noqa: E402
from communities.models.choices import Level, Role  # noqa: E402
from core.markdown import render_markdown  # noqa: E402
from core.vocabulary import Target  # noqa: E402
from discussions.models import Behaviour, Post, Thread  # noqa: E402
from discussions.selectors import POSTS_PER_PAGE  # noqa: E402

User = get_user_model()

N_USERS = int(os.environ.get("BENCH_USERS", 2000))
N_COMMUNITIES = int(os.environ.get("BENCH_COMMUNITIES", 20))
N_THREADS = int(os.environ.get("BENCH_THREADS", 5000))
N_POSTS = int(os.environ.get("BENCH_POSTS", 100_000))
N_HOT_REPLIES = int(os.environ.get("BENCH_HOT_REPLIES", 2000))
BENCH_DIR = Path(os.environ.get("BENCH_DIR", Path(__file__).resolve().parent.parent / "var/bench"))
BENCH_USER = "member0001"  # the peer's session.py and queries.py log in as this name
COOKIE_USERS = 50  # the peer's bench_all.sh rotates this many sessions
PASSWORD = "bench-password"  # a loopback-only benchmark account
SEARCH = "/search/?q=deployment+pipeline"  # the peer's query: two very common words
BATCH = 2000
# Rendering Markdown is most of the seed's time (several ms a post on a busy machine), so
# posts draw their text from a pool of distinct bodies, each rendered once.
N_BODIES = int(os.environ.get("BENCH_DISTINCT_BODIES", 10_000))

rnd = random.Random(int(os.environ.get("BENCH_RANDOM", 42)))

# The peer seed's vocabulary, so full-text search has a comparable number of matches.
_VOCABULARY = (
    "practice community knowledge asset library dashboard thread reply review "
    "deployment pipeline dataset model schema migration query index cache latency "
    "throughput release checklist onboarding mentor workshop template guideline "
    "pattern antipattern incident postmortem retrospective roadmap metric baseline "
    "benchmark profiling refactor test fixture coverage pairing design proposal "
    "architecture service endpoint contract version upgrade rollback feature flag "
    "experiment hypothesis result notebook report chart widget permission role "
    "member moderator category topic search filter tag label export import api "
    "python django postgres redis queue worker task schedule cron backup restore "
    "security audit compliance policy workflow approval comment feedback question "
    "answer solution workaround example snippet config environment staging production "
    "the a an and or but with for from into over under about this that these those "
    "we you they it is are was were be been have has had do does did can could should "
    "would will might must not very really quite just also still already again"
)
WORDS = _VOCABULARY.split()
TITLE_WORDS = WORDS[:110]
_FIRST_NAMES = (
    "alex sam jo kim lee max ana eva ivan omar lena mia noah ola pia raj "
    "sara tom uma vik wen yuki zoe ben cai dan eli fay gus hal"
)
FIRST = _FIRST_NAMES.split()
COMMUNITY_NAMES = [
    "Announcements", "General Discussion", "Introductions", "Data Engineering",
    "Machine Learning", "Web Development", "DevOps and Infrastructure", "Security",
    "Design and UX", "Product Management", "Asset Library", "Dashboards and Reporting",
    "Career and Mentoring", "Events and Meetups", "Tooling", "Off Topic", "Show and Tell",
    "Help Desk", "Research Papers", "Site Feedback",
]  # fmt: skip


def say(message: str) -> None:
    print(message, flush=True)


def sentence(lo: int = 6, hi: int = 16) -> str:
    words = [rnd.choice(WORDS) for _ in range(rnd.randint(lo, hi))]
    return " ".join(words).capitalize() + rnd.choice(".....?!")


def block() -> str:
    r = rnd.random()
    if r < 0.12:
        return "\n".join("- " + sentence(3, 8).rstrip(".?!") for _ in range(rnd.randint(2, 4)))
    if r < 0.20:
        return "\n".join(
            f"    {rnd.choice(WORDS)} = {rnd.choice(WORDS)}({rnd.choice(WORDS)})"
            for _ in range(rnd.randint(1, 3))
        )
    if r < 0.27:
        return "> " + sentence()
    parts = [sentence() for _ in range(rnd.randint(1, 3))]
    if rnd.random() < 0.3:
        word = rnd.choice(WORDS)
        parts[0] = parts[0].replace(f" {word} ", f" **{word}** ", 1)
    if rnd.random() < 0.3:
        parts[-1] = parts[-1][:-1] + f" `{rnd.choice(WORDS)}_{rnd.choice(WORDS)}()`."
    if rnd.random() < 0.12:
        parts.append(
            f"See [the {rnd.choice(WORDS)} notes]"
            f"(https://example.com/{rnd.choice(WORDS)}/{rnd.randint(1, 999)})."
        )
    return " ".join(parts)


def body() -> str:
    """Markdown of 200-800 characters: paragraphs, lists, code, quotes, links."""
    target, parts, size = rnd.randint(200, 600), [], 0
    while size < target:
        parts.append(block())
        size += len(parts[-1]) + 2
    text = "\n\n".join(parts)
    while len(text) > 800 and len(parts) > 1:
        parts.pop()
        text = "\n\n".join(parts)
    if len(text) > 800:
        text = text[:800].rsplit(" ", 1)[0]
    while len(text) < 200:
        text += " " + sentence()
    return text


def title() -> str:
    words = " ".join(rnd.choice(TITLE_WORDS) for _ in range(rnd.randint(3, 8)))
    return (words.capitalize() + rnd.choice(["", "?", " - help", " (discussion)"]))[:160]


def cumulative(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def pick(cum) -> int:
    return min(bisect.bisect_left(cum, rnd.random() * cum[-1]), len(cum) - 1)


def zipf(n: int, s: float) -> list[float]:
    return [1.0 / (i + 1) ** s for i in range(n)]


def keep_given_dates() -> None:
    """bulk_create would stamp every row "now"; the seed spreads them over two years."""
    for model in (Thread, Post):
        model._meta.get_field("created_at").auto_now_add = False


def wipe() -> None:
    """The benchmark database is the benchmark's own: empty every seeded table."""
    say("wiping the seeded rows ...")
    tables = [m._meta.db_table for m in (User, Community, Tag)] + ["django_session"]
    with connection.cursor() as cur:
        cur.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


def drop_search_index() -> str | None:
    """Building the full-text GIN index once is far cheaper than updating it per row."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [Post._meta.db_table, "%USING gin%"],
        )
        row = cur.fetchone()
        if row is None:
            return None
        cur.execute(f'DROP INDEX "{row[0]}"')
    return row[1]


def restore_search_index(definition: str | None) -> None:
    if definition:
        with connection.cursor() as cur:
            cur.execute(definition)


def seed_users(now) -> list[int]:
    password = make_password(PASSWORD)
    users = []
    for i in range(1, N_USERS + 1):
        name = BENCH_USER if i == 1 else f"{rnd.choice(FIRST)}{i:04d}"
        users.append(
            User(
                username=name,
                email=f"{name}@example.com",
                password=password,
                display_name=name.capitalize(),
                practice=rnd.choice(["Engineer", "Analyst", "Teacher", "Designer", ""]),
                date_joined=now - timedelta(days=rnd.randint(30, 900)),
            )
        )
    return [u.pk for u in User.objects.bulk_create(users, batch_size=BATCH)]


def seed_communities(user_ids: list[int], now) -> list[Community]:
    communities = []
    for i in range(N_COMMUNITIES):
        name = COMMUNITY_NAMES[i % len(COMMUNITY_NAMES)] + (
            "" if i < len(COMMUNITY_NAMES) else f" {i}"
        )
        communities.append(
            Community(
                name=name,
                slug=name.lower().replace(" ", "-"),
                tagline=f"People who care about {name.lower()}",
                concern=" ".join(sentence() for _ in range(3)),
                audience=sentence(),
                ways_of_working=sentence(),
                created_by_id=user_ids[-1 - i],
                stage="maturing",
            )
        )
    return Community.objects.bulk_create(communities)


def seed_memberships(communities, user_ids, cookie_users, big, hot_home, now) -> int:
    """Everyone belongs to a few communities; the logged-in load users to the measured ones."""
    levels = [Level.PERIPHERAL] * 6 + [Level.OCCASIONAL] * 3 + [Level.ACTIVE] * 2 + [Level.CORE]
    pairs = {}
    for c in communities:
        pairs[c.pk, c.created_by_id] = Role.GARDENER
    weights = cumulative(zipf(len(communities), 0.8))
    for uid in user_ids:
        for _ in range(rnd.randint(1, 4)):
            pairs.setdefault((communities[pick(weights)].pk, uid), Role.MEMBER)
    for uid in cookie_users:
        pairs.setdefault((big.pk, uid), Role.MEMBER)
        pairs.setdefault((hot_home.pk, uid), Role.MEMBER)
    rows = [
        Membership(
            community_id=cid,
            user_id=uid,
            role=role,
            level=Level.CORE if role == Role.GARDENER else rnd.choice(levels),
        )
        for (cid, uid), role in pairs.items()
    ]
    Membership.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def main() -> None:
    started = time.perf_counter()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    already = Thread.objects.count()
    if already and "--reset" not in sys.argv:
        say(f"already seeded ({already} threads); --reset to seed again")
        result_file = BENCH_DIR / "seed_result.json"
        if result_file.exists():
            write_paths(json.loads(result_file.read_text())["shape"])
        else:  # a scratch folder wiped since the seed: read the shape back from the rows
            write_paths(shape_from_database())
        return
    if already or User.objects.filter(username=BENCH_USER).exists():
        wipe()
    keep_given_dates()
    now = timezone.now()

    def lap(name: str, t: float) -> None:
        timings[name] = round(time.perf_counter() - t, 1)
        say(f"  {name}: {timings[name]} s")

    t = time.perf_counter()
    with transaction.atomic():
        user_ids = seed_users(now)
        communities = seed_communities(user_ids, now)
    lap("users_and_communities", t)

    # Threads: Zipf-skewed over communities and authors, spread over two years.
    t = time.perf_counter()
    community_w = cumulative(zipf(len(communities), 0.8))
    user_w = zipf(len(user_ids), 0.9)
    rnd.shuffle(user_w)
    user_cum = cumulative(user_w)
    starts = sorted(now - timedelta(seconds=rnd.uniform(0, 730 * 86400)) for _ in range(N_THREADS))
    hot_home = communities[1] if len(communities) > 1 else communities[0]
    threads = []
    for i, start in enumerate(starts):
        threads.append(
            Thread(
                community=hot_home if i == 0 else communities[pick(community_w)],
                author_id=user_ids[pick(user_cum)],
                title=title(),
                created_at=start,
                last_activity_at=start,
            )
        )
    threads[0].title = "Community of practice: weekly open thread"
    threads[0].created_at = threads[0].last_activity_at = now - timedelta(days=400)
    with transaction.atomic():
        threads = Thread.objects.bulk_create(threads, batch_size=BATCH)
        behaviours = list(Behaviour.objects.filter(is_standard=True))
        through = Thread.behaviours.through
        links = []
        for th in threads:
            for b in rnd.sample(behaviours, rnd.choice([1, 1, 1, 2, 2, 3])):
                links.append(through(thread_id=th.pk, behaviour_id=b.pk))
        through.objects.bulk_create(links, batch_size=BATCH)
        answerable_ids = {b.pk for b in behaviours if b.is_answerable}
        answerable = {link.thread_id for link in links if link.behaviour_id in answerable_ids}
        tags = Tag.objects.bulk_create(
            [Tag(name=w, slug=w) for w in sorted(set(WORDS[:60]))], batch_size=BATCH
        )
        ct = ContentType.objects.get_for_model(Thread)
        tagged = [
            TaggedItem(content_type=ct, object_id=th.pk, tag=tag)
            for th in threads
            for tag in rnd.sample(tags, rnd.choice([0, 1, 2, 3]))
        ]
        TaggedItem.objects.bulk_create(tagged, batch_size=BATCH)
    lap("threads_behaviours_tags", t)
    big = max(communities, key=lambda c: sum(1 for th in threads if th.community_id == c.pk))
    by_pk = {c.pk: c for c in communities}

    t = time.perf_counter()
    cookie_users = user_ids[:COOKIE_USERS]
    n_members = seed_memberships(communities, user_ids, cookie_users, big, hot_home, now)
    lap("memberships", t)

    # Posts per thread: the hot one gets its replies, the rest a log-normal share.
    per_thread = [1] * N_THREADS
    per_thread[0] = N_HOT_REPLIES + 1
    rest = N_POSTS - sum(per_thread)
    if rest < 0:
        sys.exit("BENCH_POSTS too small for BENCH_THREADS + BENCH_HOT_REPLIES")
    cum = cumulative([rnd.lognormvariate(0, 1.0) for _ in range(N_THREADS - 1)])
    for _ in range(rest):
        per_thread[1 + pick(cum)] += 1

    t = time.perf_counter()
    search_index = drop_search_index()
    render_s = time.perf_counter()
    pool = []
    for n in range(1, N_BODIES + 1):
        text = body()
        pool.append((text, render_markdown(text)))
        if n % 2000 == 0:
            say(f"  bodies rendered {n:,}/{N_BODIES:,}")
    render_s = time.perf_counter() - render_s
    done = 0
    posts: list[Post] = []
    activities: list[Activity] = []
    answers: dict[int, Post] = {}  # some answerable threads have an accepted second post
    # A bulk load: the ledger's roll-ups are recounted once, at its end.
    with transaction.atomic(), changes.loading():
        for th, n in zip(threads, per_thread, strict=True):
            gap = (now - th.created_at).total_seconds() / (n + 1)
            when = th.created_at
            for number in range(1, n + 1):
                if number > 1:
                    when = min(now, when + timedelta(seconds=rnd.expovariate(1.0 / gap)))
                text, html = rnd.choice(pool)
                author = th.author_id if number == 1 else user_ids[pick(user_cum)]
                posts.append(
                    Post(
                        thread_id=th.pk,
                        author_id=author,
                        body=text,
                        body_html=html,
                        number=number,
                        helpful_count=int(rnd.paretovariate(2.5)) - 1,
                        created_at=when,
                    )
                )
                if number == 2 and th.pk in answerable and th.pk % 4 == 0:
                    answers[th.pk] = posts[-1]  # its pk is known once the batch is saved
                activities.append(
                    Activity(
                        community_id=th.community_id,
                        actor_id=author,
                        verb=Activity.Verb.THREAD_STARTED if number == 1 else Activity.Verb.REPLIED,
                        target_type=Target.THREAD if number == 1 else Target.POST,
                        title=th.title,
                        thread_id=th.pk,
                        created_at=when,
                    )
                )
            th.reply_count, th.last_activity_at, th.last_poster_id = n - 1, when, author
            if len(posts) >= BATCH:
                Post.objects.bulk_create(posts, batch_size=BATCH)
                Activity.objects.bulk_create(activities, batch_size=BATCH)
                done += len(posts)
                posts, activities = [], []
                if done % 10_000 < BATCH:
                    say(f"  posts {done:,}/{N_POSTS:,} ({time.perf_counter() - t:.0f} s)")
        Post.objects.bulk_create(posts, batch_size=BATCH)
        Activity.objects.bulk_create(activities, batch_size=BATCH)
        for th in threads:
            th.accepted_answer_id = answers[th.pk].pk if th.pk in answers else None
        Thread.objects.bulk_update(
            threads,
            ["reply_count", "last_activity_at", "last_poster", "accepted_answer"],
            batch_size=BATCH,
        )
    timings["markdown_render_s"] = round(render_s, 1)
    lap("posts_and_ledger", t)

    t = time.perf_counter()
    Thread.objects.filter(pk__in=[th.pk for th in threads[-3:]]).update(pinned=True)
    restore_search_index(search_index)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    lap("pins_analyze", t)
    timings["total_s"] = round(time.perf_counter() - started, 1)

    counts = sorted(per_thread[1:])
    median = counts[len(counts) // 2]
    typical = next(th for th, n in zip(threads[1:], per_thread[1:], strict=True) if n == median)
    shape = {
        "users": User.objects.count(),
        "communities": Community.objects.count(),
        "memberships": n_members,
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
        "activities": Activity.objects.count(),
        "hot_thread": threads[0].pk,
        "hot_thread_posts": per_thread[0],
        "hot_community": hot_home.slug,
        "big_community": big.slug,
        "big_community_threads": Thread.objects.filter(community=big).count(),
        "typical_thread": typical.pk,
        "typical_community": by_pk[typical.community_id].slug,
        "median_posts_per_thread": median,
    }
    result = {"shape": shape, "timings": timings, "bench_user": BENCH_USER}
    (BENCH_DIR / "seed_result.json").write_text(json.dumps(result, indent=2))
    write_paths(shape)
    say(json.dumps(result, indent=2))


def shape_from_database() -> dict:
    """The few shape facts write_paths needs, found again in a seeded database."""
    from django.db.models import Count

    hot = Thread.objects.order_by("-reply_count").select_related("community").first()
    big = Community.objects.annotate(n=Count("threads")).order_by("-n").first()
    others = Thread.objects.exclude(pk=hot.pk)
    median = others.order_by("reply_count")[others.count() // 2]
    typical = others.filter(reply_count=median.reply_count).select_related("community").first()
    return {
        "hot_community": hot.community.slug,
        "hot_thread": hot.pk,
        "hot_thread_posts": hot.reply_count + 1,
        "big_community": big.slug,
        "typical_community": typical.community.slug,
        "typical_thread": typical.pk,
    }


def write_paths(shape: dict) -> None:
    """The pages to load, one per line, in the order of the peer's paths.txt."""
    hot = f"/c/{shape['hot_community']}/threads/{shape['hot_thread']}/"
    last_page = -(-shape["hot_thread_posts"] // POSTS_PER_PAGE)
    paths = [
        f"/c/{shape['big_community']}/",
        f"/c/{shape['big_community']}/threads/",
        f"/c/{shape['typical_community']}/threads/{shape['typical_thread']}/",
        hot,
        f"{hot}?page={last_page}",
        SEARCH,
    ]
    (BENCH_DIR / "paths.txt").write_text("\n".join(paths) + "\n")
    say(f"paths written to {BENCH_DIR / 'paths.txt'}")


if __name__ == "__main__":
    main()
