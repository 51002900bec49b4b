"""A bounded stream of replies beside the load, through the real reply service.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.write_stream \\
        --target-file FILE [--seconds 3600] [--exclude 1,30]

Every second a member replies to a thread in a community OTHER than the one named in
``--target-file`` (its slug, rewritten by bench/compare.sh before each page it measures);
every minute, starting at once, one replies in THAT community. The measured threads
(``--exclude``) are never replied to, so the pages measured keep their seeded length.
Replies go through ``discussions.services.reply_to_thread``: the ledger, the roll-ups,
notifications and the page cache's change marker see them as they would see a member's.
Stops at SIGTERM or after ``--seconds`` and prints how many replies it made.
"""

import argparse
import os
import random
import signal
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from communities.models import Community, Membership  # noqa: E402
from core.errors import ActionError  # noqa: E402
from discussions.models import Thread  # noqa: E402
from discussions.services import reply_to_thread  # noqa: E402

MARK = "bench write stream"
stopping = False


def _stop(_signum, _frame) -> None:
    global stopping
    stopping = True


def target_slug(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""


def reply_in(community: Community, exclude: set[int], rng: random.Random, n: int) -> bool:
    thread = (
        Thread.objects.filter(community=community, locked=False, slow_mode_seconds=0)
        .exclude(pk__in=exclude)
        .order_by("?")
        .first()
    )
    member = (
        Membership.objects.filter(community=community, user__is_active=True)
        .order_by("?")
        .values_list("user_id", flat=True)
        .first()
    )
    if thread is None or member is None:
        return False
    author = get_user_model().objects.get(pk=member)
    body = f"{MARK} {n}: {rng.choice(['Agreed.', 'We tried this too.', 'Thanks!'])}"
    try:
        reply_to_thread(author=author, thread=thread, body=body)
    except ActionError:  # silenced, or a thread locked meanwhile: the next one will do
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--target-file", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=3600)
    parser.add_argument("--exclude", default="", help="thread ids never replied to")
    parser.add_argument("--other-every", type=float, default=1.0)
    parser.add_argument("--same-every", type=float, default=60.0)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    exclude = {int(x) for x in args.exclude.split(",") if x}
    rng = random.Random(7)
    places = list(Community.objects.filter(visibility="public").order_by("pk"))
    start = time.monotonic()
    next_other = next_same = start
    made = {"other": 0, "same": 0}
    n = 0
    while not stopping and time.monotonic() - start < args.seconds:
        now = time.monotonic()
        slug = target_slug(args.target_file)
        if now >= next_same:
            next_same += args.same_every
            same = [c for c in places if c.slug == slug]
            n += 1
            if same and reply_in(same[0], exclude, rng, n):
                made["same"] += 1
        if now >= next_other:
            next_other += args.other_every
            others = [c for c in places if c.slug != slug]
            n += 1
            if others and reply_in(rng.choice(others), exclude, rng, n):
                made["other"] += 1
        time.sleep(max(0.0, min(next_other, next_same) - time.monotonic()))
    seconds = time.monotonic() - start
    print(
        f"write stream: {made['other']} replies in other communities and {made['same']} in "
        f"the measured one, in {seconds:.0f} s",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
