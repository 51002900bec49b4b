"""Compare a load run's answered writes with the database and print its figures.

    python -m bench.load.check MARKERS.json

MARKERS.json is what the locustfile recorded: the writes answered OK and locust's figures.
Exits 1 on any failed request, any exception in the simulated people, any write answered
with success that is not in the database exactly once, or any write in the database that was
not answered with success.
"""

import json
import re
import sys
from collections import Counter

import django

django.setup()


from discussions.models import Post, Thread  # noqa: E402
from rhythm.models import Rsvp  # noqa: E402
from rhythm.occurrences import stamp  # noqa: E402

MARKER = re.compile(r"[0-9a-f]{32}")
PERCENTILES = ("p50", "p95", "p99")
RSVP_ACTION = re.compile(r"/meetings/(\d+)/([^/]+)/rsvp/$")


def figures(run: dict) -> list[str]:
    head = f"{'page kind':<22}{'requests':>9}{'failures':>9}{'req/s':>8}"
    lines = [head + "".join(f"{p:>7}" for p in PERCENTILES), "-" * (len(head) + 21)]
    for name, row in [*run["kinds"].items(), ("all", run["all"])]:
        lines.append(
            f"{name:<22}{row['requests']:>9}{row['failures']:>9}{row['rps']:>8.1f}"
            + "".join(f"{row[p] or 0:>7.0f}" for p in PERCENTILES)
        )
    lines.append("(response times in ms)")
    return lines


def compare(written: dict) -> tuple[list[str], list[str]]:
    """What was answered against what is stored: (figures, problems)."""
    problems = []
    threads = Counter(
        MARKER.search(title).group()
        for title in Thread.objects.filter(title__startswith="Load thread ").values_list(
            "title", flat=True
        )
    )
    replies = Counter(
        MARKER.search(body).group()
        for body in Post.objects.filter(body__startswith="Load reply ").values_list(
            "body", flat=True
        )
    )
    for kind, answered, stored in (
        ("thread", written["threads"], threads),
        ("reply", written["replies"], replies),
    ):
        for marker in answered:
            if stored[marker] != 1:
                problems.append(f"{kind} {marker} answered OK, stored {stored[marker]} times")
        for marker in set(stored) - set(answered):
            problems.append(f"{kind} {marker} stored but never answered OK")

    answers = {}
    for key, answer in written["rsvps"].items():
        username, action = key.split(" ", 1)
        series, when = RSVP_ACTION.search(action).groups()
        answers[(username, int(series), when)] = answer
    rows = Rsvp.objects.filter(user__username__startswith="load").select_related(
        "occurrence", "user"
    )
    stored_rsvps = {}
    for row in rows:
        when = stamp(row.occurrence.original_start)
        stored_rsvps[(row.user.username, row.occurrence.series_id, when)] = row.answer
    for key, answer in answers.items():
        if stored_rsvps.get(key) != answer:
            problems.append(f"RSVP {key} answered {answer!r}, stored {stored_rsvps.get(key)!r}")
    for key in set(stored_rsvps) - set(answers):
        problems.append(f"RSVP {key} stored but never answered OK")

    lines = [
        f"{'writes':<22}{'answered OK':>12}{'rows found':>12}",
        f"{'threads':<22}{len(written['threads']):>12}{sum(threads.values()):>12}",
        f"{'replies':<22}{len(written['replies']):>12}{sum(replies.values()):>12}",
        f"{'RSVPs (people x dates)':<22}{len(answers):>12}{len(stored_rsvps):>12}",
    ]
    return lines, problems


def main(markers_path: str) -> int:
    with open(markers_path) as handle:
        run = json.load(handle)
    write_lines, problems = compare(run["written"])
    print("\n".join([*figures(run), "", *write_lines]))
    budgets = run["budgets"]
    print(
        f"Rate limits as shipped, none raised: each person (a new account) made at most "
        f"{budgets.get('threads')} threads and {budgets.get('replies')} replies, what a new "
        f"account may in an hour, and {budgets.get('rsvps')} RSVPs (not limited); a 429 would "
        "count as a failure. Sign-ins count per client address (TRUSTED_PROXY_COUNT=1)."
    )
    total = run["all"]
    failures = []
    if total["failures"]:
        failures.append(f"{total['failures']} of {total['requests']} requests failed")
        failures.extend(f"  {error}" for error in run["errors"])
    if run["exceptions"]:
        failures.append(f"{len(run['exceptions'])} kinds of exception in the simulated people:")
        failures.extend(f"  {message}" for message in run["exceptions"])
    if not total["requests"]:
        failures.append("no requests were made")
    problems = failures + problems  # what failed first, then what was lost or doubled
    if problems:
        print("\nLOAD RUN FAILED:\n  " + "\n  ".join(problems[:50]), file=sys.stderr)
        return 1
    print("\nLoad run passed: no failures, every write answered OK is stored exactly once.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
